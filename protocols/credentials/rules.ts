/**
 * Pure rules of credential renewal: when a member should ask, and which of two chains of the
 * same member to keep (Windows: a renewed credential "must start later than the current one").
 */
import { X509Certificate } from 'node:crypto'
import type { ChainCache } from '../certificates/chain-cache.ts'
import type { MemberInfo } from '../certificates/chain-result.ts'
import { ed25519RawPublicKey } from '../certificates/keys.ts'
import { validateChain } from '../certificates/chain-validator.ts'
import { DEFAULT_RENEW_BEFORE_MS, DEFAULT_RENEW_FRACTION } from './constants.ts'

/** Options of {@link needsRenewal}. */
export interface RenewalPolicy {
  /**
   * Renew when less than this remains, in milliseconds.
   * @default the smaller of 10 % of the GMC's lifetime and 24 hours
   */
  renewBeforeMs?: number
}

/** The margin before expiry at which `member` should renew, in milliseconds. */
export function renewalMargin (member: Pick<MemberInfo, 'notBefore' | 'notAfter'>, policy: RenewalPolicy = {}): number {
  return policy.renewBeforeMs ?? Math.min(DEFAULT_RENEW_FRACTION * (member.notAfter - member.notBefore), DEFAULT_RENEW_BEFORE_MS)
}

/**
 * Whether a member should ask for renewal at `now`: its GMC is still valid but ends within the
 * margin. An expired GMC cannot be renewed over the protocol (its chain no longer validates), so
 * this is false for it: an administrator must issue a new one.
 */
export function needsRenewal (member: Pick<MemberInfo, 'notBefore' | 'notAfter'>, now: number, policy: RenewalPolicy = {}): boolean {
  return now <= member.notAfter && member.notAfter - now < renewalMargin(member, policy)
}

/** Options of {@link pickNewerChain}. */
export interface PickOptions {
  /** The group both chains are for. */
  groupId: string
  /** Current time, epoch milliseconds. */
  now: number
  /** Chain cache. @default none */
  cache?: ChainCache
}

/** The chain to keep, and whether it is the candidate. */
export interface PickedChain {
  /** The chain to keep. */
  chain: Uint8Array[]
  /** Whether the candidate was adopted. */
  adopted: boolean
  /** What the candidate proves, when adopted. */
  member?: MemberInfo
}

function leafOf (chain: readonly Uint8Array[]): { key: Uint8Array, notBefore: number } | undefined {
  const der = chain[chain.length - 1]
  if (der === undefined) return undefined
  try {
    const cert = new X509Certificate(der)
    const jwk = cert.publicKey.export({ format: 'jwk' })
    return { key: ed25519RawPublicKey(Buffer.from(String(jwk.x), 'base64url')), notBefore: cert.validFromDate.getTime() }
  } catch {
    return undefined
  }
}

/**
 * Adopts `candidate` (found in the group database, or returned by an administrator) over
 * `current` only if it is valid now for the group, names the same member key, and its GMC starts
 * later than the current one's. Otherwise keeps `current`.
 */
export function pickNewerChain (current: Uint8Array[], candidate: Uint8Array[], options: PickOptions): PickedChain {
  const keep: PickedChain = { chain: current, adopted: false }
  const verdict = validateChain(options.groupId, candidate, options.now, options.cache)
  if (!verdict.ok) return keep
  const mine = leafOf(current)
  if (mine === undefined) return keep
  if (!Buffer.from(mine.key).equals(verdict.leaf.publicKey) || verdict.leaf.notBefore <= mine.notBefore) return keep
  return { chain: candidate, adopted: true, member: verdict.leaf }
}
