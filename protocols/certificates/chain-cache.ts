/**
 * Remembers what chain validation already proved, so a chain seen before costs lookups and byte
 * comparisons instead of parses and signature checks.
 *
 * Two levels, both bounded (the oldest entry stored is evicted first; hits do not reorder, to
 * keep them cheap):
 *
 * - **chains**: a whole chain that passed every time-independent check, with its result; a hit
 *   needs only the validity comparison against `now`;
 * - **links**: one certificate's facts and the key its signature was verified with, so a new
 *   chain that shares a prefix with a known one (a new member under a known administrator) parses
 *   and verifies only its new certificates.
 *
 * Keys are 53 bits taken from the certificate's signature (Ed25519 signatures are
 * pseudo-random), which costs no hashing; every hit is confirmed by comparing the full DER bytes,
 * so a colliding key can cost a cache miss but never a wrong answer.
 */
import type { CertificateFacts } from './certificate-facts.ts'
import type { ChainValid } from './chain-result.ts'

/** Options of {@link ChainCache}. */
export interface ChainCacheInit {
  /** Most whole chains kept. @default 4096 */
  maxChains?: number
  /** Most certificates kept. @default 16384 */
  maxLinks?: number
}

/** A validated chain, as the cache keeps it. */
export interface CachedChain {
  /** Group id it was validated for. */
  readonly groupId: string
  /** Private copies of the certificates. */
  readonly ders: readonly Buffer[]
  /** Per certificate start of validity (epoch ms). */
  readonly notBefores: readonly number[]
  /** Per certificate end of validity (epoch ms). */
  readonly notAfters: readonly number[]
  /** The result to return while the chain is valid in time. */
  readonly result: ChainValid
}

/** A certificate's facts and the key that verified its signature. */
export interface CachedLink {
  /** The facts. */
  readonly facts: CertificateFacts
  /** `keyId` (raw key, base64url) of the issuer key its signature verified with. */
  readonly verifiedWith: string
}

/** Cache key of a certificate: 53 bits from the R half of its Ed25519 signature (its last 64 bytes). */
export function certificateKey (der: Uint8Array): number {
  const o = der.length - 64
  if (o < 0) return -1
  const hi = (der[o]! | (der[o + 1]! << 8) | (der[o + 2]! << 16) | (der[o + 3]! << 24)) >>> 0
  const lo = (der[o + 4]! | (der[o + 5]! << 8) | (der[o + 6]! << 16)) & 0x1fffff
  return hi * 0x200000 + lo
}

function touch<K, V> (map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key)
  map.set(key, value)
  if (map.size > max) map.delete(map.keys().next().value as K)
}

/** The cache of chain validation results; pass one to `validateChain` and keep it. */
export class ChainCache {
  /** Most whole chains kept. */
  readonly maxChains: number
  /** Most certificates kept. */
  readonly maxLinks: number
  readonly #chains = new Map<number, CachedChain>()
  readonly #links = new Map<number, CachedLink>()

  constructor (init: ChainCacheInit = {}) {
    this.maxChains = init.maxChains ?? 4096
    this.maxLinks = init.maxLinks ?? 16_384
  }

  /** Number of whole chains and of certificates held. */
  get size (): { chains: number, links: number } {
    return { chains: this.#chains.size, links: this.#links.size }
  }

  /** The cached chain with exactly these bytes, if any. */
  getChain (chain: readonly Uint8Array[]): CachedChain | undefined {
    const leaf = chain[chain.length - 1]
    if (leaf === undefined) return undefined
    const entry = this.#chains.get(certificateKey(leaf))
    if (entry === undefined || entry.ders.length !== chain.length) return undefined
    for (let i = chain.length - 1; i >= 0; i--) {
      if (!entry.ders[i]!.equals(chain[i]!)) return undefined
    }
    return entry
  }

  /** Keeps a chain that passed every time-independent check. */
  setChain (entry: CachedChain): void {
    touch(this.#chains, certificateKey(entry.ders[entry.ders.length - 1]!), entry, this.maxChains)
  }

  /** The cached link for exactly these certificate bytes, if any. */
  getLink (der: Uint8Array): CachedLink | undefined {
    const link = this.#links.get(certificateKey(der))
    return link?.facts.der.equals(der) === true ? link : undefined
  }

  /** Keeps a certificate whose signature verified with `verifiedWith`. */
  setLink (link: CachedLink): void {
    touch(this.#links, certificateKey(link.facts.der), link, this.maxLinks)
  }

  /** Forgets everything. */
  clear (): void {
    this.#chains.clear()
    this.#links.clear()
  }
}
