import assert from 'node:assert/strict'
import { toString as uint8ArrayToString } from 'uint8arrays/to-string'
import { decodeRecordBody } from '../../../protocols/records/body-decoder.ts'
import { BytesCache } from '../../../protocols/records/bytes-cache.ts'
import { encodeRecordBody } from '../../../protocols/records/codec.ts'
import { Attribute, RecordBody, SignedRecord } from '../../../protocols/records/pb/record.ts'
import { decodeSignedRecord } from '../../../protocols/records/signed-decoder.ts'
import type { GroupRecord, RecordAttribute } from '../../../protocols/records/types.ts'
import { WireReader } from '../../../protocols/records/wire-reader.ts'
import { member, prng, record, T0, type TestMember } from './helpers.ts'

/** What the generated protons decoder reads, in the typed form. */
function reference (body: Uint8Array): GroupRecord {
  const pb = RecordBody.decode(body)
  const attributes: RecordAttribute[] = pb.attributes.map(a => a.kind === Attribute.Kind.STRING
    ? { name: a.name, type: 'string', value: a.value! }
    : a.kind === Attribute.Kind.INT ? { name: a.name, type: 'int', value: a.int! } : { name: a.name, type: 'date', value: a.date! })
  return {
    groupId: pb.groupId,
    type: pb.type,
    id: Buffer.from(pb.id).toString('hex'),
    version: pb.version,
    creator: uint8ArrayToString(pb.creator, 'base58btc'),
    modifier: uint8ArrayToString(pb.modifier, 'base58btc'),
    created: pb.created,
    modified: pb.modified,
    expires: pb.expires,
    attributes,
    data: pb.data,
    deleted: pb.deleted
  }
}

function plain (rec: GroupRecord): unknown {
  return { ...rec, data: Buffer.from(rec.data).toString('hex') }
}

