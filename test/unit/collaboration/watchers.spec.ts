import assert from 'node:assert/strict'
import { pbStream, streamPair } from '@libp2p/utils'
import { MAX_PENDING_FRAMES } from '../../../protocols/collaboration/constants.ts'
import { frame, presenceFrame } from '../../../protocols/collaboration/frames.ts'
import { Frame } from '../../../protocols/collaboration/pb/collab.ts'
import { Watcher, WatcherRegistry } from '../../../protocols/collaboration/watchers.ts'

describe('collaboration/watchers', () => {
  it('a watcher that falls behind gets one whole snapshot instead of the backlog', async () => {
    const [near, far] = await streamPair()
    const snapshot = [frame({ begin: true }), presenceFrame({ status: 'busy', text: 'latest' }), frame({ end: true })]
    const watcher = new Watcher('peer', near, pbStream(near), () => snapshot)
    const accepted: boolean[] = []
    for (let i = 0; i < MAX_PENDING_FRAMES + 20; i++) accepted.push(watcher.push([presenceFrame({ status: 'away', text: String(i) })], 5_000))
    assert.equal(accepted.filter(Boolean).length, MAX_PENDING_FRAMES)
    assert.equal(accepted.indexOf(false), MAX_PENDING_FRAMES)
    const reader = pbStream(far)
    const got: Frame[] = []
    for (let i = 0; i < MAX_PENDING_FRAMES + snapshot.length; i++) got.push(await reader.read(Frame, { signal: AbortSignal.timeout(5_000) }))
    assert.equal(got[MAX_PENDING_FRAMES - 1]?.presence?.text, String(MAX_PENDING_FRAMES - 1))
    assert.equal(got[MAX_PENDING_FRAMES]?.begin, true)
    assert.equal(got.at(-2)?.presence?.text, 'latest')
    assert.equal(got.at(-1)?.end, true)
  })

  it('the registry holds one watcher per peer and at most its bound', async () => {
    const registry = new WatcherRegistry(2)
    const [s1] = await streamPair()
    const [s2] = await streamPair()
    const [s3] = await streamPair()
    const w1 = new Watcher('a', s1, pbStream(s1), () => [])
    const w2 = new Watcher('a', s2, pbStream(s2), () => [])
    assert.equal(registry.add(w1), undefined)
    assert.equal(registry.add(w2), w1)
    registry.remove(w1)
    assert.equal(registry.get('a'), w2)
    registry.add(new Watcher('b', s3, pbStream(s3), () => []))
    assert.equal(registry.hasRoom('c'), false)
    assert.equal(registry.hasRoom('a'), true)
  })
})
