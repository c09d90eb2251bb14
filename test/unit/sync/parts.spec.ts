import assert from 'node:assert/strict'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { estimateDifference } from '../../../protocols/sync/estimate.ts'
import { InitiatorMessage, ResponderMessage, Status } from '../../../protocols/sync/pb/sync.ts'
import { initialSymbols, listIsCheaper, maxSymbols, nextRequest } from '../../../protocols/sync/policy.ts'
import { Encoder } from '../../../protocols/sync/riblt.ts'
import { buildIndex, indexSet } from '../../../protocols/sync/set-index.ts'
import { decodeCoded, decodeSymbols, encodeCoded, encodeSymbols, symbolOf } from '../../../protocols/sync/symbols.ts'
import { LIVE, NOW, records, seeded, setOf } from './fixtures.ts'

function throwsCode (fn: () => unknown, code: string): void {
  assert.throws(fn, (err: unknown) => isPeerhoodError(err) && err.code === code)
}

function hashes (count: number, family: string): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => seeded(`${family}/${i}`, 32))
}

describe('sync parts', () => {
  describe('symbols', () => {
    it('a symbol is the first 8 bytes of the hash, big-endian', () => {
      const hash = new Uint8Array(32)
      hash.set([0, 0, 0, 0, 0, 0, 1, 2])
      assert.equal(symbolOf(hash), 258n)
      assert.equal(symbolOf(hash.subarray(0)), 258n)
    })

    it('round-trips symbol lists and refuses a ragged one', () => {
      const list = [0n, 1n, 2n ** 64n - 1n, 12345678901234567890n]
      assert.deepEqual([...decodeSymbols(encodeSymbols(list))], list)
      throwsCode(() => decodeSymbols(new Uint8Array(9)), 'INVALID_MESSAGE')
    })

    it('round-trips coded symbols with negative and large counts', () => {
      const cells = [
        { symbol: 1n, hash: 2n, count: 0n },
        { symbol: 2n ** 64n - 1n, hash: 2n ** 63n, count: -1n },
        { symbol: 5n, hash: 6n, count: 20_000_000n },
        { symbol: 7n, hash: 8n, count: -19_999_999n }
      ]
      assert.deepEqual(decodeCoded(encodeCoded(cells)), cells)
    })

    it('refuses truncated or out-of-range coded symbols', () => {
      const bytes = encodeCoded([{ symbol: 1n, hash: 2n, count: 3n }])
      throwsCode(() => decodeCoded(bytes.subarray(0, 16)), 'INVALID_MESSAGE')
      const runaway = new Uint8Array(16 + 6).fill(0xff)
      throwsCode(() => decodeCoded(runaway), 'INVALID_MESSAGE')
      const huge = new Uint8Array([...new Uint8Array(16), 0xff, 0xff, 0xff, 0xff, 0x0f])
      throwsCode(() => decodeCoded(huge), 'INVALID_MESSAGE')
    })
  })

  describe('set index', () => {
    it('does not depend on order and drops duplicates', () => {
      const hs = hashes(100, 'h')
      const one = buildIndex(hs)
      const two = buildIndex([...hs].reverse().concat(hs.slice(0, 10)))
      assert.equal(one.size, 100)
      assert.equal(two.size, 100)
      assert.deepEqual(one.digest, two.digest)
      assert.deepEqual(one.symbols, two.symbols)
      assert.ok(one.symbols.every((s, i, all) => i === 0 || all[i - 1]! < s))
    })

    it('tells sets apart by digest', () => {
      const hs = hashes(100, 'h')
      assert.notDeepEqual(buildIndex(hs).digest, buildIndex(hs.slice(1)).digest)
    })

    it('puts colliding hashes in one group under a derived symbol', () => {
      const a = seeded('a', 32)
      const b = seeded('b', 32)
      b.set(a.subarray(0, 8))
      const index = buildIndex([a, b, ...hashes(10, 'x')])
      assert.equal(index.size, 12)
      assert.equal(index.symbols.length, 11)
      assert.deepEqual(index.hashes(symbolOf(a)), [])
      const group = [...index.symbols].map(s => index.hashes(s)).find(h => h.length === 2)
      assert.ok(group !== undefined)
      assert.equal(index.allHashes().length, 12)
    })

    it('refuses a hash that is not 32 bytes', () => {
      throwsCode(() => buildIndex([new Uint8Array(31)]), 'INVALID_ARGUMENT')
    })

    it('indexes only items that expire after the cutoff', async () => {
      const set = setOf([...records('live', 5), ...records('gone', 3, { expires: NOW }), ...records('later', 2, { expires: LIVE + 1 })])
      assert.equal((await indexSet(set, NOW)).size, 7)
      assert.equal((await indexSet(set, LIVE)).size, 2)
    })
  })

  describe('difference estimate', () => {
    function residuals (common: number, onlyRemote: number, onlyLocal: number, cells: number): number[] {
      const shared = hashes(common, 'c').map(symbolOf)
      const remote = Encoder.of(BigUint64Array.from([...shared, ...hashes(onlyRemote, 'r').map(symbolOf)]))
      const local = Encoder.of(BigUint64Array.from([...shared, ...hashes(onlyLocal, 'l').map(symbolOf)]))
      const out: number[] = []
      for (let i = 0; i < cells; i++) out.push(Number(remote.next().count - local.next().count))
      remote.free()
      local.free()
      return out
    }

    it('estimates the difference from 64 cells within a factor of two', () => {
      for (const [r, l] of [[100, 100], [400, 0], [30, 270]] as const) {
        const estimate = estimateDifference(residuals(2000, r, l, 64))
        const d = r + l
        assert.ok(estimate > d / 2 && estimate < d * 2, `d = ${d}, estimate ${estimate}`)
      }
    })

    it('is never below the count difference', () => {
      assert.equal(estimateDifference([-30, -20]), 30)
      assert.equal(estimateDifference([]), 0)
    })
  })

  describe('wire format (frozen: a change here is a protocol version change)', () => {
    const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')

    it('encodes initiator messages as before', () => {
      assert.equal(hex(InitiatorMessage.encode({ hello: { groupId: 'g', cutoff: 1_700_000_000_000, setSize: 3, setDigest: new Uint8Array(32).fill(0xab) }, ack: 0 })),
        '0a2e0a01671080d095ffbc3118032220' + 'ab'.repeat(32))
      assert.equal(hex(InitiatorMessage.encode({ want: { symbols: encodeSymbols([1n, 2n ** 63n]), push: 2, last: true }, ack: 1 })),
        '1a160a1000000000000000018000000000000000100218012801')
    })

    it('encodes responder messages as before', () => {
      assert.equal(hex(ResponderMessage.encode({ status: { code: Status.Code.OK, setSize: 5 }, ack: 0 })), '0a021005')
      assert.equal(hex(ResponderMessage.encode({ symbols: { coded: encodeCoded([{ symbol: 3n, hash: 4n, count: -2n }]), list: new Uint8Array(0), last: true }, ack: 0 })),
        '12150a1100000000000000030000000000000004031801')
      assert.equal(hex(ResponderMessage.encode({ records: { records: [Uint8Array.of(9, 9)], last: true }, ack: 0 })), '1a060a0209091001')
      assert.equal(hex(ResponderMessage.encode({ done: { accepted: 7, rejected: 1 }, ack: 3 })), '2204080710012803')
    })
  })

  describe('policy', () => {
    it('bounds symbols by twice the larger set plus an allowance', () => {
      assert.equal(maxSymbols(10, 20_000), 41_000)
    })

    it('starts with enough symbols for the size gap, at least 64', () => {
      assert.equal(initialSymbols(10_000, 10_000), 64)
      assert.equal(initialSymbols(10_000, 10_100), Math.ceil(2.2 * 100))
      assert.equal(initialSymbols(0, 0), 64)
    })

    it('prefers the list when coding would cost more', () => {
      assert.ok(listIsCheaper(1000, 100))
      assert.ok(!listIsCheaper(64, 10_000))
    })

    it('asks for at least twice what failed, or the list', () => {
      assert.deepEqual(nextRequest(64, 10, 10_000, 10_000), { symbols: 64 })
      assert.deepEqual(nextRequest(64, 500, 10_000, 10_000), { symbols: 1036 })
      assert.deepEqual(nextRequest(64, 5000, 10_000, 10_000), { list: true })
    })
  })
})
