import assert from 'node:assert/strict'
import { TopicValidatorResult } from '@libp2p/gossipsub'
import { encodeBundle } from '../../../protocols/group-gossip/bundle.ts'
import { bundleResult, GossipIngress, HOLD_MS } from '../../../protocols/peer-groups/gossip-ingress.ts'
import type { DecodedRecord } from '../../../protocols/records/codec.ts'
import { type IngressReason, type IngressVerdict, verdict } from '../../../protocols/records/reasons.ts'

/** A record of the fake ingress: its first byte picks the reason it gets, the second is its id. */
const REASONS: IngressReason[] = ['ACCEPTED', 'DUPLICATE', 'STALE', 'UNKNOWN_SIGNER', 'BAD_SIGNATURE', 'UNKNOWN_SIGNER_FLOOD']
const rec = (reason: IngressReason, id: number): Uint8Array => Uint8Array.from([REASONS.indexOf(reason), id])
/** Record 99 is signed by a member this node knows only from a handshake (it holds no record of its credential). */
const decoded = (id: number): DecodedRecord => ({ hash: Uint8Array.from([id]), record: { modifier: id === 99 ? 'unrecorded' : 'recorded' } }) as unknown as DecodedRecord

function harness () {
  let clock = 0
  const reports: Array<{ msgId: string, result: TopicValidatorResult }> = []
  const ingested: number[] = []
  const counted: IngressVerdict[] = []
  const pulls: string[] = []
  const penalised: string[] = []
  const lost: string[] = []
  const ingress = new GossipIngress({
    groupOfTopic: topic => topic === 't' ? 'g' : undefined,
    isProven: (_g, peer) => peer !== 'stranger',
    vouches: (_g, peer) => peer !== 'unrecorded',
    ingest: async (_g, bytes) => {
      ingested.push(bytes[1]!)
      return verdict(REASONS[bytes[0]!]!, decoded(bytes[1]!))
    },
    count: v => { counted.push(v) },
    pullFrom: (_g, peer) => { pulls.push(peer) },
    penalise: (peer, reason) => { penalised.push(`${peer}:${reason}`) },
    report: (msgId, _source, result) => {
      reports.push({ msgId, result })
      // gossipsub has dropped message `late` from its cache: an accept of it forwards nothing
      return !(msgId === 'late' && result === TopicValidatorResult.Accept)
    },
    forwardLost: g => { lost.push(g) },
    now: () => clock
  })
  return { ingress, reports, ingested, counted, pulls, penalised, lost, tick: (ms: number) => { clock += ms } }
}

