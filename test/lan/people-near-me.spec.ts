/**
 * LAN tier of Peer Collaboration: four netlan hosts (network namespaces on a private bridge,
 * 10.77.0.x), each `peerhood start` with mDNS on (query period 1 s), driven by `peerhood`
 * commands run in its namespace and watched through `peerhood events --json`, as a user does.
 * Three sign in to near (`peerhood signin --scope near`) and see each other with their nicknames
 * within the announcement time; a rename (`peerhood me set --nickname`) shows as `updated`; two
 * exchange cards from the People Near Me list (`contact add --near ID`), watch each other and see
 * presence and object changes; a cut cable is removed within the documented time; a sign-out's
 * goodbye removes at once and shows offline to the watcher; the fourth, never signed in, appears
 * nowhere and may not list People Near Me, until `collab.autoSignin` signs it in at start.
 * Needs root and iproute2; elsewhere it says why and skips.
 */
import assert from 'node:assert/strict'
import { join } from 'node:path'
import pWaitFor from 'p-wait-for'
import type { NearPersonJson } from '../../node/api/routes-near.ts'
import { LanHost, netlan, netlanUnavailable } from '../helpers/netlan.ts'
import { tempDir } from '../helpers/temp-dir.ts'

const HOSTS = 4
const INTERVAL_MS = 1000
/** Documented removal time without refresh: 3 periods, found by a sweep every half period. */
const REMOVAL_MS = 3 * INTERVAL_MS + INTERVAL_MS / 2
/** Issue 10's target: a host that signs in is seen by the others within 2 s (the announcement, not the query period). */
const SEEN_MS = 2000
/** Issue 10: watchers see a presence change within a second on a LAN. */
const PUSH_MS = 1000
const NAMES = ['alice', 'bob', 'carol', 'dave']

