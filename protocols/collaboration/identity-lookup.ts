/**
 * One look-up of a watched identity's endpoints in the DHT (what a PNRP lookup of the identity
 * gave Windows): the providers of its identity content id (`contact-rendezvous.ts`), each one
 * not yet known dialled and handed to the service, which subscribes to it. A provider record
 * proves nothing (anyone may announce any content id): the endpoint must then prove the
 * identity with its endpoint certificate, as any other. The DHT's answers are hostile input: the
 * providers read, the addresses taken of each and the candidates tried are bounded, and the
 * query is time-boxed.
 */
import type { ContentRouting, PeerId } from '@libp2p/interface'
import type { ConnectionManager } from '@libp2p/interface-internal'
import { isPeerhoodError } from '../common/errors.ts'
import { withTimeout } from '../common/signals.ts'
import { identityCid } from './contact-rendezvous.ts'
import { isForgery } from './endpoint-identity.ts'

/** Most provider entries read from one look-up of an identity (the rest of the answer is not read). */
export const MAX_IDENTITY_PROVIDERS_READ = 32

/**
 * Most providers of one identity tried per look-up (dialled, or handed over when already
 * connected): a DHT that answers with many hostile providers costs a watcher this many dials
 * per contact per round of the contact finder's backoff, no more.
 */
export const MAX_IDENTITY_CANDIDATES = 4

/** What one look-up works with. */
export interface IdentityLookupInit {
  /** This node: it provides its own identity, and is never a candidate. */
  self: PeerId
  contentRouting: ContentRouting
  connectionManager: ConnectionManager
  /** Whether a provider is not to be tried (already subscribed to or watched, penalised). */
  skip: (endpoint: string) => boolean
  /** A provider is connected: the service subscribes to it, and it must prove the identity. */
  found: (endpoint: string) => void
  /** Time the whole look-up may take (the query and its dials: it holds one of the finder's slots), in milliseconds. */
  stepTimeoutMs: number
  /** Aborts the look-up (the finder stops). */
  signal: AbortSignal
}

/**
 * Looks up the providers of `identity`'s content id and hands each new one over, at most
 * {@link MAX_IDENTITY_CANDIDATES}. Returns how many were handed over. Query failures (no DHT
 * server reachable, the time-box) end the look-up early; they are not thrown.
 */
export async function lookUpIdentity (identity: string, init: IdentityLookupInit): Promise<number> {
  const cid = identityCid(identity)
  if (cid === undefined) return 0
  const cm = init.connectionManager
  const connected = (peer: PeerId): boolean => cm.getConnections(peer).some(c => c.status === 'open')
  let read = 0
  let tried = 0
  let handed = 0
  const query = new AbortController()
  const signal = withTimeout(AbortSignal.any([init.signal, query.signal]), init.stepTimeoutMs)
  try {
    for await (const provider of init.contentRouting.findProviders(cid, { signal })) {
      if (++read > MAX_IDENTITY_PROVIDERS_READ) break
      const endpoint = provider.id.toString()
      if (provider.id.equals(init.self) || init.skip(endpoint)) continue
      tried++
      if (!connected(provider.id)) {
        try {
          // by PeerId: libp2p put the record's addresses in the peer store, and a dial by PeerId
          // authenticates that very peer (whoever answers at an address proves nothing)
          await cm.openConnection(provider.id, { signal })
        } catch {
          // unreachable now: a later round tries again
        }
      }
      if (connected(provider.id)) {
        init.found(endpoint)
        handed++
      }
      if (tried >= MAX_IDENTITY_CANDIDATES) break
    }
  } catch {
    // the time-box, no DHT server reachable yet: the next round asks again
  } finally {
    query.abort()
  }
  return handed
}

/**
 * Whether a provider's failed subscription is its failure to prove the identity it announced: it
 * proved another (`not-that-contact`) or presented a forged certificate. Such a provider is
 * penalised; one that timed out, refused me (`NOT_AUTHORIZED`, or my own certificate:
 * `refused-by-peer`) or presented a lapsed certificate is only dropped.
 */
export function failedToProve (err: unknown): boolean {
  if (!isPeerhoodError(err, 'INVALID_CONTACT')) return false
  const reason = err.details?.reason
  return reason !== undefined && reason !== 'refused-by-peer' && isForgery(reason)
}