function randomRecord (random: () => number, a: TestMember, b: TestMember, n: number): GroupRecord {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!
  const attributes: RecordAttribute[] = []
  for (let i = 0; i < Math.floor(random() * 6); i++) {
    const name = `a${i}`
    attributes.push(pick<RecordAttribute>([
      { name, type: 'string', value: pick(['', 'x', 'héllo 🌍', 'z'.repeat(200)]) },
      { name, type: 'int', value: pick([0, -1, 1, 2 ** 31, -(2 ** 40), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) },
      { name, type: 'date', value: pick([0, T0, Number.MAX_SAFE_INTEGER]) }
    ]))
  }
  return record(a.peerId, {
    groupId: pick(['g', 'aaaa.classifier', 'x'.repeat(300)]),
    type: pick(['t', 'com.example.note', 'peerhood.membership']),
    id: Buffer.from(Array.from({ length: 16 }, () => Math.floor(random() * 256))).toString('hex'),
    version: pick([1, 2, 127, 128, 2 ** 32 - 1]),
    modifier: random() < 0.5 ? a.peerId : b.peerId,
    created: T0 + n,
    modified: T0 + n + Math.floor(random() * 1000),
    expires: pick([T0 + 1, Number.MAX_SAFE_INTEGER]),
    attributes,
    data: new Uint8Array(Math.floor(random() * 300)).map(() => Math.floor(random() * 256)),
    deleted: random() < 0.2
  })
}

describe('records/decoders', () => {
  let alice: TestMember
  let bob: TestMember

  before(async () => {
    alice = await member(1)
    bob = await member(2)
  })

  it('reads exactly what the generated RecordBody decoder reads (random records)', () => {
    const random = prng(11)
    for (let n = 0; n < 300; n++) {
      const body = encodeRecordBody(randomRecord(random, alice, bob, n))
      assert.deepEqual(plain(decodeRecordBody(body).record), plain(reference(body)))
    }
  })

  it('accepts only what the generated decoder also reads the same way (mutated bytes)', () => {
    const random = prng(12)
    let accepted = 0
    for (let n = 0; n < 2000; n++) {
      const body = Uint8Array.from(encodeRecordBody(randomRecord(random, alice, bob, n)))
      for (let k = 0; k < 1 + Math.floor(random() * 3); k++) body[Math.floor(random() * body.length)] = Math.floor(random() * 256)
      let ours: GroupRecord
      try {
        ours = decodeRecordBody(body).record
      } catch {
        continue
      }
      accepted++
      assert.deepEqual(plain(ours), plain(reference(body)))
    }
    assert.ok(accepted > 0)
  })

  it('reads the SignedRecord envelope as the generated decoder does', () => {
    const bytes = SignedRecord.encode({ body: Uint8Array.of(1, 2, 3), signature: new Uint8Array(64).fill(9) })
    const ours = decodeSignedRecord(bytes)
    const theirs = SignedRecord.decode(bytes)
    assert.deepEqual([...ours.body], [...theirs.body])
    assert.deepEqual([...ours.signature], [...theirs.signature])
    assert.throws(() => decodeSignedRecord(Uint8Array.of(0x08, 0x01, 0x0a)))
    assert.throws(() => decodeSignedRecord(Uint8Array.of(0x0a, 0x05, 0x01)))
  })

  it('reads varints exactly up to 2^53 - 1 and refuses larger, truncated or overlong ones', () => {
    const encode = (value: bigint): number[] => {
      const out: number[] = []
      do {
        let byte = Number(value & 0x7fn)
        value >>= 7n
        if (value > 0n) byte |= 0x80
        out.push(byte)
      } while (value > 0n)
      return out
    }
    for (const v of [0n, 1n, 127n, 128n, 300n, 2n ** 31n, 2n ** 32n, 2n ** 53n - 1n]) {
      assert.equal(new WireReader(Uint8Array.from(encode(v))).varint(), Number(v))
    }
    assert.throws(() => new WireReader(Uint8Array.from(encode(2n ** 53n))).varint())
    assert.throws(() => new WireReader(Uint8Array.from(encode(2n ** 64n - 1n))).varint())
    assert.throws(() => new WireReader(Uint8Array.of(0x80, 0x80)).varint())
    assert.throws(() => new WireReader(new Uint8Array(11).fill(0x80)).varint())
    assert.throws(() => new WireReader(Uint8Array.of(0x81, 0x00)).varint()) // non-minimal
    assert.throws(() => new WireReader(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x01)).uint32()) // 2^35
    assert.equal(new WireReader(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f)).uint32(), 2 ** 32 - 1)
    assert.equal(new WireReader(Uint8Array.from(encode((2n ** 53n - 1n) * 2n - 1n))).sint(), -(2 ** 53) + 1) // zig-zag beyond 2^53
    assert.equal(new WireReader(Uint8Array.from(encode((2n ** 53n - 1n) * 2n))).sint(), 2 ** 53 - 1)
    assert.throws(() => new WireReader(Uint8Array.from(encode(2n ** 54n + 1n))).sint())
    assert.equal(new WireReader(Uint8Array.of(0x03)).sint(), -2)
    assert.equal(new WireReader(Uint8Array.of(0x04)).sint(), 2)
    assert.throws(() => { new WireReader(Uint8Array.of(0x01)).skip(3) })
    assert.throws(() => { new WireReader(Uint8Array.of(0x01, 0x02)).skip(5) })
  })

  it('looks up a range of bytes in place, keeping its own copy of the key', () => {
    let made = 0
    const cache = new BytesCache<string>(8, bytes => { made++; return Buffer.from(bytes).toString('hex') })
    const buffer = Buffer.from('xxabcdefyy')
    assert.equal(cache.get(buffer, 2, 8), Buffer.from('abcdef').toString('hex'))
    assert.equal(cache.get(Uint8Array.from(Buffer.from('abcdef'))), Buffer.from('abcdef').toString('hex'))
    assert.equal(made, 1)
    buffer.write('zzzzzz', 2) // the caller's buffer changes (a pooled Buffer is reused): the cached key does not
    assert.equal(cache.get(buffer, 2, 8), Buffer.from('zzzzzz').toString('hex'))
    assert.equal(cache.get(Buffer.from('abcdef')), Buffer.from('abcdef').toString('hex'))
    assert.equal(made, 2)
  })

  it('reads attribute texts the same whether short, long, ASCII or not', () => {
    for (const value of ['', 'a', 'member12', 'x'.repeat(24), 'x'.repeat(25), 'é', 'abcé', '\u0000\u007f', '🌍'.repeat(10)]) {
      const body = encodeRecordBody(record(alice.peerId, { attributes: [{ name: 'v', type: 'string', value }] }))
      assert.deepEqual(decodeRecordBody(body).record.attributes, [{ name: 'v', type: 'string', value }])
    }
  })

  it('keeps giving the right value for each key as its cache turns over', () => {
    let made = 0
    const cache = new BytesCache<string>(8, bytes => { made++; return Buffer.from(bytes).toString('hex') })
    const random = prng(5)
    for (let i = 0; i < 2000; i++) {
      const key = Uint8Array.of(Math.floor(random() * 40), 7, 7, 7, 7, 7, 7, 7, 7)
      assert.equal(cache.get(key), Buffer.from(key).toString('hex'))
    }
    assert.ok(made < 2000)
    const hot = Uint8Array.of(1, 2, 3)
    cache.get(hot)
    const before = made
    for (let i = 0; i < 100; i++) cache.get(hot)
    assert.equal(made, before)
  })
})