describe('lan: People Near Me and watching (netlan, 4 hosts, signed in with the CLI)', function () {
  // each `peerhood` command is a Node process start: a second on a quiet machine, many on a loaded one
  this.timeout(300_000)
  const prefix = `lan10${process.pid % 100}`
  const hosts: LanHost[] = []
  let dir: { path: string, remove: () => Promise<void> } | undefined
  let up = false

  before(async function () {
    const why = netlanUnavailable(prefix)
    if (why !== undefined) { console.log(`      skipped: ${why}`); this.skip() }
    const res = netlan(prefix, 'up', String(HOSTS), prefix)
    if (res.status !== 0) { netlan(prefix, 'down', String(HOSTS), prefix); throw new Error(`netlan up failed: ${res.out}`) }
    up = true
    dir = await tempDir()
    for (let i = 0; i < HOSTS; i++) hosts.push(new LanHost(prefix, i, join(dir.path, `host-${i}`), INTERVAL_MS))
    await Promise.all(hosts.map(async h => { await h.start() }))
    // names first: signing in advertises them at once
    await Promise.all(hosts.map(async (h, i) => { await h.cli(['me', 'set', '--nickname', NAMES[i]!, '--endpoint-name', `host-${i}`]) }))
  })

  after(async () => {
    await Promise.all(hosts.map(async h => { await h.stop() }))
    if (up) netlan(prefix, 'down', String(HOSTS), prefix)
    await dir?.remove()
  })

  const signedInAt = (h: LanHost): number => h.of('signin:changed').findLast(e => e.change === 'signed-in')!.t
  const addedAt = (observer: LanHost, subject: LanHost): number | undefined =>
    observer.changes().find(c => c.change === 'added' && c.peerId === subject.peerId)?.t

  it('three hosts that sign in to near see each other with their nicknames within 2 s of sign-in', async () => {
    const three = hosts.slice(0, 3)
    await Promise.all(three.map(async h => {
      const status = await h.cli<{ near: boolean }>(['signin', '--scope', 'near'])
      assert.equal(status.near, true)
    }))
    await pWaitFor(() => three.every(a => three.every(b => a === b || a.seen().get(b.peerId) === NAMES[b.index])), { interval: 50, timeout: 10_000 })
    for (const subject of three) {
      const late = Math.max(...three.filter(o => o !== subject).map(o => addedAt(o, subject)!)) - signedInAt(subject)
      assert.ok(late <= SEEN_MS, `host ${subject.index} seen ${late} ms after its sign-in`)
    }
    const list = await hosts[0]!.cli<NearPersonJson[]>(['near'])
    assert.deepEqual(list.map(p => p.nickname).sort(), ['bob', 'carol'])
    const bob = list.find(p => p.nickname === 'bob')!
    assert.equal(bob.peerId, hosts[1]!.peerId)
    assert.equal(bob.endpointName, 'host-1')
    assert.equal(bob.trusted, false)
    assert.match(bob.id, /^[a-z2-7]{16}$/)
    assert.ok(bob.addresses.includes(`/ip4/10.77.0.2/tcp/4001/p2p/${bob.peerId}`), bob.addresses.join(' '))
  })

  it('a rename (me set --nickname) reaches the others as near:changed updated on /v1/events', async () => {
    await hosts[1]!.cli(['me', 'set', '--nickname', 'robert'])
    await pWaitFor(() => [0, 2].every(i => hosts[i]!.changes().some(c => c.change === 'updated' && c.peerId === hosts[1]!.peerId && c.nickname === 'robert')), { interval: 50, timeout: 5000 })
    const renamed = hosts[1]!.of('my:endpoint-changed').at(-1)!
    const updated = hosts[0]!.changes().find(c => c.change === 'updated' && c.nickname === 'robert')!
    assert.ok(updated.t - renamed.t <= SEEN_MS, `rename seen ${updated.t - renamed.t} ms later`)
    assert.equal(updated.id, (await hosts[0]!.cli<NearPersonJson[]>(['near'])).find(p => p.peerId === hosts[1]!.peerId)?.id)
  })

  it('the longest names (255 characters each, 1.5 KB of UTF-8) cross the LAN in one answer', async () => {
    const nickname = '李'.repeat(255)
    await hosts[1]!.cli(['me', 'set', '--nickname', nickname, '--endpoint-name', 'é'.repeat(255)])
    await pWaitFor(() => [0, 2].every(i => hosts[i]!.seen().get(hosts[1]!.peerId) === nickname), { interval: 50, timeout: 5000 })
    await hosts[1]!.cli(['me', 'set', '--nickname', 'robert', '--endpoint-name', 'host-1'])
    await pWaitFor(() => [0, 2].every(i => hosts[i]!.seen().get(hosts[1]!.peerId) === 'robert'), { interval: 50, timeout: 5000 })
  })

  it('two exchange cards from the People Near Me list, watch each other, and see presence and object changes', async () => {
    const [alice, bob] = hosts as [LanHost, LanHost]
    const idOf = async (h: LanHost, peerId: string): Promise<string> => (await h.cli<NearPersonJson[]>(['near'])).find(p => p.peerId === peerId)!.id
    const bobContact = await alice.cli<{ peerId: string, nickname: string }>(['contact', 'add', '--near', await idOf(alice, bob.peerId)])
    const aliceContact = await bob.cli<{ peerId: string, nickname: string }>(['contact', 'add', '--near', await idOf(bob, alice.peerId)])
    // the names are the signed card's, fetched over the authenticated connection
    assert.deepEqual([bobContact.peerId, bobContact.nickname], [bob.peerId, 'robert'])
    assert.deepEqual([aliceContact.peerId, aliceContact.nickname], [alice.peerId, 'alice'])
    assert.equal((await alice.cli<NearPersonJson[]>(['near'])).find(p => p.peerId === bob.peerId)!.trusted, true)
    // the mark changed when bob became a contact: near:changed updated, trusted, on /v1/events
    await pWaitFor(() => alice.changes().some(c => c.change === 'updated' && c.peerId === bob.peerId && c.trusted === true), { interval: 50, timeout: 5000 })

    await alice.cli(['contact', 'update', bob.peerId, '--allow-watching', '--watch'])
    await bob.cli(['contact', 'update', alice.peerId, '--allow-watching', '--watch'])
    const sees = (watcher: LanHost, subject: LanHost, status: string): boolean =>
      watcher.of('endpoint:presence-changed').some(e => e.peerId === subject.peerId && e.presence.status === status)
    // alice asked first and was refused (bob had not allowed her yet); bob's subscription makes
    // her try again at once, not at the next 30 s retry
    await pWaitFor(() => sees(alice, bob, 'online') && sees(bob, alice, 'online'), { interval: 50, timeout: 20_000 })
    const bobWatches = bob.of('watchlist:changed').find(e => e.peerId === alice.peerId && e.change === 'added')!
    const aliceSees = alice.of('endpoint:presence-changed').find(e => e.peerId === bob.peerId && e.presence.status === 'online')!
    assert.ok(aliceSees.t - bobWatches.t <= 5000, `alice watched bob ${aliceSees.t - bobWatches.t} ms after bob allowed and watched her`)

    await bob.cli(['presence', 'set', 'away', '--text', 'lunch'])
    // bob's own event comes on bob's event stream, which may lag alice's: wait for both
    await pWaitFor(() => sees(alice, bob, 'away') && bob.of('my:presence-changed').some(e => e.presence.status === 'away'), { interval: 20, timeout: 5000 })
    const set = bob.of('my:presence-changed').findLast(e => e.presence.status === 'away')!
    const seen = alice.of('endpoint:presence-changed').find(e => e.peerId === bob.peerId && e.presence.status === 'away')!
    assert.equal(seen.presence.text, 'lunch')
    assert.ok(seen.t - set.t <= PUSH_MS, `presence seen ${seen.t - set.t} ms after it was set`)
    assert.deepEqual(await alice.cli(['presence', bob.peerId]), { status: 'away', text: 'lunch' })

    await alice.cli(['object', 'set', 'org.example.note', '--text', 'hello'])
    await pWaitFor(() => bob.of('endpoint:object-changed').some(e => e.peerId === alice.peerId && e.object.id === 'org.example.note'), { interval: 20, timeout: 5000 })
    const changed = bob.of('endpoint:object-changed').find(e => e.object.id === 'org.example.note')!
    assert.equal(changed.change, 'added')
    assert.equal(Buffer.from(changed.object.data, 'base64').toString(), 'hello')
    const objects = await bob.cli<Array<{ id: string }>>(['object', 'list', alice.peerId])
    assert.deepEqual(objects.map(o => o.id), ['org.example.note'])
  })

  it('a host whose cable is cut is removed within the documented time', async () => {
    const cut = Date.now()
    const res = netlan(prefix, 'cut', '2')
    assert.equal(res.status, 0, res.out)
    await pWaitFor(() => [0, 1].every(i => !hosts[i]!.seen().has(hosts[2]!.peerId)), { interval: 50, timeout: REMOVAL_MS + 5000 })
    const removedAt = Math.max(...[0, 1].map(i => hosts[i]!.changes().findLast(c => c.change === 'removed' && c.peerId === hosts[2]!.peerId)!.t))
    // the last refresh came at most one period before the cut
    assert.ok(removedAt - cut <= REMOVAL_MS + 1000, `removed ${removedAt - cut} ms after the cut`)
    netlan(prefix, 'heal', '2')
  })

  it('signing out (peerhood signout: goodbye) removes at once and shows offline to the watcher', async () => {
    const [alice, bob] = hosts as [LanHost, LanHost]
    const t0 = Date.now()
    await bob.cli(['signout'])
    await pWaitFor(() => !alice.seen().has(bob.peerId) && bob.of('signin:changed').some(e => e.change === 'signed-out'), { interval: 20, timeout: 5000 })
    // the node emits signin:changed once the goodbye has left and its watchers are told
    const out = bob.of('signin:changed').findLast(e => e.change === 'signed-out')!
    const removed = alice.changes().findLast(c => c.change === 'removed' && c.peerId === bob.peerId)!
    assert.ok(removed.t - out.t < 1000, `removed ${removed.t - out.t} ms after the goodbye`)
    await pWaitFor(() => alice.of('endpoint:presence-changed').some(e => e.peerId === bob.peerId && e.presence.status === 'offline' && e.t >= t0), { interval: 20, timeout: 5000 })
  })

  it('the host never signed in appears nowhere and may not list People Near Me, though it hears the others', async () => {
    const fourth = hosts[3]!
    for (const h of hosts.slice(0, 3)) assert.ok(!h.changes().some(c => c.peerId === fourth.peerId), `host ${h.index} saw the fourth`)
    assert.ok(!(await hosts[0]!.cli<NearPersonJson[]>(['near'])).some(p => p.peerId === fourth.peerId))
    const refused = await fourth.run(['near'])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /^NOT_SIGNED_IN: /)
    assert.equal(fourth.seen().get(hosts[0]!.peerId), 'alice')
  })

  it('collab.autoSignin: restarted with the key set, the fourth signs in to near at start and is seen', async () => {
    const fourth = hosts[3]!
    await fourth.stop()
    await fourth.start({ PEERHOOD_COLLAB_AUTO_SIGNIN: 'near' })
    assert.equal((await fourth.cli<{ near: boolean }>(['signin', '--status'])).near, true)
    await pWaitFor(() => hosts[0]!.seen().get(fourth.peerId) === 'dave', { interval: 50, timeout: 5000 })
  })
})
