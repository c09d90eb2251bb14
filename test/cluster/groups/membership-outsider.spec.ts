/**
 * Issue 9, defect 9: an outsider that knows a group id and speaks the membership handshake from
 * the .proto, in either role, is shown no member's chain. The outsider is a real libp2p node
 * (memory transport, noise, yamux) with nothing of Peerhood but the wire codecs; its best guesses
 * at the group's tags are everything it can compute from the group id.
 */
import assert from 'node:assert/strict'
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import type { Libp2p, Stream } from '@libp2p/interface'
import { memory } from '@libp2p/memory'
import { pbStream } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import pWaitFor from 'p-wait-for'
import { createCluster, type Cluster } from '../../../node/cluster.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { MEMBERSHIP_PROTOCOL } from '../../../protocols/membership/constants.ts'
import type { Membership } from '../../../protocols/membership/membership.ts'
import { Hello, Offer, Proofs } from '../../../protocols/membership/pb/membership.ts'
import { admit } from './helpers.ts'

const QUIET = { dht: { enabled: false } }

/** Every tag a peer that knows only the group id could try (the v1 blinding, and keys derived from the id). */
function guesses (groupId: string, nonceI: Uint8Array, nonceR: Uint8Array): Array<Uint8Array<ArrayBuffer>> {
  const v1 = createHash('sha256').update('peerhood/membership/blind/v1\n').update(nonceI).update(nonceR).update(groupId, 'utf8').digest()
  const idKey = createHash('sha256').update(groupId).digest()
  const keyed = createHmac('sha256', idKey).update(nonceI).update(nonceR).digest()
  const plain = createHash('sha256').update(groupId).update(nonceI).update(nonceR).digest()
  return [v1, keyed, plain].map(b => new Uint8Array(b))
}

describe('cluster: the membership handshake shows no chain to an outsider that knows the group id', function () {
  this.timeout(60_000)
  let cluster: Cluster
  let outsider: Libp2p | undefined
  afterEach(async () => {
    await outsider?.stop()
    await cluster?.stop()
  })

  it('as responder or as initiator, the outsider learns no chain; members still prove themselves to each other', async () => {
    cluster = await createCluster({ size: 2, transport: 'memory', storage: 'memory', config: QUIET })
    const [a, b] = cluster.nodes as [PeerhoodNode, PeerhoodNode]
    const group = await a.groups.create({ friendlyName: 'secret' })
    await admit(a, b, group.groupId)
    await pWaitFor(() => a.groups.connectedMembers(group.groupId).length === 1, { timeout: 30_000 })
    const groupId = group.groupId

    outsider = await createLibp2p({
      addresses: { listen: [`/memory/peerhood-outsider-${process.pid}`] },
      transports: [memory()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()]
    })
    const learned: Uint8Array[] = []
    let answered = 0
    // the outsider as responder: it offers its guesses and keeps whatever chain the member sends
    await outsider.handle(MEMBERSHIP_PROTOCOL, async (stream: Stream) => {
      const pb = pbStream(stream)
      const hello = await pb.read(Hello)
      const nonceR = randomBytes(32)
      await pb.write({ nonce: nonceR, blinded: guesses(groupId, hello.nonce, nonceR) }, Offer)
      const proofs = await pb.read(Proofs)
      for (const p of proofs.proofs) learned.push(...p.chain)
      await pb.write({ proofs: [] }, Proofs)
      await stream.close()
      answered++
    })
    const aAddress = multiaddr(a.status().addresses[0]!)
    await outsider.dial(aAddress)
    const membership = (a.libp2p.services as unknown as { membership: Membership }).membership
    const asInitiator = await membership.handshake(outsider.peerId)
    assert.equal(answered >= 1, true)
    assert.equal(learned.length, 0, 'a member showed its chain to an outsider')
    assert.deepEqual(asInitiator.shared, [])

    // the outsider as initiator: it answers the offer with its guesses, echoes, and a made-up chain
    const stream = await outsider.dialProtocol(aAddress, MEMBERSHIP_PROTOCOL)
    const pb = pbStream(stream)
    const nonceI = randomBytes(32)
    await pb.write({ nonce: nonceI }, Hello)
    const offer = await pb.read(Offer)
    assert.equal(offer.blinded.length, 8) // a is in one group, padded with random tags: a rough count is all it shows
    const junk = [new Uint8Array(randomBytes(300))]
    const tries = [...guesses(groupId, nonceI, offer.nonce), ...offer.blinded]
    await pb.write({ proofs: tries.map(blinded => ({ blinded, chain: junk })) }, Proofs)
    const answer = await pb.read(Proofs)
    await stream.close()
    assert.equal(answer.proofs.length, 0, 'a member showed its chain to an outsider')
    assert.equal(membership.groupsOf(outsider.peerId.toString()).length, 0)

    // members still find each other
    const between = await membership.handshake(b.peerId)
    assert.deepEqual(between.proven.map(m => m.peerId), [b.peerId.toString()])
  })
})
