import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import type { NearPerson } from '../../../protocols/collaboration/near.ts'
import { type CollabNode, eventsOf, sharedIdentity, startCollab, stopAll } from './nodes.ts'

async function started (name: string, init: Parameters<typeof startCollab>[1] = {}): Promise<CollabNode> {
  const t = await startCollab(name, init)
  await t.node.start()
  await t.collab.signin('all')
  return t
}

/** `other` as People Near Me lists it after its announcement (names and PeerId are what it says). */
function entry (other: CollabNode, fields: Partial<NearPerson> = {}): NearPerson {
  return { id: `near-${other.name}`, peerId: other.peerId, nickname: other.name, endpointName: other.name, addresses: other.node.getMultiaddrs().map(String), lastSeen: Date.now(), ...fields }
}

describe('cluster: the People Near Me trusted mark follows the identity', function () {
  this.timeout(90_000)
  let nodes: CollabNode[] = []
  afterEach(async () => { await stopAll(nodes); nodes = [] })

  /** A watcher with ada as a trusted contact (her card made on her desk), and `others` started. */
  async function setup (others: Array<[string, Awaited<ReturnType<typeof sharedIdentity>>]>): Promise<CollabNode[]> {
    const ada = await sharedIdentity('ada')
    const w = await started('near-watcher')
    const a1 = await started('ada-desk3', { identity: ada })
    nodes = [w, a1]
    for (const [name, identity] of others) nodes.push(await started(name, { identity }))
    await w.collab.addContact((await a1.collab.exportCard()).text)
    assert.equal(w.collab.isTrustedContact(ada.peerId), true)
    // they answer a card request from someone they see near
    for (const n of nodes.slice(2)) n.near.see(w)
    return nodes
  }

  it('a trusted contact\'s second endpoint is trusted once its certificate is proven, with near:changed; untrusted when the contact goes', async () => {
    const ada = await sharedIdentity('ada')
    const [w, , a2] = await setup([['ada-laptop3', ada]]) as [CollabNode, CollabNode, CollabNode]
    w.near.announce(entry(a2))
    // an announcement alone is no proof: untrusted until the laptop proved to be ada over the connection
    assert.equal(w.collab.nearTrusted(a2.peerId), false)
    await pWaitFor(() => eventsOf(w, 'near:changed').some(d => d.person.peerId === a2.peerId && d.trusted === true), { timeout: 30_000 })
    assert.equal(w.collab.nearTrusted(a2.peerId), true)
    assert.equal(w.collab.endpointOwner(a2.peerId), ada.peerId)

    // the mark follows the contact: deleting ada makes her laptop untrusted, with its near:changed
    await w.collab.deleteContact(ada.peerId)
    await pWaitFor(() => eventsOf(w, 'near:changed').some(d => d.person.peerId === a2.peerId && d.trusted === false), { timeout: 30_000 })
    assert.equal(w.collab.nearTrusted(a2.peerId), false)
  })

  it('a node announcing a trusted contact\'s nickname, or its PeerId at the node\'s own addresses, stays untrusted', async () => {
    const ada = await sharedIdentity('ada')
    const eve = await sharedIdentity('eve')
    const [w, , liar] = await setup([['liar3', eve]]) as [CollabNode, CollabNode, CollabNode]
    // another identity's node announcing ada's nickname proves eve: untrusted
    w.near.announce(entry(liar, { nickname: 'ada', endpointName: 'ada-desk3' }))
    // an announcement naming ada's own PeerId at the liar's addresses: no node can prove it
    const spoofed = liar.node.getMultiaddrs().map(a => `${a.decapsulateCode(421).toString()}/p2p/${ada.peerId}`)
    w.near.announce(entry(liar, { id: 'near-spoof', peerId: ada.peerId, nickname: 'ada', addresses: spoofed }))
    assert.equal(w.collab.nearTrusted(ada.peerId), false)
    await pWaitFor(() => w.collab.endpointOwner(liar.peerId) === eve.peerId, { timeout: 30_000 })
    assert.equal(w.collab.nearTrusted(liar.peerId), false)
    assert.equal(w.collab.nearTrusted(ada.peerId), false)
    assert.deepEqual(eventsOf(w, 'near:changed').filter(d => d.trusted === true), [])
  })
})
