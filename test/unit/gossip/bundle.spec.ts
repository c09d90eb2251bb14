import assert from 'node:assert/strict'
import { decodeBundle, encodeBundle, MAX_BUNDLE_RECORDS } from '../../../protocols/group-gossip/bundle.ts'
import { packBundles } from '../../../protocols/group-gossip/outbox.ts'
import { encodeRecord } from '../../../protocols/records/codec.ts'

const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill)

describe('gossip record bundles', () => {
  it('round-trips records in order, as views of the message', () => {
    const records = [bytes(3, 1), bytes(1000, 2), bytes(70_000, 3)]
    const decoded = decodeBundle(encodeBundle(records))
    assert.ok(decoded !== undefined)
    assert.deepEqual(decoded.map(r => [r.byteLength, r[0]]), [[3, 1], [1000, 2], [70_000, 3]])
  })

  const refused: Array<[string, Uint8Array]> = [
    ['an empty message', new Uint8Array(0)],
    ['a bundle of no records', encodeBundle([])],
    ['a bundle holding an empty record', encodeBundle([bytes(2, 1), new Uint8Array(0)])],
    ['a bare signed record', encodeRecord({ body: bytes(40, 7), signature: bytes(64, 9) })],
    ['a truncated bundle', encodeBundle([bytes(100, 1)]).subarray(0, 50)],
    ['garbage', Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])],
    ['too many records', encodeBundle(Array.from({ length: MAX_BUNDLE_RECORDS + 1 }, () => bytes(1, 1)))]
  ]
  for (const [what, message] of refused) {
    it(`refuses ${what}`, () => { assert.equal(decodeBundle(message), undefined) })
  }

  it('accepts the most records a bundle may hold', () => {
    assert.equal(decodeBundle(encodeBundle(Array.from({ length: MAX_BUNDLE_RECORDS }, () => bytes(1, 1))))?.length, MAX_BUNDLE_RECORDS)
  })

  describe('packing a queue into bundles', () => {
    it('fills each bundle up to the size limit, in order', () => {
      const records = Array.from({ length: 10 }, (_, i) => bytes(994, i)) // 1,000 bytes each with framing
      const packed = packBundles(records, 3000)
      assert.deepEqual(packed.map(b => b.length), [3, 3, 3, 1])
      assert.deepEqual(packed.flat().map(r => r[0]), records.map(r => r[0]))
      for (const b of packed) assert.ok(encodeBundle(b).byteLength <= 3000)
    })

    it('sends a record larger than the limit alone', () => {
      assert.deepEqual(packBundles([bytes(10, 1), bytes(5000, 2), bytes(10, 3)], 1000).map(b => b.map(r => r[0])), [[1], [2], [3]])
    })

    it('never puts more than the most records a bundle may hold in one', () => {
      const packed = packBundles(Array.from({ length: MAX_BUNDLE_RECORDS + 5 }, () => bytes(1, 1)), 1 << 30)
      assert.deepEqual(packed.map(b => b.length), [MAX_BUNDLE_RECORDS, 5])
    })

    it('packs nothing from an empty queue', () => {
      assert.deepEqual(packBundles([], 1000), [])
    })
  })
})
