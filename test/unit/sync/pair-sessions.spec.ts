import assert from 'node:assert/strict'
import { asSyncResult, inboundDecision, PairSessions, pairKey } from '../../../protocols/sync/pair-sessions.ts'
import type { RespondOutcome } from '../../../protocols/sync/responder.ts'
import type { SyncResult } from '../../../protocols/sync/types.ts'

const OUTCOME: RespondOutcome = { mode: 'pull-all', bytesSent: 10, bytesReceived: 20, symbols: 0, recordsSent: 3, recordsReceived: 4, accepted: 4, rejected: 0, durationMs: 1 }
const RESULT = asSyncResult(OUTCOME)

describe('sync: one session per pair and group', () => {
  it('inboundDecision: a running inbound refuses another; a crossing outbound wins for the lower PeerId', () => {
    assert.equal(inboundDecision({ inbound: false, outbound: false, localPeer: 'b', remotePeer: 'a' }), 'accept')
    assert.equal(inboundDecision({ inbound: true, outbound: false, localPeer: 'b', remotePeer: 'a' }), 'busy')
    assert.equal(inboundDecision({ inbound: false, outbound: true, localPeer: 'a', remotePeer: 'b' }), 'busy')
    assert.equal(inboundDecision({ inbound: false, outbound: true, localPeer: 'b', remotePeer: 'a' }), 'accept')
  })

  it('both sides of a crossing agree: exactly one of the two requests is refused', () => {
    for (const [x, y] of [['a', 'b'], ['b', 'a']] as const) {
      const atX = inboundDecision({ inbound: false, outbound: true, localPeer: x, remotePeer: y })
      const atY = inboundDecision({ inbound: false, outbound: true, localPeer: y, remotePeer: x })
      assert.deepEqual([atX, atY].sort(), ['accept', 'busy'])
    }
  })

  it('of two crossing sessions the one asking for everything wins, whatever the PeerIds; both sides agree', () => {
    for (const [x, y] of [['a', 'b'], ['b', 'a']] as const) {
      // x never synchronised the group (its session solicits everything), y holds the group
      const atX = inboundDecision({ inbound: false, outbound: true, localPeer: x, remotePeer: y, outboundSolicits: true, inboundSolicits: false })
      const atY = inboundDecision({ inbound: false, outbound: true, localPeer: y, remotePeer: x, outboundSolicits: false, inboundSolicits: true })
      assert.equal(atX, 'busy', `${x}: its own pull wins`)
      assert.equal(atY, 'accept', `${y}: takes the pull and drops its push`)
      // two fresh members: the lower PeerId's wins, as before
      const bothX = inboundDecision({ inbound: false, outbound: true, localPeer: x, remotePeer: y, outboundSolicits: true, inboundSolicits: true })
      const bothY = inboundDecision({ inbound: false, outbound: true, localPeer: y, remotePeer: x, outboundSolicits: true, inboundSolicits: true })
      assert.deepEqual([bothX, bothY].sort(), ['accept', 'busy'])
    }
  })

  it('a soliciting inbound request is taken while our own plain session to that peer runs', () => {
    const pairs = new PairSessions('a')
    const key = pairKey('g', 'b')
    pairs.trackOutbound(key, new Promise<SyncResult>(() => {}))
    assert.equal(pairs.claimInbound(key, 'b', '', false), undefined, 'a < b: a plain request is busy')
    assert.notEqual(pairs.claimInbound(key, 'b', '', true), undefined, 'b asks for everything: it goes first')
    const soliciting = new PairSessions('a')
    soliciting.trackOutbound(key, new Promise<SyncResult>(() => {}), true)
    assert.equal(soliciting.claimInbound(key, 'b', '', false), undefined, 'our own pull of everything wins')
  })

  it('an outbound session is joinable while it runs and forgotten when it settles', async () => {
    const pairs = new PairSessions('a')
    const key = pairKey('g', 'b')
    let finish!: (r: SyncResult) => void
    const session = new Promise<SyncResult>(resolve => { finish = resolve })
    pairs.trackOutbound(key, session)
    assert.equal(pairs.outbound(key), session)
    assert.equal(pairs.claimInbound(key, 'b'), undefined, 'a < b: our outbound wins, the inbound is busy')
    finish(RESULT)
    await session
    await Promise.resolve()
    assert.equal(pairs.outbound(key), undefined)
    assert.notEqual(pairs.claimInbound(key, 'b'), undefined)
  })

  it('a refused initiator joins the inbound session that reaches it later', async () => {
    let clock = 100
    const pairs = new PairSessions('b', () => clock)
    const key = pairKey('g', 'a')
    const waiting = pairs.awaitInbound(key, 100, 5_000)
    clock = 150
    const claim = pairs.claimInbound(key, 'a')!
    assert.equal(pairs.claimInbound(key, 'a'), undefined, 'a second inbound of the pair is busy')
    claim.end(OUTCOME)
    assert.deepEqual(await waiting, RESULT)
    // an inbound that started before the request is not the one it crossed
    assert.equal(pairs.inbound(key, 200), undefined)
  })

  it('awaitInbound gives up when no session comes', async () => {
    const pairs = new PairSessions('b')
    assert.equal(await pairs.awaitInbound(pairKey('g', 'a'), 0, 20), undefined)
  })

  it('a joined session that failed fails the joiner with its code', () => {
    assert.throws(() => asSyncResult({ ...OUTCOME, error: 'TIMEOUT' }), { code: 'TIMEOUT' })
  })

  it('an inbound session still running on a connection that died does not block one on a new connection', () => {
    const pairs = new PairSessions('b')
    const key = pairKey('g', 'a')
    assert.notEqual(pairs.claimInbound(key, 'a', 'conn-1'), undefined)
    assert.equal(pairs.claimInbound(key, 'a', 'conn-1'), undefined, 'the same connection: busy')
    assert.notEqual(pairs.claimInbound(key, 'a', 'conn-2'), undefined, 'a new circuit after a cut: served')
  })

  it('a join never takes a session that has ended (a restarted peer needs a fresh one); a crossing refusal still finds it', () => {
    let clock = 100
    const pairs = new PairSessions('b', () => clock)
    const key = pairKey('g', 'a')
    const claim = pairs.claimInbound(key, 'a', 'conn-1')!
    assert.notEqual(pairs.runningInbound(key), undefined)
    claim.end(OUTCOME)
    clock = 200
    assert.equal(pairs.runningInbound(key), undefined, 'ended: nothing to join')
    assert.equal(pairs.running(key), undefined)
    assert.notEqual(pairs.inbound(key, 100), undefined, 'kept a little while for a crossing request')
  })
})
