import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { decodeRecord, encodeRecord, encodeRecordBody, recordHash, recordIdFromHex } from '../../../protocols/records/codec.ts'
import { Attribute, RecordBody, SignedRecord } from '../../../protocols/records/pb/record.ts'
import { signRecord } from '../../../protocols/records/sign.ts'
import { verifyRecordSignature } from '../../../protocols/records/verify.ts'
import type { GroupRecord } from '../../../protocols/records/types.ts'
import { DAY, GROUP, member, record, repoPath, signed, T0, type TestMember } from './helpers.ts'

const FIXTURE = repoPath('test', 'fixtures', 'records', 'signed-record-v1.hex')

function fixtureRecord (author: string): GroupRecord {
  return record(author, {
    id: '00112233445566778899aabbccddeeff',
    version: 3,
    created: T0,
    modified: T0 + 1000,
    expires: T0 + 7 * DAY,
    attributes: [
      { name: 'author', type: 'string', value: 'alice' },
      { name: 'size', type: 'int', value: -42 },
      { name: 'due', type: 'date', value: T0 + DAY }
    ],
    data: new TextEncoder().encode('frozen')
  })
}

function codeOf (fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (err) {
    if (isPeerhoodError(err)) return err.code
    throw err
  }
  return undefined
}

describe('records/codec', () => {
  let alice: TestMember

  before(async () => {
    alice = await member(1)
  })

  it('round-trips a record through encode and decode', () => {
    const rec = fixtureRecord(alice.peerId)
    const bytes = signed(rec, alice.privateKey)
    const decoded = decodeRecord(bytes)
    assert.deepEqual({ ...decoded.record, data: [...decoded.record.data] }, { ...rec, data: [...rec.data] })
    assert.deepEqual(decoded.hash, recordHash(bytes))
    assert.equal(decoded.hash.length, 32)
  })

  it('round-trips a tombstone with no data or attributes', () => {
    const rec = record(alice.peerId, { deleted: true, data: new Uint8Array(0), version: 2 })
    const decoded = decodeRecord(signed(rec, alice.privateKey))
    assert.equal(decoded.record.deleted, true)
    assert.equal(decoded.record.data.length, 0)
  })

  it('encodes a record from a fixed key, id and times to the frozen fixture bytes', () => {
    const bytes = signed(fixtureRecord(alice.peerId), alice.privateKey)
    const frozen = readFileSync(FIXTURE, 'utf8').trim()
    assert.equal(Buffer.from(bytes).toString('hex'), frozen)
    assert.ok(verifyRecordSignature(decodeRecord(Buffer.from(frozen, 'hex')))) // and it still verifies
  })

  it('keeps the body bytes as sent, so a re-encoded envelope still verifies', () => {
    const bytes = signed(fixtureRecord(alice.peerId), alice.privateKey)
    const { body, signature } = decodeRecord(bytes)
    // an unknown field appended by a newer sender is covered by the signature and preserved
    const extended = new Uint8Array([...body, 0xf8, 0x01, 0x01]) // field 31, varint 1
    const resigned = encodeRecord(signRecord(extended, alice.privateKey))
    assert.ok(verifyRecordSignature(decodeRecord(resigned)))
    assert.ok(verifyRecordSignature({ body, signature }))
  })

  it('refuses bytes that are not a signed record: INVALID_RECORD', () => {
    assert.equal(codeOf(() => decodeRecord(Uint8Array.of(0xff, 0xff, 0xff))), 'INVALID_RECORD')
    assert.equal(codeOf(() => decodeRecord(new Uint8Array(0))), 'INVALID_RECORD')
  })

  it('refuses a signature that is not 64 bytes, a short id, a version 0 and a non-Ed25519 signer: INVALID_RECORD', () => {
    const body = encodeRecordBody(record(alice.peerId))
    assert.equal(codeOf(() => decodeRecord(SignedRecord.encode({ body, signature: new Uint8Array(10) }))), 'INVALID_RECORD')
    const pb = RecordBody.decode(body)
    const variants: Array<Partial<RecordBody>> = [
      { id: Uint8Array.from(recordIdFromHex('00112233445566778899aabbccddeeff').subarray(0, 8)) },
      { version: 0 },
      { creator: Uint8Array.from([0x12, 0x20, ...new Uint8Array(32)]) },
      { modifier: new Uint8Array(0) }
    ]
    for (const variant of variants) {
      const bad = RecordBody.encode({ ...pb, ...variant })
      assert.equal(codeOf(() => decodeRecord(SignedRecord.encode({ body: bad, signature: new Uint8Array(64) }))), 'INVALID_RECORD', JSON.stringify(Object.keys(variant)))
    }
    // expires = 2^60 (beyond safe integers), as a later field 9 that overrides the first
    const huge = Uint8Array.from([...body, 0x48, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10])
    assert.equal(codeOf(() => decodeRecord(SignedRecord.encode({ body: huge, signature: new Uint8Array(64) }))), 'INVALID_RECORD')
  })

  it('refuses attributes whose value does not match their kind, or more than 64: INVALID_ATTRIBUTES', () => {
    const pb = RecordBody.decode(encodeRecordBody(record(alice.peerId)))
    const mismatched = RecordBody.encode({ ...pb, attributes: [{ name: 'a', kind: Attribute.Kind.INT, value: 'x' }] })
    assert.equal(codeOf(() => decodeRecord(SignedRecord.encode({ body: mismatched, signature: new Uint8Array(64) }))), 'INVALID_ATTRIBUTES')
    const many = Array.from({ length: 65 }, (_, i) => ({ name: `a${i}`, kind: Attribute.Kind.STRING, value: 'v' }))
    const tooMany = RecordBody.encode({ ...pb, attributes: many })
    assert.equal(codeOf(() => decodeRecord(SignedRecord.encode({ body: tooMany, signature: new Uint8Array(64) }))), 'INVALID_ATTRIBUTES')
  })

  it('names the group, signer and times as text and numbers', () => {
    const decoded = decodeRecord(signed(record(alice.peerId), alice.privateKey))
    assert.equal(decoded.record.groupId, GROUP)
    assert.equal(decoded.record.creator, alice.peerId)
    assert.equal(typeof decoded.record.expires, 'number')
  })
})
