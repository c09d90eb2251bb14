import assert from 'node:assert/strict'
import type { PeerId } from '@libp2p/interface'
import { streamPair } from '@libp2p/utils'
import type { MemorySyncSet } from '../../../protocols/sync/memory-set.ts'
import { initiate } from '../../../protocols/sync/initiator.ts'
import { respond } from '../../../protocols/sync/responder.ts'
import type { SyncItem, SyncProgress, SyncSet } from '../../../protocols/sync/types.ts'
import { NOW, records, remotePeerOf, setOf } from './fixtures.ts'

/**
 * `set`, hinting its size, whose items are read one at a time: after `pauseAfter` of them the
 * reading waits for `release()`. `closed` tells whether the reading was ended (read to the end,
 * or stopped with the session).
 */
function slowSet (set: MemorySyncSet, pauseAfter: number): SyncSet & { release: () => void, read: () => number, closed: () => boolean } {
  let release!: () => void
  const released = new Promise<void>(resolve => { release = resolve })
  let read = 0
  let closed = false
  return {
    async * items (cutoff: number): AsyncIterable<SyncItem> {
      try {
        for (const item of set.items(cutoff)) {
          if (read === pauseAfter) await released
          read++
          yield item
        }
      } finally {
        closed = true
      }
    },
    get: async hash => set.get(hash),
    apply: async recs => set.apply(recs),
    countHint: async () => set.size,
    release,
    read: () => read,
    closed: () => closed
  }
}

describe('sync: an empty initiator is sent the set as it is read', function () {
  this.timeout(30_000)
  let remotePeer: PeerId

  before(async () => {
    remotePeer = await remotePeerOf()
  })

  it('sends the first pages before the set is read to its end, and reports the hinted total', async () => {
    const full = setOf(records('r', 3_000, { size: 1024 }))
    const slow = slowSet(full, 1_500)
    const empty = setOf([])
    const progress: SyncProgress[] = []
    let sawRecordsWhilePaused = false
    const [outbound, inbound] = await streamPair()
    const responding = respond(inbound, { remotePeer, resolveSet: () => slow })
    const result = await initiate(outbound, empty, {
      groupId: 'group',
      now: () => NOW,
      onProgress: p => {
        progress.push(p)
        // records arrive while the responder has read only half its set: it streams
        if (p.received > 0 && !sawRecordsWhilePaused) {
          sawRecordsWhilePaused = slow.read() <= 1_500
          slow.release()
        }
      }
    })
    const outcome = await responding
    assert.ok(sawRecordsWhilePaused, 'no record arrived before the set was read to its end')
    assert.equal(result.mode, 'pull-all')
    assert.equal(outcome.mode, 'pull-all')
    assert.equal(result.recordsReceived, 3_000)
    assert.deepEqual(empty.liveKeys(NOW), full.liveKeys(NOW))
    assert.equal(progress.at(-1)?.total, 3_000)
    assert.ok(slow.closed())
  })

  it('answers IN_SYNC when both are empty, as an indexed set does', async () => {
    const slow = slowSet(setOf([]), 1)
    const [outbound, inbound] = await streamPair()
    const responding = respond(inbound, { remotePeer, resolveSet: () => slow })
    const result = await initiate(outbound, setOf([]), { groupId: 'group', now: () => NOW })
    assert.equal(result.mode, 'in-sync')
    assert.equal((await responding).mode, 'in-sync')
  })

  it('stops reading the set when the session breaks off', async () => {
    const slow = slowSet(setOf(records('r', 3_000, { size: 1024 })), 1_500)
    const [outbound, inbound] = await streamPair()
    const responding = respond(inbound, { remotePeer, resolveSet: () => slow })
    const initiating = initiate(outbound, setOf([]), {
      groupId: 'group',
      now: () => NOW,
      onProgress: () => { outbound.abort(new Error('gone')) }
    }).catch(() => undefined)
    await initiating
    const outcome = await responding
    assert.ok(outcome.error !== undefined)
    slow.release()
    // the reading is ended, not left open waiting for the rest of the set to be asked for
    while (!slow.closed()) await new Promise(resolve => setTimeout(resolve, 5))
    assert.ok(slow.read() < 3_000)
  })
})
