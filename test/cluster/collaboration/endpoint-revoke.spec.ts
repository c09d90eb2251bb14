import assert from 'node:assert/strict'
import { MemoryDatastore } from 'datastore-core'
import pWaitFor from 'p-wait-for'
import { type CollabNode, code, eventsOf, sharedIdentity, startCollab, stopAll, waitForEvent } from './nodes.ts'

async function started (name: string, init: Parameters<typeof startCollab>[1] = {}, datastore?: MemoryDatastore): Promise<CollabNode> {
  const t = await startCollab(name, init, datastore)
  await t.node.start()
  await t.collab.signin('internet')
  return t
}

describe('cluster: revoking one endpoint of an identity', function () {
  this.timeout(120_000)
  let nodes: CollabNode[] = []
  afterEach(async () => { await stopAll(nodes); nodes = [] })

  it('A1 revokes A2: the watcher drops A2, stops listing it and refuses its certificate, also after a restart', async () => {
    const ada = await sharedIdentity('ada')
    const datastore = new MemoryDatastore()
    let w = await started('revoke-watcher', {}, datastore)
    const a1 = await started('ada-desk4', { identity: ada })
    const a2 = await started('ada-laptop4', { identity: ada })
    nodes = [w, a1, a2]
    await w.collab.addContact((await a1.collab.exportCard()).text)
    for (const a of [a1, a2]) {
      await a.collab.addContact((await w.collab.exportCard()).text)
      await a.collab.updateContact(w.peerId, { watcherPermission: 'allowed' })
    }
    await w.collab.updateContact(ada.peerId, { watch: true, watcherPermission: 'allowed' })
    // the laptop makes itself known by watching the watcher
    await a2.collab.updateContact(w.peerId, { watch: true })
    await pWaitFor(() => w.collab.endpoints(ada.peerId).filter(e => e.subscribed).length === 2, { timeout: 45_000 })

    // only the identity key revokes; a node cannot revoke itself or the identity's own PeerId
    await assert.rejects(a1.collab.revokeEndpoint(a1.peerId), code('INVALID_ARGUMENT'))
    await assert.rejects(a1.collab.revokeEndpoint(ada.peerId), code('INVALID_ARGUMENT'))
    await assert.rejects(a1.collab.revokeEndpoint('nope'), code('INVALID_PEER_ID'))
    const revoked = await a1.collab.revokeEndpoint(a2.peerId, { reason: 'laptop stolen' })
    assert.deepEqual([revoked.identity, revoked.endpoint, revoked.reason], [ada.peerId, a2.peerId, 'laptop stolen'])
    // the watcher gets it pushed over its subscription to the desk, and drops the laptop
    await waitForEvent(w, 'endpoint:revoked', d => d.endpoint === a2.peerId && d.identity === ada.peerId, 30_000)
    assert.deepEqual(w.collab.endpoints(ada.peerId).map(e => e.peerId), [a1.peerId])
    assert.deepEqual(w.collab.revokedEndpoints(ada.peerId).map(r => [r.endpoint, r.reason]), [[a2.peerId, 'laptop stolen']])
    // its certificate is refused both ways
    await assert.rejects(w.collab.subscribe(a2.peerId), code('ENDPOINT_REVOKED'))
    await assert.rejects(a2.collab.refresh(w.peerId), code('INVALID_CONTACT'))
    // the desk keeps it too: the laptop is refused there, and revoking again changes nothing
    await assert.rejects(a2.collab.refresh(a1.node.getMultiaddrs()[0]!.toString()), code('INVALID_CONTACT'))
    assert.equal((await a1.collab.revokeEndpoint(a2.peerId)).revokedAt, revoked.revokedAt)
    assert.equal(eventsOf(w, 'endpoint:revoked').length, 1)

    // the watcher restarts: the revocation was kept
    await w.node.stop()
    w = await startCollab('revoke-watcher', {}, datastore)
    nodes.push(w)
    await w.node.start()
    assert.deepEqual(w.collab.revokedEndpoints().map(r => r.endpoint), [a2.peerId])
    await assert.rejects(w.collab.subscribe(a2.peerId), code('ENDPOINT_REVOKED'))
    await assert.rejects(a2.collab.refresh(w.peerId), code('INVALID_CONTACT'))
    await pWaitFor(() => w.collab.endpoints(ada.peerId).some(e => e.peerId === a1.peerId && e.subscribed), { timeout: 45_000 })
    assert.deepEqual(w.collab.endpoints(ada.peerId).map(e => e.peerId), [a1.peerId])
  })
})
