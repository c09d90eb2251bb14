/**
 * Issuing and renewing Group Member Certificates (Windows `PeerGroupIssueCredentials`).
 *
 * Rules, checked before anything is signed:
 * - the issuer's chain is valid now and its key is the caller's (`resolveIssuer`);
 * - the issuer may grant every requested role (`NOT_AUTHORIZED`);
 * - the new chain has at most 24 GMCs (`CHAIN_TOO_LONG`) and no key twice
 *   (`CIRCULAR_CHAIN_DETECTED`);
 * - the new validity lies inside the issuer's: an explicit lifetime reaching past the issuer's
 *   end is refused (`INVALID_TIME_PERIOD`); without one, or with `'infinite'`, the certificate
 *   ends with the issuer's (from the creator: 1000 years after the group was made).
 * Times have one-second precision: `notBefore` is rounded down to the second.
 */
import type { PublicKey } from '@libp2p/interface'
import { PeerhoodError } from '../common/errors.ts'
import { readFacts } from './certificate-facts.ts'
import { ChainCache } from './chain-cache.ts'
import type { MemberInfo } from './chain-result.ts'
import { assertValidChain } from './chain-validator.ts'
import { INFINITE, MAX_CHAIN_GMCS, type LifetimeMs } from './constants.ts'
import { resolveIssuer, type Issuer, type ResolvedIssuer } from './issuer.ts'
import { ed25519PeerId, ed25519PrivateKeyObject, ed25519RawPublicKey, ed25519Spki } from './keys.ts'
import { maskToRoles, mayIssue, normalizeRoles, rolesToMask, type Role } from './roles.ts'
import { floorToSecond, newSerialNumber, type RandomSource } from './serial.ts'
import { buildMemberCertificate } from './templates.ts'
import { encodeGroupIdForUri } from './uris.ts'

/** The member a certificate is issued to. */
export interface CredentialSubject {
  /** The member's libp2p Ed25519 public key, or its 32 raw bytes. */
  publicKey: PublicKey | Uint8Array
  /** Display name for the certificate CN. @default the member's PeerId */
  displayName?: string
}

/** Options of {@link issueCredentials}. */
export interface IssueOptions {
  /** Roles to grant. */
  roles: readonly Role[]
  /** Lifetime in milliseconds, or `'infinite'`: the issuer's remaining lifetime. @default `'infinite'` */
  lifetimeMs?: LifetimeMs
  /** Start of validity, epoch milliseconds. @default now */
  notBefore?: number
  /** Current time, epoch milliseconds. */
  now: number
  /** Serial number (16 bytes, hex). @default random */
  serialNumber?: string
  /** Randomness for the serial number. @default node:crypto */
  random?: RandomSource
  /** Chain cache to validate the issuer's chain with. @default a cache for this call only */
  cache?: ChainCache
}

/** Options of {@link renewCredentials}. */
export interface RenewOptions extends Omit<IssueOptions, 'roles' | 'lifetimeMs'> {
  /** Roles of the renewed certificate. @default the current certificate's */
  roles?: readonly Role[]
  /**
   * Lifetime in milliseconds, or `'infinite'` (the issuer's remaining lifetime). @default the
   * current certificate's duration, cut to the issuer's remaining lifetime
   */
  lifetimeMs?: LifetimeMs
}

/** A freshly issued certificate. */
export interface IssuedCredentials {
  /** The subject's new chain: the issuer's chain plus the new certificate, DER. */
  chain: Uint8Array[]
  /** The new certificate, DER. */
  certificate: Uint8Array
  /** What the new chain proves. */
  member: MemberInfo
}

function timePeriod (message: string, details: Record<string, unknown>): PeerhoodError {
  return new PeerhoodError('INVALID_TIME_PERIOD', message, { details })
}

