import assert from 'node:assert/strict'
import { TypedEventEmitter } from '@libp2p/interface'
import { NEAR_PROBE_BURST, NEAR_PROBE_RETRY_MS } from '../../../protocols/collaboration/constants.ts'
import { NearTrust, type NearTrustChangedDetail } from '../../../protocols/collaboration/near-trust.ts'
import type { NearPerson, PeopleNearMe, PeopleNearMeEvents } from '../../../protocols/collaboration/near.ts'

/** People Near Me as a list the test fills (the near service is the boundary: mDNS is not under test here). */
class ListNear extends TypedEventEmitter<PeopleNearMeEvents> implements PeopleNearMe {
  readonly people = new Map<string, NearPerson>()
  readonly advertising = false
  async advertise (): Promise<void> {}
  list (): NearPerson[] { return [...this.people.values()] }
  get (peerId: string): NearPerson | undefined { return this.people.get(peerId) }
  announce (peerId: string): void {
    const person = { id: peerId, peerId, nickname: 'ada', endpointName: '', addresses: [], lastSeen: 0 }
    this.people.set(peerId, person)
    this.safeDispatchEvent('near:changed', { detail: { change: 'added', person } })
  }
}

const settle = async (): Promise<void> => { for (let i = 0; i < 5; i++) await new Promise(resolve => setImmediate(resolve)) }

describe('unit: People Near Me trusted marks (NearTrust)', () => {
  let now = 1_000_000
  const near = new ListNear()
  const tried: string[] = []
  const emitted: NearTrustChangedDetail[] = []
  let answer: (person: NearPerson) => void = () => { throw new Error('unreachable') }
  const trust = new NearTrust({
    near: () => near,
    signedInNear: () => true,
    isTrustedContact: (identity) => identity === 'ada',
    hasTrustedContacts: () => true,
    prove: async (person) => { tried.push(person.peerId); answer(person) },
    emit: (d) => { emitted.push(d) },
    now: () => now,
    log: Object.assign(() => {}, { enabled: false, trace: () => {}, error: () => {}, newScope: () => ({}) }) as never
  }, { tickMs: 0 })
  trust.start()
  after(() => { trust.stop() })

  it('a flood of announcements is proven at a bounded pace, each PeerId at most once per retry period', async () => {
    for (let i = 0; i < 200; i++) near.announce(`fake-${i}`)
    await settle()
    for (let i = 0; i < 20; i++) { trust.reconcile(); await settle() }
    // the burst, no more, however often the list is checked
    assert.equal(tried.length, NEAR_PROBE_BURST)
    assert.equal(new Set(tried).size, tried.length)
    // a minute later: 30 more would be due, the burst caps them
    now += 60_000
    for (let i = 0; i < 20; i++) { trust.reconcile(); await settle() }
    assert.equal(tried.length, 2 * NEAR_PROBE_BURST)
    assert.equal(new Set(tried).size, tried.length)
    assert.deepEqual(emitted, [])
    // after the retry period, each is tried again (still paced)
    now += NEAR_PROBE_RETRY_MS
    trust.reconcile()
    await settle()
    assert.ok(tried.length > 2 * NEAR_PROBE_BURST && tried.length <= 3 * NEAR_PROBE_BURST)
  })

  it('a proof of a trusted identity marks the entry trusted with one near:changed; without one nothing is', async () => {
    now += 10 * 60 * 60_000
    answer = (person) => { if (person.peerId === 'laptop') trust.record('laptop', 'ada') }
    near.announce('laptop')
    await settle()
    assert.equal(trust.trusted('laptop'), true)
    assert.deepEqual(emitted.map(d => [d.person.peerId, d.trusted]), [['laptop', true]])
    // a proof lapses after its lifetime (an hour)
    now += 60 * 60_000
    answer = () => {}
    trust.reconcile()
    assert.equal(trust.trusted('laptop'), false)
    assert.deepEqual(emitted.map(d => [d.person.peerId, d.trusted]), [['laptop', true], ['laptop', false]])
  })
})
