import assert from 'node:assert/strict'
import dnsPacket, { type Answer } from 'dns-packet'
import { MAX_PEOPLE_PER_NETWORK } from '../../../protocols/people-near-me/constants.ts'
import type { NearChangedDetail } from '../../../protocols/people-near-me/index.ts'
import { NearTable } from '../../../protocols/people-near-me/near-table.ts'
import { addNames, goodbyeRecords, type MdnsRecord, type NearObservation, readResponse } from '../../../protocols/people-near-me/packets.ts'
import { encodeNames, nearId } from '../../../protocols/people-near-me/rules.ts'

const TAG = '_peerhood._udp.local'
const A = '12D3KooWLRPJAA5o6Z6LPyKvw5sF1jBCHFqHfQ2VZ5k5AhxbDSgx'
const B = '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo'

/** The answer @libp2p/mdns's responder builds for one instance (PTR + one TXT per address). */
function plainAnswer (instance: string, peerId: string, ips: string[]): MdnsRecord[] {
  return [
    { name: TAG, type: 'PTR', class: 'IN', ttl: 120, data: `${instance}.${TAG}` },
    ...ips.map(ip => ({ name: `${instance}.${TAG}`, type: 'TXT', class: 'IN', ttl: 120, data: `dnsaddr=/ip4/${ip}/tcp/4001/p2p/${peerId}` }))
  ]
}

/** Through the wire: encoded and decoded by dns-packet, as multicast-dns does. */
function wire (answers: MdnsRecord[]): { answers: MdnsRecord[], additionals: MdnsRecord[] } {
  const buf = dnsPacket.encode({ type: 'response', answers: answers as unknown as Answer[] })
  const decoded = dnsPacket.decode(buf)
  return { answers: (decoded.answers ?? []) as unknown as MdnsRecord[], additionals: (decoded.additionals ?? []) as unknown as MdnsRecord[] }
}

/** The change kind of an observation's outcome, or the reason nothing changed. */
function outcome (r: NearChangedDetail | string): string {
  return typeof r === 'string' ? r : r.change
}

