import assert from 'node:assert/strict'
import { decodeRecord, encodeRecordBody, recordHash } from '../../../protocols/records/codec.ts'
import { admitIngress, validateIngress, type IngressContext, type StoredVersion } from '../../../protocols/records/ingress.ts'
import { Attribute, RecordBody, SignedRecord } from '../../../protocols/records/pb/record.ts'
import { INGRESS_REASONS } from '../../../protocols/records/reasons.ts'
import { signRecord } from '../../../protocols/records/sign.ts'
import { credential, DAY, GROUP, member, membership, record, signed, T0, type TestMember } from './helpers.ts'
import { reservedRecordTypes } from '../../../protocols/peer-groups/reserved-types.ts'
import { reservedRecordId } from '../../../protocols/records/reserved.ts'

describe('records/ingress', () => {
  let alice: TestMember
  let bob: TestMember
  let admin: TestMember
  let stranger: TestMember

  before(async () => {
    alice = await member(1)
    bob = await member(2)
    admin = await member(3)
    stranger = await member(4)
  })

  function ctx (stored?: StoredVersion, extra: Partial<IngressContext> = {}): IngressContext {
    const members = membership([
      credential(alice.peerId),
      credential(bob.peerId),
      credential(admin.peerId, ['administrator'])
    ])
    return {
      groupId: GROUP,
      maxRecordSize: 4096,
      now: T0 + 1000,
      lookupMember: members.lookup,
      ...(stored === undefined ? {} : { stored: () => stored }),
      ...extra
    }
  }

  function stored (bytes: Uint8Array): StoredVersion {
    return decodeRecord(bytes)
  }

  it('accepts a valid record from a member: ACCEPTED', () => {
    const result = validateIngress(signed(record(alice.peerId), alice.privateKey), ctx())
    assert.equal(result.action, 'accept')
    assert.equal(result.reason, 'ACCEPTED')
    assert.equal(result.record?.record.creator, alice.peerId)
  })

  it('rejects a record above the max size: MAX_RECORD_SIZE_EXCEEDED (before decoding above the reserved-record limit)', () => {
    const bytes = signed(record(alice.peerId, { data: new Uint8Array(5000) }), alice.privateKey)
    const over = validateIngress(bytes, ctx())
    assert.equal(over.action, 'reject')
    assert.equal(over.reason, 'MAX_RECORD_SIZE_EXCEEDED')
    const huge = signed(record(alice.peerId, { data: new Uint8Array(70 * 1024) }), alice.privateKey)
    assert.deepEqual(validateIngress(huge, ctx()), { action: 'reject', reason: 'MAX_RECORD_SIZE_EXCEEDED' })
  })

  it('rejects bytes that do not decode: MALFORMED', () => {
    const result = validateIngress(Uint8Array.of(1, 2, 3), ctx())
    assert.equal(result.reason, 'MALFORMED')
    assert.equal(result.action, 'reject')
  })

  it('rejects a record of another group: WRONG_GROUP', () => {
    const result = validateIngress(signed(record(alice.peerId, { groupId: 'other' }), alice.privateKey), ctx())
    assert.deepEqual([result.action, result.reason], ['reject', 'WRONG_GROUP'])
  })

  it('rejects bad attributes: INVALID_ATTRIBUTES', () => {
    const rec = record(alice.peerId, { attributes: [{ name: 'peerx', type: 'string', value: 'v' }] })
    assert.equal(validateIngress(signed(rec, alice.privateKey), ctx()).reason, 'INVALID_ATTRIBUTES')
    const pb = RecordBody.decode(encodeRecordBody(record(alice.peerId)))
    const body = RecordBody.encode({ ...pb, attributes: [{ name: 'a', kind: Attribute.Kind.DATE, value: 'x' }] })
    const bytes = SignedRecord.encode(signRecord(body, alice.privateKey) as SignedRecord)
    assert.equal(validateIngress(bytes, ctx()).reason, 'INVALID_ATTRIBUTES')
  })

  it('rejects a malformed type: INVALID_RECORD', () => {
    assert.equal(validateIngress(signed(record(alice.peerId, { type: 'a b' }), alice.privateKey), ctx()).reason, 'INVALID_RECORD')
  })

  it('accepts the node\'s reserved types on ingress only in their exact shape, and none without the table: INVALID_RESERVED_RECORD', () => {
    // issue 9, defect 6: before, any peerhood.* record of any shape was accepted
    const presence = record(alice.peerId, {
      type: 'peerhood.presence',
      id: reservedRecordId(GROUP, 'peerhood.presence', alice.peerId),
      data: new TextEncoder().encode(JSON.stringify({ addresses: ['/ip4/127.0.0.1/tcp/1'], status: 'online' }))
    })
    const bytes = signed(presence, alice.privateKey)
    assert.equal(validateIngress(bytes, { ...ctx(), reserved: reservedRecordTypes() }).reason, 'ACCEPTED')
    assert.equal(validateIngress(bytes, ctx()).reason, 'INVALID_RESERVED_RECORD')
    assert.equal(validateIngress(signed(record(alice.peerId, { type: 'peerhood.presence' }), alice.privateKey), { ...ctx(), reserved: reservedRecordTypes() }).reason, 'INVALID_RESERVED_RECORD')
  })

  it('ignores bytes it already holds: DUPLICATE', () => {
    const bytes = signed(record(alice.peerId), alice.privateKey)
    assert.deepEqual(validateIngress(bytes, ctx(stored(bytes))).action, 'ignore')
    assert.equal(validateIngress(bytes, ctx(stored(bytes))).reason, 'DUPLICATE')
    const hash = recordHash(bytes)
    assert.equal(validateIngress(bytes, ctx(undefined, { isKnown: h => Buffer.compare(h, hash) === 0 })).reason, 'DUPLICATE')
  })

  it('rejects a forged signature and a tampered body: BAD_SIGNATURE', () => {
    const forged = signed(record(alice.peerId), stranger.privateKey)
    assert.deepEqual([validateIngress(forged, ctx()).action, validateIngress(forged, ctx()).reason], ['reject', 'BAD_SIGNATURE'])
    const good = decodeRecord(signed(record(alice.peerId), alice.privateKey))
    const pb = RecordBody.decode(good.body)
    const tamperedBody = RecordBody.encode({ ...pb, expires: pb.expires + 1 })
    const tampered = SignedRecord.encode({ body: tamperedBody, signature: Uint8Array.from(good.signature) })
    assert.equal(validateIngress(tampered, ctx()).reason, 'BAD_SIGNATURE')
  })

  it('defers a record whose signer is not a known member: UNKNOWN_SIGNER', () => {
    const result = validateIngress(signed(record(stranger.peerId), stranger.privateKey), ctx())
    assert.deepEqual([result.action, result.reason], ['defer', 'UNKNOWN_SIGNER'])
    assert.ok(result.record !== undefined)
  })

  it('rejects a member changing another member\'s record, accepts an administrator: NOT_AUTHORIZED', () => {
    const byBob = record(alice.peerId, { modifier: bob.peerId, version: 2 })
    assert.equal(validateIngress(signed(byBob, bob.privateKey), ctx()).reason, 'NOT_AUTHORIZED')
    const byAdmin = record(alice.peerId, { modifier: admin.peerId, version: 2 })
    assert.equal(validateIngress(signed(byAdmin, admin.privateKey), ctx()).reason, 'ACCEPTED')
  })

  it('ignores a record already expired at arrival: EXPIRED', () => {
    const rec = record(alice.peerId, { expires: T0 + 500 })
    assert.deepEqual(validateIngress(signed(rec, alice.privateKey), ctx()).action, 'ignore')
    assert.equal(validateIngress(signed(rec, alice.privateKey), ctx()).reason, 'EXPIRED')
  })

  it('rejects an expiry beyond the modifier\'s credential: INVALID_RECORD_EXPIRATION', () => {
    const rec = record(alice.peerId, { expires: T0 + 31 * DAY })
    assert.equal(validateIngress(signed(rec, alice.privateKey), ctx()).reason, 'INVALID_RECORD_EXPIRATION')
  })

  it('rejects a modification outside the modifier\'s credential: INVALID_TIME_PERIOD', () => {
    const rec = record(alice.peerId, { created: T0 - 2 * DAY, modified: T0 - 2 * DAY })
    assert.equal(validateIngress(signed(rec, alice.privateKey), ctx()).reason, 'INVALID_TIME_PERIOD')
  })

  it('ignores versions that lose to the stored one: STALE', () => {
    const v2 = signed(record(alice.peerId, { version: 2, modified: T0 + 10 }), alice.privateKey)
    const v1 = signed(record(alice.peerId), alice.privateKey)
    assert.deepEqual(validateIngress(v1, ctx(stored(v2))).action, 'ignore')
    assert.equal(validateIngress(v1, ctx(stored(v2))).reason, 'STALE')
    assert.equal(validateIngress(v2, ctx(stored(v1))).reason, 'ACCEPTED')
  })

  it('rejects a newer version that changes an immutable field: INVALID_RECORD', () => {
    const v1 = signed(record(alice.peerId), alice.privateKey)
    const hijack = signed(record(bob.peerId, { version: 2, type: 'com.example.note' }), bob.privateKey)
    assert.equal(validateIngress(hijack, ctx(stored(v1))).reason, 'INVALID_RECORD')
  })

  it('runs the stateless stages alone', () => {
    const admitted = admitIngress(signed(record(alice.peerId), alice.privateKey), { groupId: GROUP, maxRecordSize: 4096 })
    assert.ok(!('action' in admitted))
  })

  it('maps every reason to one action', () => {
    for (const [reason, action] of Object.entries(INGRESS_REASONS)) {
      assert.match(reason, /^[A-Z_]+$/)
      assert.ok(['accept', 'ignore', 'reject', 'defer'].includes(action))
    }
  })
})
