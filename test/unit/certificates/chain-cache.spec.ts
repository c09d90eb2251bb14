import assert from 'node:assert/strict'
import { ChainCache } from '../../../protocols/certificates/chain-cache.ts'
import { validateChain } from '../../../protocols/certificates/chain-validator.ts'
import { DAY, HOUR, T0, assertRefused, issueTo, makeGroup, resign, type Holder } from './helpers.ts'

type Group = Awaited<ReturnType<typeof makeGroup>>

describe('chain cache', () => {
  let g: Group
  let other: Group
  let admin: Holder
  let member: Holder

  before(async () => {
    g = await makeGroup('cache')
    other = await makeGroup('cache-other')
    admin = await issueTo({ key: g.creatorKey, chain: g.creatorChain }, 'cache admin', ['administrator'])
    member = await issueTo(admin, 'cache member', ['member'], { lifetimeMs: DAY })
  })

  it('returns the same frozen result for a chain seen before, even from fresh buffers', () => {
    const cache = new ChainCache()
    const first = validateChain(g.groupId, member.chain, T0, cache)
    const copy = member.chain.map(der => Uint8Array.from(der))
    const second = validateChain(g.groupId, copy, T0, cache)
    assert.ok(first.ok)
    assert.equal(second, first)
    assert.deepEqual(cache.size, { chains: 1, links: member.chain.length })
  })

  it('hands out copies of the key, so callers cannot change a cached result', () => {
    const cache = new ChainCache()
    const first = validateChain(g.groupId, member.chain, T0, cache)
    assert.ok(first.ok)
    const key = first.leaf.publicKey
    key[0] = key[0]! ^ 0xff
    const again = validateChain(g.groupId, member.chain, T0, cache)
    assert.ok(again.ok)
    assert.deepEqual(again.leaf.publicKey, member.key.publicKey.raw)
  })

  it('still compares the validity with now on a cached chain', () => {
    const cache = new ChainCache()
    assert.ok(validateChain(g.groupId, member.chain, T0, cache).ok)
    assertRefused(validateChain(g.groupId, member.chain, T0 + 2 * DAY, cache), 'INVALID_TIME_PERIOD', 'expired', 3)
    assertRefused(validateChain(g.groupId, member.chain, T0 - HOUR, cache), 'INVALID_TIME_PERIOD', 'not-yet-valid', 0)
    assert.ok(validateChain(g.groupId, member.chain, T0 + HOUR, cache).ok)
  })

  it('does not answer for other bytes or another group', () => {
    const cache = new ChainCache()
    assert.ok(validateChain(g.groupId, member.chain, T0, cache).ok)
    const forged = [...member.chain.slice(0, 2), resign(member.chain[2]!, member.key), member.chain[3]!]
    assertRefused(validateChain(g.groupId, forged, T0, cache), 'INVALID_CERTIFICATE', 'bad-signature', 2)
    const flipped = member.chain.map(der => Uint8Array.from(der))
    flipped[1]![40] = flipped[1]![40]! ^ 1
    assert.equal(validateChain(g.groupId, flipped, T0, cache).ok, false)
    assertRefused(validateChain(other.groupId, member.chain, T0, cache), 'INVALID_CERTIFICATE', 'group-mismatch', 0)
  })

  it('reuses verified links: a new member under a known administrator costs one new link', async () => {
    const cache = new ChainCache()
    assert.ok(validateChain(g.groupId, member.chain, T0, cache).ok)
    const sibling = await issueTo(admin, 'cache sibling', ['member'])
    const result = validateChain(g.groupId, sibling.chain, T0, cache)
    assert.ok(result.ok)
    assert.equal(result.leaf.displayName, 'cache sibling')
    assert.deepEqual(cache.size, { chains: 2, links: member.chain.length + 1 })
  })

  it('stays within its bounds, evicting the oldest entries', async () => {
    const cache = new ChainCache({ maxChains: 1, maxLinks: 3 })
    const sibling = await issueTo(admin, 'cache bounded', ['member'])
    assert.ok(validateChain(g.groupId, member.chain, T0, cache).ok)
    assert.ok(validateChain(g.groupId, sibling.chain, T0, cache).ok)
    assert.deepEqual(cache.size, { chains: 1, links: 3 })
    assert.ok(validateChain(g.groupId, member.chain, T0, cache).ok)
    cache.clear()
    assert.deepEqual(cache.size, { chains: 0, links: 0 })
  })
})