describe('gossip ingress of record bundles', () => {
  const table: Array<[string, IngressReason[], TopicValidatorResult | undefined]> = [
    ['all new', ['ACCEPTED', 'ACCEPTED'], TopicValidatorResult.Accept],
    ['new and already held', ['ACCEPTED', 'DUPLICATE'], TopicValidatorResult.Accept],
    ['only already held', ['DUPLICATE'], TopicValidatorResult.Accept],
    ['only stale', ['STALE', 'STALE'], TopicValidatorResult.Ignore],
    ['new and stale', ['STALE', 'ACCEPTED'], TopicValidatorResult.Accept],
    ['one forged', ['ACCEPTED', 'BAD_SIGNATURE'], TopicValidatorResult.Reject],
    ['forged and unknown signer', ['UNKNOWN_SIGNER', 'BAD_SIGNATURE'], TopicValidatorResult.Reject],
    ['an unknown signer', ['ACCEPTED', 'UNKNOWN_SIGNER'], undefined]
  ]
  for (const [what, reasons, expected] of table) {
    it(`judges a bundle of ${what}: ${expected ?? 'held'}`, () => {
      assert.equal(bundleResult(reasons.map((r, i) => verdict(r, decoded(i)))), expected)
    })
  }

  it('tells the group when a bundle it accepted came too late for gossipsub to forward, and only then', async () => {
    const h = harness()
    await h.ingress.onMessage('m1', 'p', 't', encodeBundle([rec('ACCEPTED', 1)]))
    await h.ingress.onMessage('late', 'p', 't', encodeBundle([rec('STALE', 2)]))
    assert.deepEqual(h.lost, [])
    await h.ingress.onMessage('late', 'p', 't', encodeBundle([rec('ACCEPTED', 3)]))
    assert.deepEqual(h.lost, ['g'])
  })

  it('reports each bundle once, from the verdicts of its records', async () => {
    const h = harness()
    await h.ingress.onMessage('m1', 'p', 't', encodeBundle([rec('ACCEPTED', 1), rec('DUPLICATE', 2)]))
    await h.ingress.onMessage('m2', 'p', 't', encodeBundle([rec('STALE', 3)]))
    assert.deepEqual(h.reports, [{ msgId: 'm1', result: TopicValidatorResult.Accept }, { msgId: 'm2', result: TopicValidatorResult.Ignore }])
    assert.deepEqual(h.ingested, [1, 2, 3])
  })

  it('stops judging a bundle at its first forged record and rejects it', async () => {
    const h = harness()
    await h.ingress.onMessage('m', 'p', 't', encodeBundle([rec('ACCEPTED', 1), rec('BAD_SIGNATURE', 2), rec('ACCEPTED', 3)]))
    assert.deepEqual(h.reports, [{ msgId: 'm', result: TopicValidatorResult.Reject }])
    assert.deepEqual(h.ingested, [1, 2])
    assert.deepEqual(h.penalised, ['p:gossip-rejected'])
  })

  it('drops records beyond the sender\'s parking budget without forwarding their bundle or penalising at once', async () => {
    const h = harness()
    await h.ingress.onMessage('m1', 'p', 't', encodeBundle([rec('UNKNOWN_SIGNER_FLOOD', 1), rec('UNKNOWN_SIGNER_FLOOD', 2)]))
    await h.ingress.onMessage('m2', 'p', 't', encodeBundle([rec('ACCEPTED', 3), rec('UNKNOWN_SIGNER_FLOOD', 4)]))
    assert.deepEqual(h.reports.map(r => r.result), [TopicValidatorResult.Ignore, TopicValidatorResult.Accept])
    assert.deepEqual(h.penalised, [])
  })

  it('forwards a bundle only when it holds the credential record of every signer worth forwarding', async () => {
    const h = harness()
    await h.ingress.onMessage('m1', 'p', 't', encodeBundle([rec('ACCEPTED', 1), rec('ACCEPTED', 99)]))
    await h.ingress.onMessage('m2', 'p', 't', encodeBundle([rec('STALE', 99), rec('ACCEPTED', 2)]))
    assert.deepEqual(h.reports.map(r => r.result), [TopicValidatorResult.Ignore, TopicValidatorResult.Accept])
    assert.deepEqual(h.penalised, [])
  })

  it('rejects and counts a message that is not a bundle, judging nothing', async () => {
    const h = harness()
    await h.ingress.onMessage('m', 'p', 't', rec('ACCEPTED', 1))
    assert.deepEqual(h.reports, [{ msgId: 'm', result: TopicValidatorResult.Reject }])
    assert.deepEqual(h.counted.map(v => v.reason), ['MALFORMED'])
    assert.deepEqual(h.ingested, [])
  })

  it('ignores bundles from peers without proven membership and on foreign topics', async () => {
    const h = harness()
    await h.ingress.onMessage('m1', 'stranger', 't', encodeBundle([rec('ACCEPTED', 1)]))
    await h.ingress.onMessage('m2', 'p', 'other', encodeBundle([rec('ACCEPTED', 1)]))
    assert.deepEqual(h.reports.map(r => r.result), [TopicValidatorResult.Ignore, TopicValidatorResult.Ignore])
    assert.deepEqual(h.ingested, [])
  })

  it('holds a bundle with an unknown signer, pulls from its sender, and reports it once the record settles', async () => {
    const h = harness()
    await h.ingress.onMessage('m', 'p', 't', encodeBundle([rec('ACCEPTED', 1), rec('UNKNOWN_SIGNER', 2), rec('UNKNOWN_SIGNER', 3)]))
    assert.deepEqual(h.reports, [])
    assert.equal(h.ingress.heldCount, 1)
    assert.deepEqual(h.pulls, ['p'])
    h.ingress.settle([verdict('ACCEPTED', decoded(2))])
    assert.deepEqual(h.reports, [])
    h.ingress.settle([verdict('UNKNOWN_SIGNER', decoded(3)), verdict('ACCEPTED', decoded(9))])
    assert.deepEqual(h.reports, [])
    h.ingress.settle([verdict('ACCEPTED', decoded(3))])
    assert.deepEqual(h.reports, [{ msgId: 'm', result: TopicValidatorResult.Accept }])
    assert.equal(h.ingress.heldCount, 0)
  })

  it('rejects a held bundle whose parked record turns out forged', async () => {
    const h = harness()
    await h.ingress.onMessage('m', 'p', 't', encodeBundle([rec('UNKNOWN_SIGNER', 1)]))
    h.ingress.settle([verdict('BAD_SIGNATURE', decoded(1))])
    assert.deepEqual(h.reports, [{ msgId: 'm', result: TopicValidatorResult.Reject }])
    assert.deepEqual(h.penalised, ['p:gossip-rejected'])
  })

  it('settles every bundle that waits on the same record', async () => {
    const h = harness()
    await h.ingress.onMessage('m1', 'p', 't', encodeBundle([rec('UNKNOWN_SIGNER', 1)]))
    await h.ingress.onMessage('m2', 'q', 't', encodeBundle([rec('UNKNOWN_SIGNER', 1), rec('ACCEPTED', 2)]))
    h.ingress.settle([verdict('ACCEPTED', decoded(1))])
    assert.deepEqual(h.reports.map(r => r.msgId).sort(), ['m1', 'm2'])
  })

  it('gives up on a held bundle after the hold time, ignoring it', async () => {
    const h = harness()
    await h.ingress.onMessage('m', 'p', 't', encodeBundle([rec('UNKNOWN_SIGNER', 1)]))
    h.tick(HOLD_MS - 1)
    h.ingress.expire()
    assert.deepEqual(h.reports, [])
    h.tick(1)
    h.ingress.expire()
    assert.deepEqual(h.reports, [{ msgId: 'm', result: TopicValidatorResult.Ignore }])
    h.ingress.settle([verdict('ACCEPTED', decoded(1))])
    assert.equal(h.reports.length, 1)
  })
})
