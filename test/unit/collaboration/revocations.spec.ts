import assert from 'node:assert/strict'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { MemoryDatastore } from 'datastore-core'
import { admitRevocation, mayKeepRevocation } from '../../../protocols/collaboration/revocation-rules.ts'
import { Revocations } from '../../../protocols/collaboration/revocations.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { createEndpointRevocation, verifyEndpointRevocation } from '../../../protocols/contacts/endpoint-revocation.ts'

async function peer (n: number) {
  const k = await generateKeyPairFromSeed('Ed25519', new Uint8Array(32).fill(n))
  return { key: k, peerId: peerIdFromPrivateKey(k).toString() }
}

describe('unit: endpoint revocations kept', () => {
  it('rules: a duplicate is no change; past a bound a new one is refused, never one held dropped', () => {
    const limits = { perIdentity: 2, total: 3 }
    assert.equal(admitRevocation(false, 0, 0, limits), 'added')
    assert.equal(admitRevocation(true, 2, 3, limits), 'duplicate')
    assert.equal(admitRevocation(false, 2, 2, limits), 'identity-full')
    assert.equal(admitRevocation(false, 1, 3, limits), 'total-full')
  })

  it('rules: kept only from the identity\'s own endpoint, and only of my identity or a trusted contact\'s', () => {
    const trusted = (id: string): boolean => id === 'ada'
    assert.equal(mayKeepRevocation('ada', 'ada', 'me', trusted), true)
    assert.equal(mayKeepRevocation('me', 'me', 'me', trusted), true)
    // ada's revocation carried by eve's endpoint, or a stranger's own
    assert.equal(mayKeepRevocation('ada', 'eve', 'me', trusted), false)
    assert.equal(mayKeepRevocation('eve', 'eve', 'me', trusted), false)
  })

  it('persist across a reload, verified again; bounded per identity', async () => {
    const ds = new MemoryDatastore()
    const [id, e1, e2, e3] = [await peer(1), await peer(2), await peer(3), await peer(4)]
    const rev = (e: { peerId: string }) => verifyEndpointRevocation(createEndpointRevocation(id.key, e.peerId, { revokedAt: 1000 }))
    const store = new Revocations(ds, { perIdentity: 2, total: 10 })
    assert.equal(await store.add(rev(e1)), 'added')
    assert.equal(await store.add(rev(e1)), 'duplicate')
    await store.addOrThrow(rev(e2))
    await assert.rejects(store.addOrThrow(rev(e3)), (err: unknown) => isPeerhoodError(err, 'TOO_MANY_REVOCATIONS'))
    const again = new Revocations(ds, { perIdentity: 2, total: 10 })
    await again.load()
    assert.deepEqual([again.has(id.peerId, e1.peerId), again.has(id.peerId, e2.peerId), again.has(id.peerId, e3.peerId)], [true, true, false])
    assert.deepEqual(again.of(id.peerId).map(r => r.endpoint).sort(), [e1.peerId, e2.peerId].sort())
  })
})