function issueResolved (issuer: Issuer, resolved: ResolvedIssuer, subject: CredentialSubject, options: IssueOptions, cache: ChainCache): IssuedCredentials {
  const roles = rolesToMask(normalizeRoles(options.roles))
  if (!mayIssue(resolved.roles, roles)) throw new PeerhoodError('NOT_AUTHORIZED', 'the issuer may not grant these roles', { details: { roles: options.roles } })
  const depth = resolved.gmcs + 1
  if (depth > MAX_CHAIN_GMCS) throw new PeerhoodError('CHAIN_TOO_LONG', `a chain holds at most ${MAX_CHAIN_GMCS} member certificates`, { details: { length: depth } })
  const publicKey = ed25519RawPublicKey(subject.publicKey)
  const spki = Buffer.from(ed25519Spki(publicKey))
  // the exact 44-byte SubjectPublicKeyInfo inside a certificate of the chain means the same key
  if (issuer.chain.some(der => Buffer.from(der.buffer, der.byteOffset, der.length).indexOf(spki) !== -1)) {
    throw new PeerhoodError('CIRCULAR_CHAIN_DETECTED', 'the subject already holds a certificate of this chain')
  }
  const notBefore = floorToSecond(options.notBefore ?? options.now)
  if (notBefore < resolved.notBefore) throw timePeriod('validity would start before the issuer\'s', { notBefore, issuerNotBefore: resolved.notBefore })
  let notAfter = resolved.notAfter
  if (options.lifetimeMs !== undefined && options.lifetimeMs !== INFINITE) {
    if (typeof options.lifetimeMs !== 'number' || !(options.lifetimeMs > 0) || !Number.isFinite(options.lifetimeMs)) throw timePeriod('lifetime must be positive', { lifetimeMs: options.lifetimeMs })
    notAfter = floorToSecond(notBefore + options.lifetimeMs)
    if (notAfter > resolved.notAfter) throw timePeriod('lifetime reaches past the issuer\'s', { notAfter, issuerNotAfter: resolved.notAfter })
  }
  if (notAfter <= notBefore) throw timePeriod('empty validity', { notBefore, notAfter })
  const peerId = ed25519PeerId(publicKey)
  const certificate = buildMemberCertificate({
    issuerKey: ed25519PrivateKeyObject(issuer.privateKey),
    issuerName: resolved.name,
    subjectPublicKey: publicKey,
    peerId,
    displayName: subject.displayName ?? peerId,
    groupId: resolved.groupId,
    roles,
    depth,
    serialNumber: options.serialNumber ?? newSerialNumber(options.random),
    notBefore,
    notAfter
  })
  const chain = [...issuer.chain, certificate]
  // never hand out a chain the validator would refuse (at its own start time)
  const member = assertValidChain(resolved.groupId, chain, Math.max(options.now, notBefore), cache)
  return { chain, certificate, member }
}

/** Issues a GMC for `subject`, signed by `issuer`; returns the subject's new chain. */
export function issueCredentials (issuer: Issuer, subject: CredentialSubject, options: IssueOptions): IssuedCredentials {
  const cache = options.cache ?? new ChainCache({ maxChains: 2, maxLinks: 2 * MAX_CHAIN_GMCS + 2 })
  return issueResolved(issuer, resolveIssuer(issuer, options.now, cache), subject, options, cache)
}

/**
 * Renews the GMC `current` (DER) of a member: a new certificate for the same key and display
 * name, whose validity starts later than the current one's (else `INVALID_TIME_PERIOD`).
 */
export function renewCredentials (issuer: Issuer, current: Uint8Array, options: RenewOptions): IssuedCredentials {
  const cache = options.cache ?? new ChainCache({ maxChains: 2, maxLinks: 2 * MAX_CHAIN_GMCS + 2 })
  const resolved = resolveIssuer(issuer, options.now, cache)
  const facts = readFacts(current)
  if (facts === undefined || facts.type !== 'member') throw new PeerhoodError('INVALID_CERTIFICATE', 'not a group member certificate')
  if (facts.encodedGroupId !== encodeGroupIdForUri(resolved.groupId)) throw new PeerhoodError('INVALID_CERTIFICATE', 'certificate of another group')
  const notBefore = floorToSecond(options.notBefore ?? options.now)
  if (notBefore <= facts.notBefore) throw timePeriod('a renewal must start later than the current certificate', { notBefore, currentNotBefore: facts.notBefore })
  const lifetimeMs = options.lifetimeMs ?? Math.min(facts.notAfter - facts.notBefore, resolved.notAfter - notBefore)
  return issueResolved(issuer, resolved, {
    publicKey: facts.publicKey,
    displayName: facts.commonName
  }, { ...options, roles: options.roles ?? maskToRoles(facts.roles), lifetimeMs, notBefore }, cache)
}
