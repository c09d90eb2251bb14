import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { AbortOptions, ContentRouting, PeerId, PeerInfo } from '@libp2p/interface'
import type { ConnectionManager } from '@libp2p/interface-internal'
import { defaultLogger } from '@libp2p/logger'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import type { CID } from 'multiformats/cid'
import { ContactFinder } from '../../../protocols/collaboration/contact-finder.ts'
import { endpointCid, identityCid } from '../../../protocols/collaboration/contact-rendezvous.ts'
import { failedToProve, lookUpIdentity, MAX_IDENTITY_CANDIDATES, MAX_IDENTITY_PROVIDERS_READ } from '../../../protocols/collaboration/identity-lookup.ts'
import { statusError } from '../../../protocols/collaboration/frames.ts'
import { Status } from '../../../protocols/collaboration/pb/collab.ts'
import { invalidContact } from '../../../protocols/contacts/card.ts'
import { createEndpointCertificate, verifyEndpointCertificate } from '../../../protocols/contacts/endpoint-certificate.ts'

async function newPeer (type: 'Ed25519' | 'secp256k1' = 'Ed25519'): Promise<PeerId> {
  return peerIdFromPrivateKey(await generateKeyPair(type))
}

/** A network of peers, some reachable, some already connected; counts dials. */
function network (reachable: Set<string>, connected: Set<string>): { cm: ConnectionManager, dials: string[] } {
  const dials: string[] = []
  const cm = {
    getConnections: (peer?: PeerId) => connected.has(peer?.toString() ?? '') ? [{ status: 'open' }] : [],
    openConnection: async (peer: PeerId) => {
      dials.push(peer.toString())
      if (!reachable.has(peer.toString())) throw new Error('unreachable')
      connected.add(peer.toString())
      return {}
    }
  } as unknown as ConnectionManager
  return { cm, dials }
}

/** A DHT answering every look-up with `providers`, counting the entries read; `hang` never ends the answer. */
function dht (providers: PeerId[], hang = false): { routing: ContentRouting, read: () => number, asked: CID[], provided: CID[], cancelled: CID[] } {
  let read = 0
  const asked: CID[] = []
  const provided: CID[] = []
  const cancelled: CID[] = []
  const routing = {
    async * findProviders (cid: CID, options: AbortOptions = {}): AsyncGenerator<PeerInfo> {
      asked.push(cid)
      for (const id of providers) {
        read++
        yield { id, multiaddrs: [] }
      }
      if (hang) {
        await new Promise((_resolve, reject) => { options.signal?.addEventListener('abort', () => { reject(options.signal?.reason) }) })
      }
    },
    provide: async (cid: CID) => { provided.push(cid) },
    cancelReprovide: async (cid: CID) => { cancelled.push(cid) }
  } as unknown as ContentRouting
  return { routing, read: () => read, asked, provided, cancelled }
}

