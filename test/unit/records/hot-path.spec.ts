/**
 * The ingress hot path's shortcuts answer exactly as the general code they skip: the envelope
 * read without a reader, record ids encoded in place, duplicate attribute names found without a
 * Set, creator tags remembered by pairs (issue 9/15 benchmark work).
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { attributesProblem } from '../../../protocols/records/attributes.ts'
import { idHex } from '../../../protocols/records/body-decoder.ts'
import { SignedRecord } from '../../../protocols/records/pb/record.ts'
import { CREATOR_TAG_HEX, creatorTag } from '../../../protocols/records/record-id.ts'
import { decodeSignedRecord, isCanonicalSignedRecord } from '../../../protocols/records/signed-decoder.ts'
import { memoize2 } from '../../../protocols/records/string-memo.ts'
import type { RecordAttribute } from '../../../protocols/records/types.ts'
import { prng } from './helpers.ts'

type Outcome = { body: string, signature: string, canonical: boolean } | 'throws'

function outcome (bytes: Uint8Array): Outcome {
  try {
    const parts = decodeSignedRecord(bytes)
    return { body: Buffer.from(parts.body).toString('hex'), signature: Buffer.from(parts.signature).toString('hex'), canonical: isCanonicalSignedRecord(bytes, parts) }
  } catch {
    return 'throws'
  }
}

/** What the generated decoder reads, or 'throws'. */
function reference (bytes: Uint8Array): Omit<Exclude<Outcome, 'throws'>, 'canonical'> | 'throws' {
  try {
    const pb = SignedRecord.decode(bytes)
    return { body: Buffer.from(pb.body).toString('hex'), signature: Buffer.from(pb.signature).toString('hex') }
  } catch {
    return 'throws'
  }
}

function envelope (bodyLength: number, signatureLength = 64): Uint8Array {
  return SignedRecord.encode({ body: new Uint8Array(bodyLength).fill(7), signature: new Uint8Array(signatureLength).fill(9) })
}

describe('records/hot path shortcuts', () => {
  it('reads canonical envelopes of every length-field size as the generated decoder does', () => {
    for (const length of [1, 127, 128, 300, 16_383, 16_384, 70_000]) {
      const bytes = envelope(length)
      const ours = outcome(bytes)
      assert.notEqual(ours, 'throws')
      assert.deepEqual({ body: (ours as Exclude<Outcome, 'throws'>).body, signature: (ours as Exclude<Outcome, 'throws'>).signature }, reference(bytes))
      assert.equal((ours as Exclude<Outcome, 'throws'>).canonical, true)
    }
  })

  it('reads non-canonical envelopes through the general reader, and never calls them canonical', () => {
    const canonical = envelope(40)
    const cases: Uint8Array[] = [
      Uint8Array.of(...canonical, 0x1a, 0x00), // an unknown field after
      Uint8Array.of(0x1a, 0x00, ...canonical), // an unknown field before
      Uint8Array.of(...canonical, ...canonical.subarray(0, 10)), // trailing bytes
      envelope(40, 63), // short signature
      envelope(40, 65), // long signature
      SignedRecord.encode({ body: new Uint8Array(40), signature: new Uint8Array(0) }), // no signature
      Uint8Array.of(0x0a, 0xa8, 0x00, ...new Uint8Array(40), 0x12, 0x40, ...new Uint8Array(64)), // non-minimal length (40 in 2 bytes)
      Uint8Array.of(0x12, 0x40, ...new Uint8Array(64), 0x0a, 40, ...new Uint8Array(40)), // signature first
      Uint8Array.of(0x0a, 40, ...new Uint8Array(40), 0x12, 0x40, ...new Uint8Array(63)), // truncated
      Uint8Array.of(0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), // overlong length
      Uint8Array.of(0x0a), Uint8Array.of(), Uint8Array.of(0x0a, 0x80)
    ]
    // the general reader refuses a non-minimal length, and so does the shortcut
    assert.throws(() => decodeSignedRecord(cases[6]!))
    for (const bytes of cases) {
      const ours = outcome(bytes)
      if (ours === 'throws') continue
      assert.equal(ours.canonical, false, Buffer.from(bytes).toString('hex'))
      assert.deepEqual({ body: ours.body, signature: ours.signature }, reference(bytes))
    }
  })

  it('agrees with the generated decoder on mutated envelopes', () => {
    const random = prng(21)
    for (let n = 0; n < 3000; n++) {
      const bytes = Uint8Array.from(envelope(Math.floor(random() * 300)))
      for (let k = 0; k < 1 + Math.floor(random() * 2); k++) bytes[Math.floor(random() * Math.min(bytes.length, 8))] = Math.floor(random() * 256)
      const ours = outcome(bytes)
      const theirs = reference(bytes)
      if (ours === 'throws') continue // ours is stricter (non-minimal varints)
      assert.deepEqual({ body: ours.body, signature: ours.signature }, theirs)
    }
  })

  it('encodes record ids in place exactly as a Buffer does, at any offset', () => {
    const random = prng(5)
    const bytes = Uint8Array.from({ length: 200 }, () => Math.floor(random() * 256))
    const shifted = new Uint8Array(bytes.buffer, 3, 150)
    for (let start = 0; start < 130; start += 7) {
      assert.equal(idHex(shifted, start, start + 16), Buffer.from(shifted.buffer, shifted.byteOffset + start, 16).toString('hex'))
    }
    assert.equal(idHex(Uint8Array.of(0, 1, 0xab, 0xff)), '0001abff')
  })

  it('finds duplicate attribute names, in any case, in short and long lists alike', () => {
    const attr = (name: string): RecordAttribute => ({ name, type: 'string', value: 'v' })
    for (const count of [2, 3, 8, 9, 20, 64]) {
      const names = Array.from({ length: count }, (_, i) => `name${i}`)
      assert.equal(attributesProblem(names.map(attr)), undefined)
      for (const at of [0, count - 1]) {
        const withDuplicate = [...names.map(attr), attr(names[at]!.toUpperCase())]
        if (withDuplicate.length > 64) withDuplicate.splice(1, 1)
        assert.match(attributesProblem(withDuplicate) ?? '', /duplicate attribute/, `${count} ${at}`)
      }
    }
  })

  it('keeps creator tags as they were: the first 8 bytes of the sha256, whatever the memo holds', () => {
    const old = (groupId: string, creator: string): string =>
      createHash('sha256').update(`peerhood/record-id-tag/v1\n${groupId}\n${creator}\n0`).digest('hex').slice(0, CREATOR_TAG_HEX)
    for (const [g, c] of [['g1', 'alice'], ['g1', 'bob'], ['g2', 'alice'], ['g1', 'alice']] as const) {
      const expected = old(g, c)
      if (!expected.startsWith('70687264')) assert.equal(creatorTag(g, c), expected)
    }
  })

  it('remembers pairs, never confusing (a, b) with another pair, and stays bounded', () => {
    let calls = 0
    const join = memoize2((a: string, b: string) => { calls++; return `${a}|${b}` }, 3)
    const pairs: Array<[string, string]> = [['a', 'bc'], ['ab', 'c'], ['a', 'bc'], ['b', 'x'], ['a', 'y'], ['ab', 'c'], ['a', 'bc']]
    for (const [a, b] of pairs) assert.equal(join(a, b), `${a}|${b}`)
    assert.ok(calls >= 5 && calls <= pairs.length, String(calls))
    calls = 0
    const again = memoize2((a: string, b: string) => { calls++; return a + b })
    for (let i = 0; i < 10; i++) assert.equal(again('g', 'p'), 'gp')
    assert.equal(calls, 1)
  })
})