describe('people near me: mDNS records and the list', () => {
  describe('records', () => {
    it('adds the names to the node\'s own answer only while advertising, and reads them back off the wire', () => {
      const plain = plainAnswer('inst-a', A, ['10.77.0.1'])
      const unchanged = addNames(plain, TAG, undefined)
      assert.equal(unchanged.answers, plain)
      assert.equal(unchanged.instance, `inst-a.${TAG}`)
      const names = { nickname: '李'.repeat(255), endpointName: 'x'.repeat(255) }
      const { answers } = addNames(plain, TAG, names)
      const [obs] = readResponse(wire(answers), TAG)
      assert.deepEqual(obs, { kind: 'answer', instance: `inst-a.${TAG}`, peerId: A, addresses: [`/ip4/10.77.0.1/tcp/4001/p2p/${A}`], names })
      assert.deepEqual(readResponse(wire(plain), TAG), [{ kind: 'answer', instance: `inst-a.${TAG}`, peerId: A, addresses: [`/ip4/10.77.0.1/tcp/4001/p2p/${A}`], names: undefined }])
    })

    it('reads a goodbye (TTL 0) and ignores other service tags', () => {
      assert.deepEqual(readResponse(wire(goodbyeRecords(TAG, `inst-a.${TAG}`)), TAG), [{ kind: 'goodbye', instance: `inst-a.${TAG}` }])
      const other = plainAnswer('inst-b', B, ['10.77.0.2']).map(r => r.type === 'PTR' ? { ...r, name: '_p2p._udp.local' } : r)
      assert.deepEqual(readResponse(wire(other), TAG), [])
    })

    it('keeps only addresses naming the announced PeerId, at most 16, and refuses an answer naming none', () => {
      const answers = [
        ...plainAnswer('inst-a', A, Array.from({ length: 20 }, (_, i) => `10.77.0.${i + 1}`)),
        { name: `inst-a.${TAG}`, type: 'TXT', ttl: 120, data: [`dnsaddr=/ip4/10.9.9.9/tcp/1/p2p/${B}`, 'dnsaddr=/not/a/multiaddr', ...encodeNames({ nickname: 'A', endpointName: '' })] }
      ]
      const [obs] = readResponse(wire(answers), TAG) as [Extract<NearObservation, { kind: 'answer' }>]
      assert.equal(obs.peerId, A)
      assert.equal(obs.addresses.length, 16)
      assert.ok(obs.addresses.every(a => a.endsWith(`/p2p/${A}`)))
      const noId = [{ name: TAG, type: 'PTR', ttl: 120, data: `x.${TAG}` }, { name: `x.${TAG}`, type: 'TXT', ttl: 120, data: ['dnsaddr=/ip4/10.0.0.1/tcp/1', ...encodeNames({ nickname: 'A', endpointName: '' })] }]
      assert.deepEqual(readResponse(wire(noId), TAG), [{ kind: 'refused', instance: `x.${TAG}`, reason: 'no-peer-id' }])
    })

    it('refuses a packet with too many TXT strings whole, and hostile names per instance', () => {
      const flood = [...plainAnswer('inst-a', A, ['10.77.0.1']), { name: `inst-a.${TAG}`, type: 'TXT', ttl: 120, data: Array.from({ length: 64 }, (_, i) => `junk${i}`) }]
      assert.deepEqual(readResponse(wire(flood), TAG), [{ kind: 'refused', instance: '', reason: 'too-many-txt-strings' }])
      const hostile = [...plainAnswer('inst-a', A, ['10.77.0.1']), { name: `inst-a.${TAG}`, type: 'TXT', ttl: 120, data: ['pnm=1', 'pnm-n0=\x1b[2J'] }]
      assert.deepEqual(readResponse(wire(hostile), TAG), [{ kind: 'refused', instance: `inst-a.${TAG}`, reason: 'control-character' }])
    })

    it('reads at most 8 instances from one packet', () => {
      const many = Array.from({ length: 12 }, (_, i) => ({ name: TAG, type: 'PTR', ttl: 120, data: `i${i}.${TAG}` }))
      assert.equal(readResponse(wire(many), TAG).length, 8)
    })
  })

  describe('the list', () => {
    const table = () => new NearTable({ maxPerNetwork: MAX_PEOPLE_PER_NETWORK, maxTotal: 256, staleAfterMs: 3000 })
    const answer = (peerId: string, instance: string, nickname: string | undefined, addresses = ['/ip4/10.77.0.1/tcp/4001']): NearObservation =>
      ({ kind: 'answer', instance, peerId, addresses, names: nickname === undefined ? undefined : { nickname, endpointName: 'pc' } })
    const NET = '10.77.0.0/24'

    it('adds, updates on rename only, and removes on goodbye', () => {
      const t = table()
      const added = t.observe(answer(A, 'a1', 'Alice'), NET, 1000)
      assert.deepEqual(added, { change: 'added', person: { id: nearId(A), peerId: A, nickname: 'Alice', endpointName: 'pc', addresses: ['/ip4/10.77.0.1/tcp/4001'], lastSeen: 1000 } })
      assert.equal(t.observe(answer(A, 'a1', 'Alice'), NET, 2000), 'unchanged')
      assert.equal(t.get(A)?.lastSeen, 2000)
      assert.equal(outcome(t.observe(answer(A, 'a1', 'Alicia'), NET, 2500)), 'updated')
      assert.equal(t.get(nearId(A))?.nickname, 'Alicia')
      assert.equal(t.observe({ kind: 'goodbye', instance: 'other' }, NET, 2600), 'unknown-instance')
      assert.equal(outcome(t.observe({ kind: 'goodbye', instance: 'a1' }, NET, 2600)), 'removed')
      assert.equal(t.size, 0)
      assert.equal(t.get(nearId(A)), undefined)
    })

    it('an answer without names from the same instance removes (a lost goodbye); from another instance it does not', () => {
      const t = table()
      t.observe(answer(A, 'a1', 'Alice'), NET, 1000)
      assert.equal(t.observe(answer(A, 'a2', undefined), NET, 1100), 'unknown-instance')
      assert.equal(t.size, 1)
      assert.equal(outcome(t.observe(answer(A, 'a1', undefined), NET, 1200)), 'removed')
      assert.equal(t.observe(answer(B, 'b1', undefined), NET, 1300), 'unknown-instance')
      assert.equal(t.size, 0)
    })

    it('removes after the stale time without a refresh, not before', () => {
      const t = table()
      t.observe(answer(A, 'a1', 'Alice'), NET, 1000)
      t.observe(answer(B, 'b1', 'Bob'), NET, 2000)
      assert.deepEqual(t.sweep(4000), [])
      const removed = t.sweep(4001)
      assert.deepEqual(removed.map(c => [c.change, c.person.peerId]), [['removed', A]])
      assert.deepEqual(t.list().map(p => p.peerId), [B])
    })

    it('a flood of fake announcements is bounded per network and in total, never evicting anyone listed', async () => {
      const { generateKeyPair } = await import('@libp2p/crypto/keys')
      const { peerIdFromPrivateKey } = await import('@libp2p/peer-id')
      const ids = await Promise.all(Array.from({ length: 6 }, async () => peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()))
      const t = new NearTable({ maxPerNetwork: 2, maxTotal: 3, staleAfterMs: 3000 })
      assert.equal(outcome(t.observe(answer(ids[0]!, 'r', 'Real'), NET, 1)), 'added')
      assert.equal(outcome(t.observe(answer(ids[1]!, 'f1', 'Fake'), NET, 1)), 'added')
      assert.equal(t.observe(answer(ids[2]!, 'f2', 'Fake'), NET, 1), 'network-full')
      assert.equal(outcome(t.observe(answer(ids[3]!, 'o1', 'Other'), '10.1.0.0/24', 1)), 'added')
      assert.equal(t.observe(answer(ids[4]!, 'o2', 'Other'), '10.2.0.0/24', 1), 'list-full')
      assert.equal(t.get(ids[0]!)?.nickname, 'Real')
      // moving to a full network is refused too
      assert.equal(t.observe(answer(ids[3]!, 'o1', 'Other'), NET, 2), 'network-full')
      // once someone leaves there is room again
      t.observe({ kind: 'goodbye', instance: 'f1' }, NET, 3)
      assert.equal(outcome(t.observe(answer(ids[5]!, 'n', 'New'), NET, 4)), 'added')
    })

    it('changes are paced by a token bucket; refreshes that change nothing are not', () => {
      const t = new NearTable({ maxPerNetwork: 64, maxTotal: 256, staleAfterMs: 60_000, maxChangesPerSecond: 2, changeBurst: 3 })
      assert.equal(outcome(t.observe(answer(A, 'a1', 'n0'), NET, 1000)), 'added')
      assert.equal(outcome(t.observe(answer(A, 'a1', 'n1'), NET, 1000)), 'updated')
      assert.equal(outcome(t.observe(answer(A, 'a1', 'n2'), NET, 1000)), 'updated')
      assert.equal(outcome(t.observe(answer(A, 'a1', 'n3'), NET, 1000)), 'rate-limited')
      assert.equal(outcome(t.observe({ kind: 'goodbye', instance: 'a1' }, NET, 1000)), 'rate-limited')
      assert.equal(t.get(A)?.nickname, 'n2')
      // a refresh without a change still counts as seen
      assert.equal(outcome(t.observe(answer(A, 'a1', 'n2'), NET, 1200)), 'unchanged')
      assert.equal(t.get(A)?.lastSeen, 1200)
      // 2 per second: one more after 500 ms, and the real state converges at the next answer
      assert.equal(outcome(t.observe(answer(A, 'a1', 'n3'), NET, 1500)), 'updated')
      assert.equal(outcome(t.observe({ kind: 'goodbye', instance: 'a1' }, NET, 1500)), 'rate-limited')
      assert.equal(outcome(t.observe({ kind: 'goodbye', instance: 'a1' }, NET, 2000)), 'removed')
    })

    it('refused observations change nothing', () => {
      const t = table()
      assert.equal(t.observe({ kind: 'refused', instance: 'x', reason: 'too-long' }, NET, 1), 'refused')
      assert.equal(t.size, 0)
    })
  })
})