describe('collaboration: the identity rendezvous', () => {
  it('the identity content id is sha256 of the domain and the raw Ed25519 key, apart from the endpoint one; none without an Ed25519 key', async () => {
    const peer = await newPeer()
    const cid = identityCid(peer.toString())!
    const expected = createHash('sha256').update('peerhood/collab-identity/v1\n').update(peer.publicKey!.raw).digest()
    assert.deepEqual(Buffer.from(cid.multihash.digest), expected)
    assert.deepEqual([cid.version, cid.code, cid.multihash.code], [1, 0x55, 0x12])
    assert.ok(identityCid(peer.toString())!.equals(cid), 'the same every time')
    assert.ok(!cid.equals(endpointCid(peer.toString())))
    assert.ok(!cid.equals(identityCid((await newPeer()).toString())!))
    assert.equal(identityCid((await newPeer('secp256k1')).toString()), undefined)
    assert.equal(identityCid('not a peer id'), undefined)
  })

  it('a look-up answered by many providers reads at most its bound and tries at most its bound', async () => {
    const self = await newPeer()
    const identity = (await newPeer()).toString()
    const hostile = await Promise.all(Array.from({ length: 100 }, async () => await newPeer()))
    const { routing, read } = dht(hostile)
    const { cm, dials } = network(new Set(), new Set())
    const found: string[] = []
    const handed = await lookUpIdentity(identity, { self, contentRouting: routing, connectionManager: cm, skip: () => false, found: (e) => { found.push(e) }, stepTimeoutMs: 5_000, signal: new AbortController().signal })
    assert.equal(handed, 0)
    assert.deepEqual(found, [])
    assert.equal(dials.length, MAX_IDENTITY_CANDIDATES)
    assert.ok(read() <= MAX_IDENTITY_PROVIDERS_READ + 1, `${read()} entries read`)
  })

  it('skips itself and the providers the service skips, hands over those connected or reached, and stops at its read bound', async () => {
    const self = await newPeer()
    const identity = (await newPeer()).toString()
    const [known, already, reachable, unreachable] = await Promise.all([newPeer(), newPeer(), newPeer(), newPeer()])
    const skipped = await Promise.all(Array.from({ length: MAX_IDENTITY_PROVIDERS_READ }, async () => await newPeer()))
    const late = await newPeer()
    const providers = [self, known, already, reachable, unreachable, ...skipped, late]
    const { routing } = dht(providers)
    const { cm, dials } = network(new Set([reachable.toString(), late.toString()]), new Set([already.toString(), known.toString()]))
    const skip = new Set([known, ...skipped].map(String))
    const found: string[] = []
    const handed = await lookUpIdentity(identity, { self, contentRouting: routing, connectionManager: cm, skip: (e) => skip.has(e), found: (e) => { found.push(e) }, stepTimeoutMs: 5_000, signal: new AbortController().signal })
    assert.deepEqual(found, [already.toString(), reachable.toString()])
    assert.equal(handed, 2)
    // only the providers not connected are dialled; one past the read bound is never reached
    assert.deepEqual(dials, [reachable.toString(), unreachable.toString()])
  })

  it('a DHT answer that never ends is cut at the time-box', async () => {
    const self = await newPeer()
    const { routing } = dht([], true)
    const { cm } = network(new Set(), new Set())
    const started = Date.now()
    const handed = await lookUpIdentity((await newPeer()).toString(), { self, contentRouting: routing, connectionManager: cm, skip: () => false, found: () => {}, stepTimeoutMs: 100, signal: new AbortController().signal })
    assert.equal(handed, 0)
    assert.ok(Date.now() - started < 10_000)
  })

  it('a provider is penalised for proving another identity or forging, not for a lapse or a refusal', async () => {
    const key = await generateKeyPair('Ed25519')
    const endpoint = (await newPeer()).toString()
    const other = (await newPeer()).toString()
    const thrown = (f: () => unknown): unknown => { try { f(); return undefined } catch (err) { return err } }
    const now = Date.now()
    const valid = createEndpointCertificate(key, endpoint, { issuedAt: now })
    const expired = createEndpointCertificate(key, endpoint, { issuedAt: now - 2 * 3600_000, lifetimeMs: 3600_000 })
    assert.equal(failedToProve(thrown(() => verifyEndpointCertificate(valid, other, now))), true, 'replayed by another PeerId')
    const tampered = new Uint8Array(valid)
    tampered[tampered.length - 1] = tampered.at(-1)! ^ 1
    assert.equal(failedToProve(thrown(() => verifyEndpointCertificate(tampered, endpoint, now))), true, 'signature')
    assert.equal(failedToProve(invalidContact('not-that-contact')), true)
    assert.equal(failedToProve(thrown(() => verifyEndpointCertificate(expired, endpoint, now))), false, 'expired')
    assert.equal(failedToProve(statusError(Status.INVALID_CONTACT)), false, 'my own certificate refused')
    assert.equal(failedToProve(statusError(Status.NOT_AUTHORIZED)), false)
    assert.equal(failedToProve(new Error('timed out')), false)
  })

  it('the finder looks up each watched identity on its own backoff, announces and withdraws both content ids', async () => {
    const self = await newPeer()
    const me = (await newPeer()).toString()
    const watched = (await newPeer()).toString()
    const { routing, asked, provided, cancelled } = dht([])
    const { cm } = network(new Set(), new Set())
    let now = 0
    const finder = new ContactFinder({
      peerId: self,
      identity: me,
      connectionManager: cm,
      contentRouting: routing,
      logger: defaultLogger(),
      stepTimeoutMs: 1_000,
      backoff: { minDelayMs: 500, maxDelayMs: 2_000, factor: 2, jitter: 0 },
      now: () => now,
      identityLookup: { skip: () => false, found: () => {} }
    })
    const settle = async (): Promise<void> => { await new Promise(resolve => setTimeout(resolve, 20)) }
    const lookups = (): number => asked.filter(c => c.equals(identityCid(watched)!)).length
    finder.tick([], [], [watched])
    await settle()
    assert.equal(lookups(), 1)
    now = 400
    finder.tick([], [], [watched])
    await settle()
    assert.equal(lookups(), 1, 'looked up again before its backoff ran out')
    now = 500
    finder.tick([], [], [watched])
    await settle()
    assert.equal(lookups(), 2)
    // no longer watched: forgotten, so a new watch looks it up at once
    finder.tick([], [], [])
    now = 600
    finder.tick([], [], [watched])
    await settle()
    assert.equal(lookups(), 3)

    // a clock far from 0, where no announcement stands yet
    now = 24 * 3600_000
    finder.announce()
    await settle()
    const mine = [endpointCid(self.toString()), identityCid(me)!]
    assert.deepEqual(provided.map(String).sort(), mine.map(String).sort())
    finder.withdraw()
    await settle()
    assert.deepEqual(cancelled.map(String).sort(), mine.map(String).sort())
    finder.stop()
  })
})
