import assert from 'node:assert/strict'
import type { PeerId } from '@libp2p/interface'
import { streamPair } from '@libp2p/utils'
import { initiate } from '../../../protocols/sync/initiator.ts'
import { respond } from '../../../protocols/sync/responder.ts'
import type { SyncSet } from '../../../protocols/sync/types.ts'
import { NOW, records, remotePeerOf, setOf } from './fixtures.ts'

describe('sync: a stream cut while pages wait for acknowledgements', function () {
  // without the fix the responder waited for the session timeout (10 minutes)
  this.timeout(20_000)
  let remotePeer: PeerId

  before(async () => {
    remotePeer = await remotePeerOf()
  })

  it('ends the sending side with CONNECTION_FAILED at once, not at the session timeout', async () => {
    const tuning = { pageBytes: 8 * 1024, windowPages: 2 }
    const [outbound, inbound] = await streamPair()
    const responding = respond(inbound, { remotePeer, resolveSet: () => setOf(records('r', 200, { size: 1024 })), ...tuning })
    // an initiator that takes its first page and applies it only after it is cut off (so it never
    // acknowledged a page while the responder's window filled)
    const empty = setOf([])
    let cut = false
    const stalled: SyncSet = {
      items: cutoff => empty.items(cutoff),
      get: async hash => empty.get(hash),
      apply: async recs => {
        if (!cut) {
          cut = true
          setTimeout(() => { outbound.abort(new Error('the circuit was cut')) }, 50)
        }
        await new Promise(resolve => setTimeout(resolve, 200))
        return { accepted: 0, rejected: recs.length }
      }
    }
    const initiating = initiate(outbound, stalled, { groupId: 'group', now: () => NOW, ...tuning }).catch((err: unknown) => err)
    const outcome = await responding
    assert.ok(cut, 'the initiator received a page')
    assert.equal(outcome.error, 'CONNECTION_FAILED')
    assert.ok(outcome.recordsSent < 200, 'the sender stopped with the window full')
    assert.ok(await initiating instanceof Error)
  })
})
