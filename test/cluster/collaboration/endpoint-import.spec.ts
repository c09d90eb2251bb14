import assert from 'node:assert/strict'
import { join } from 'node:path'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import pWaitFor from 'p-wait-for'
import { initDataDir } from '../../../node/data-dir.ts'
import { decryptIdentityExport, exportIdentity, importIdentity } from '../../../node/identity/index.ts'
import { createPeerhood } from '../../../node/peerhood.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { tempDir } from '../../helpers/temp-dir.ts'

const PASSWORD = 'one identity, several nodes'
const QUIET = { mdns: { enabled: false }, dht: { enabled: false }, listen: ['/ip4/127.0.0.1/tcp/0'] }

function code (c: string): (err: unknown) => boolean {
  return (err: unknown) => isPeerhoodError(err) && err.code === c
}

describe('cluster: an identity exported to a second node (identity import --as-endpoint)', function () {
  this.timeout(120_000)
  const nodes: PeerhoodNode[] = []
  let tmp: Awaited<ReturnType<typeof tempDir>>
  beforeEach(async () => { tmp = await tempDir() })
  afterEach(async () => {
    await Promise.all(nodes.splice(0).map(async n => { await n.stop().catch(() => {}) }))
    await tmp.remove()
  })

  async function start (dir: string | undefined): Promise<PeerhoodNode> {
    const node = await createPeerhood({ ...(dir === undefined ? {} : { dataDir: dir }), config: QUIET })
    nodes.push(node)
    await node.start()
    await node.collaboration.signin('internet')
    return node
  }

  it('the second node keeps its own PeerId, signs in as the identity, and a watcher sees both endpoints (LevelDB, restart)', async () => {
    const desk = join(tmp.path, 'desk')
    const laptop = join(tmp.path, 'laptop')
    const other = join(tmp.path, 'other')
    const identity = (await initDataDir(desk, { displayName: 'Ada' })).peerId
    const exported = await exportIdentity(desk, PASSWORD)
    const imported = await importIdentity(laptop, exported, PASSWORD, { asEndpoint: true })
    assert.equal(imported.identity, identity)
    assert.notEqual(imported.peerId, identity)
    // onto a node that has its own key: it keeps it
    const own = (await initDataDir(other)).peerId
    assert.deepEqual(await importIdentity(other, exported, PASSWORD, { asEndpoint: true }), { peerId: own, identity })
    await assert.rejects(importIdentity(other, exported, PASSWORD, { asEndpoint: true }), code('ALREADY_EXISTS'))
    await assert.rejects(importIdentity(other, exported, PASSWORD), code('ALREADY_EXISTS'))
    // the endpoint exports the person's identity, for one more endpoint
    assert.equal(peerIdFromPrivateKey((await decryptIdentityExport(await exportIdentity(laptop, PASSWORD), PASSWORD)).privateKey).toString(), identity)

    const w = await start(undefined)
    const a1 = await start(desk)
    let a2 = await start(laptop)
    assert.equal(a1.peerId.toString(), identity)
    assert.equal(a2.peerId.toString(), imported.peerId)
    assert.deepEqual([a1.collaboration.me().peerId, a2.collaboration.me().peerId, a2.collaboration.me().endpointPeerId], [identity, identity, imported.peerId])

    const wId = w.peerId.toString()
    await w.collaboration.addContact((await a1.collaboration.exportCard()).text)
    for (const a of [a1, a2]) {
      await a.collaboration.addContact((await w.collaboration.exportCard()).text)
      await a.collaboration.updateContact(wId, { watcherPermission: 'allowed' })
    }
    await w.collaboration.updateContact(identity, { watch: true, watcherPermission: 'allowed' })
    // the laptop's card names the laptop: adding it keeps the desk's addresses too
    await w.collaboration.addContact((await a2.collaboration.exportCard()).text)
    await pWaitFor(() => w.collaboration.endpoints(identity).filter(e => e.subscribed).length === 2, { timeout: 60_000 })
    assert.deepEqual(w.collaboration.endpoints(identity).map(e => e.peerId).sort(), [identity, imported.peerId].sort())

    // the laptop restarts from its data directory: same PeerId, same identity
    await a2.stop()
    await pWaitFor(() => w.collaboration.endpoints(identity).filter(e => e.subscribed).length === 1, { timeout: 60_000 })
    nodes.splice(nodes.indexOf(a2), 1)
    a2 = await start(laptop)
    assert.deepEqual([a2.peerId.toString(), a2.collaboration.me().peerId], [imported.peerId, identity])
    // it listens elsewhere now; watching the watcher proves it to it, which subscribes back at once
    await a2.collaboration.updateContact(wId, { watch: true })
    await a2.collaboration.setPresence({ status: 'busy' })
    await pWaitFor(() => w.collaboration.endpoints(identity).some(e => e.peerId === imported.peerId && e.presence.status === 'busy'), { timeout: 60_000 })
  })
})
