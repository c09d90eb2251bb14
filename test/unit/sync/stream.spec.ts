import assert from 'node:assert/strict'
import type { PeerId, Stream } from '@libp2p/interface'
import { lpStream, streamPair } from '@libp2p/utils'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { initiate, type InitiateOptions } from '../../../protocols/sync/initiator.ts'
import { InitiatorMessage, ResponderMessage, Status } from '../../../protocols/sync/pb/sync.ts'
import { type RespondOptions, type RespondOutcome, respond } from '../../../protocols/sync/responder.ts'
import type { SyncResult, SyncSet } from '../../../protocols/sync/types.ts'
import { NOW, pairOf, records, remotePeerOf, setOf } from './fixtures.ts'

async function rejects (promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(isPeerhoodError(err), `not a PeerhoodError: ${String(err)}`)
    assert.equal(err.code, code)
    return true
  })
}

describe('sync roles over a stream pair', function () {
  this.timeout(60_000)
  let remotePeer: PeerId

  before(async () => {
    remotePeer = await remotePeerOf()
  })

  async function session (a: SyncSet, b: SyncSet | undefined, options: Partial<InitiateOptions & RespondOptions> = {}): Promise<{ result: SyncResult, outcome: RespondOutcome }> {
    const [outbound, inbound] = await streamPair()
    const responding = respond(inbound, { remotePeer, resolveSet: () => b, ...options })
    const result = await initiate(outbound, a, { groupId: 'group', now: () => NOW, ...options })
    return { result, outcome: await responding }
  }

  it('reconciles a 1 % difference on a 10k set with bytes close to the differing records', async () => {
    const { a, b } = pairOf(9900, 50, 50, 1024)
    const differing = 100 * 1024
    const { result, outcome } = await session(a, b)
    assert.deepEqual(a.liveKeys(NOW), b.liveKeys(NOW))
    assert.equal(result.recordsReceived, 50)
    assert.equal(result.recordsSent, 50)
    assert.equal(result.remoteAccepted, 50)
    assert.equal(outcome.accepted, 50)
    assert.equal(outcome.error, undefined)
    assert.ok(result.roundTrips <= 4, `${result.roundTrips} round trips`)
    const total = result.bytesSent + result.bytesReceived
    assert.ok(total <= 2 * differing + 4096, `${total} bytes for ${differing} bytes of records`)
    assert.equal(result.bytesSent, outcome.bytesReceived)
    assert.equal(result.bytesReceived, outcome.bytesSent)
  })

  it('identical sets cost one round trip and a handful of bytes', async () => {
    const { a, b } = pairOf(2000, 0, 0)
    const { result, outcome } = await session(a, b)
    assert.equal(result.mode, 'in-sync')
    assert.equal(outcome.mode, 'in-sync')
    assert.equal(result.roundTrips, 1)
    assert.ok(result.bytesSent + result.bytesReceived < 100, `${result.bytesSent + result.bytesReceived} bytes`)
  })

  it('a new member pulls everything, with progress', async () => {
    const a = setOf([])
    const b = setOf(records('r', 5000, { size: 1024 }))
    const progress: Array<{ received: number, total?: number }> = []
    const { result } = await session(a, b, { onProgress: p => progress.push(p) })
    assert.equal(result.mode, 'pull-all')
    assert.equal(result.roundTrips, 1)
    assert.equal(a.size, 5000)
    assert.ok(progress.length > 1)
    assert.deepEqual(progress.at(-1), { received: 5000, total: 5000 })
  })

  it('pages flow both ways under a one-page window while applies are slow', async () => {
    const { a, b } = pairOf(500, 300, 300, 2048)
    for (const set of [a, b]) {
      const apply = set.apply.bind(set)
      set.apply = async (rs) => {
        await new Promise(resolve => setImmediate(resolve))
        return await apply(rs)
      }
    }
    const { result } = await session(a, b, { windowPages: 1, pageBytes: 16 * 1024, maxRecordsPerMessage: 8 })
    assert.deepEqual(a.liveKeys(NOW), b.liveKeys(NOW))
    assert.equal(result.recordsSent, 300)
    assert.equal(result.recordsReceived, 300)
  })

  it('refuses a peer the node does not resolve with NOT_A_MEMBER', async () => {
    const [outbound, inbound] = await streamPair()
    const responding = respond(inbound, { remotePeer, resolveSet: () => undefined })
    await rejects(initiate(outbound, setOf(records('r', 10)), { groupId: 'group', now: () => NOW }), 'NOT_A_MEMBER')
    assert.equal((await responding).error, 'NOT_A_MEMBER')
  })

  it('passes the group id and the remote peer to resolveSet', async () => {
    const seen: string[] = []
    const [outbound, inbound] = await streamPair()
    const responding = respond(inbound, {
      remotePeer,
      resolveSet: (groupId, peer) => { seen.push(`${groupId}@${peer.toString()}`); return setOf([]) }
    })
    await initiate(outbound, setOf([]), { groupId: 'g1', now: () => NOW })
    await responding
    assert.deepEqual(seen, [`g1@${remotePeer.toString()}`])
  })

  async function rawInitiator (write: (lp: ReturnType<typeof lpStream<Stream>>) => Promise<void>, options: Partial<RespondOptions> = {}): Promise<{ outcome: RespondOutcome, reply?: ResponderMessage }> {
    const [outbound, inbound] = await streamPair()
    const lp = lpStream(outbound)
    const responding = respond(inbound, { remotePeer, resolveSet: () => setOf(records('r', 10)), ...options })
    await write(lp)
    const outcome = await responding
    let reply: ResponderMessage | undefined
    try {
      reply = ResponderMessage.decode((await lp.read({ signal: AbortSignal.timeout(5000) })).subarray())
    } catch {}
    return { outcome, reply }
  }

  it('answers a malformed first message with INVALID_MESSAGE', async () => {
    const { outcome, reply } = await rawInitiator(async lp => { await lp.write(new Uint8Array([0xff, 0xff, 0xff])) })
    assert.equal(outcome.error, 'INVALID_MESSAGE')
    assert.equal(reply?.status?.code, Status.Code.INVALID_MESSAGE)
  })

  it('answers a session that does not start with Hello with INVALID_MESSAGE', async () => {
    const { outcome, reply } = await rawInitiator(async lp => {
      await lp.write(InitiatorMessage.encode({ request: { symbols: 10, list: false }, ack: 0 }))
    })
    assert.equal(outcome.error, 'INVALID_MESSAGE')
    assert.equal(reply?.status?.code, Status.Code.INVALID_MESSAGE)
  })

  it('answers an oversized message with INVALID_MESSAGE (MESSAGE_TOO_LARGE locally)', async () => {
    const { outcome } = await rawInitiator(async lp => { await lp.write(new Uint8Array(300_000)) }, { maxMessageBytes: 100_000 })
    assert.equal(outcome.error, 'MESSAGE_TOO_LARGE')
  })

  it('times out an initiator that goes quiet', async () => {
    const { outcome } = await rawInitiator(async () => {}, { messageTimeoutMs: 100 })
    assert.equal(outcome.error, 'TIMEOUT')
  })

  it('refuses requests for absurd numbers of symbols with SYNC_LIMIT_EXCEEDED', async () => {
    const { outcome, reply } = await rawInitiator(async lp => {
      await lp.write(InitiatorMessage.encode({ hello: { groupId: 'g', cutoff: NOW, setSize: 2000, setDigest: new Uint8Array(32) }, ack: 0 }))
      const signal = AbortSignal.timeout(5000)
      for (let last = false; !last;) {
        const message = ResponderMessage.decode((await lp.read({ signal })).subarray())
        last = message.symbols?.last ?? false
      }
      await lp.write(InitiatorMessage.encode({ request: { symbols: 1_000_000, list: false }, ack: 1 }))
    }, { resolveSet: () => setOf(records('r', 2000)) })
    assert.equal(outcome.error, 'SYNC_LIMIT_EXCEEDED')
    assert.equal(reply?.status?.code, Status.Code.LIMIT_EXCEEDED)
  })

  it('the initiator times out on a silent responder', async () => {
    const [outbound] = await streamPair()
    await rejects(initiate(outbound, setOf(records('r', 10)), { groupId: 'g', now: () => NOW, messageTimeoutMs: 100 }), 'TIMEOUT')
  })

  it('the initiator rejects a malformed reply with INVALID_MESSAGE', async () => {
    const [outbound, inbound] = await streamPair()
    const lp = lpStream(inbound)
    const answering = (async () => {
      await lp.read({ signal: AbortSignal.timeout(5000) })
      await lp.write(ResponderMessage.encode({ symbols: { coded: new Uint8Array(5), list: new Uint8Array(0), last: true }, ack: 0 }))
    })()
    await rejects(initiate(outbound, setOf(records('r', 10)), { groupId: 'g', now: () => NOW }), 'INVALID_MESSAGE')
    await answering
  })

  it('counts no bytes on either side that the other did not', async () => {
    const { a, b } = pairOf(3000, 20, 700)
    const { result, outcome } = await session(a, b)
    assert.deepEqual(a.liveKeys(NOW), b.liveKeys(NOW))
    assert.equal(result.bytesSent, outcome.bytesReceived)
    assert.equal(result.bytesReceived, outcome.bytesSent)
    assert.equal(result.symbols, outcome.symbols)
  })
})
