import assert from 'node:assert/strict'
import { ConnectionRegistry, randomConnectionId } from '../../../protocols/direct-data/registry.ts'
import type { DirectConnectionInfo } from '../../../protocols/direct-data/types.ts'

function info (connectionId: string, groupId = 'g', peerId = 'p1'): DirectConnectionInfo {
  return { connectionId, groupId, peerId, direction: 'outbound', openedAt: 1 }
}

describe('direct-data: connection registry', () => {
  it('makes 64-bit ids as 16 hex digits', () => {
    const ids = new Set(Array.from({ length: 1000 }, randomConnectionId))
    assert.equal(ids.size, 1000)
    for (const id of ids) assert.match(id, /^[0-9a-f]{16}$/)
  })

  it('counts reserved ids against the limit until they connect or are released', () => {
    const r = new ConnectionRegistry<string>()
    const one = r.reserve()
    const two = r.reserve()
    assert.equal(r.size, 2)
    r.release(two)
    assert.equal(r.size, 1)
    r.add(info(one), 'h1')
    assert.equal(r.size, 1)
    assert.deepEqual(r.list(), [info(one)])
  })

  it('never hands out an id in use', () => {
    const ids = ['a', 'a', 'b', 'a', 'b', 'c']
    const r = new ConnectionRegistry<string>(() => ids.shift()!)
    assert.deepEqual([r.reserve(), r.reserve(), r.reserve()], ['a', 'b', 'c'])
  })

  it('only adds reserved ids', () => {
    const r = new ConnectionRegistry<string>()
    assert.throws(() => r.add(info('ffff'), 'h'))
  })

  it('finds a connection only under its own group', () => {
    const r = new ConnectionRegistry<string>(() => 'x')
    r.add(info(r.reserve(), 'g'), 'h')
    assert.equal(r.get('g', 'x')?.handle, 'h')
    assert.equal(r.get('other', 'x'), undefined)
    assert.equal(r.get('g', 'y'), undefined)
  })

  it('lists and matches by group and peer, and forgets removed ones', () => {
    let n = 0
    const r = new ConnectionRegistry<number>(() => String(++n))
    r.add(info(r.reserve(), 'g', 'p1'), 1)
    r.add(info(r.reserve(), 'g', 'p2'), 2)
    r.add(info(r.reserve(), 'h', 'p1'), 3)
    assert.deepEqual(r.list('g').map(i => i.connectionId), ['1', '2'])
    assert.deepEqual(r.matching('g', 'p1').map(e => e.handle), [1])
    assert.deepEqual(r.matching('g').map(e => e.handle), [1, 2])
    assert.deepEqual(r.all().map(e => e.handle), [1, 2, 3])
    assert.equal(r.remove('1'), true)
    assert.equal(r.remove('1'), false)
    assert.deepEqual(r.list().map(i => i.connectionId), ['2', '3'])
  })

  it('hands out copies, so callers cannot change the table', () => {
    const r = new ConnectionRegistry<string>(() => 'x')
    r.add(info(r.reserve()), 'h')
    r.list()[0]!.peerId = 'changed'
    assert.equal(r.list()[0]!.peerId, 'p1')
  })
})
