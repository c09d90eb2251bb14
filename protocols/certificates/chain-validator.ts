/**
 * The one GMC chain validator: used on issuance, on join and import, and at every protocol
 * ingress. Pure: no I/O; time comes in as `now`; the optional cache only remembers what was
 * already proved.
 *
 * A chain is `[GRC, GMC1, …, GMCn]` (GMC1 issued by the GRC, each next one by the previous) and
 * is valid iff, checked link by link from the root, first failure wins:
 *
 * 1. 1 ≤ n ≤ {@link MAX_CHAIN_GMCS} (`INVALID_CERTIFICATE` / `CHAIN_TOO_LONG`);
 * 2. every certificate is of the Peerhood profile (strict DER, exactly the layout `templates.ts`
 *    writes: Ed25519, one Peerhood URI, …); the first is a GRC, the others GMCs; all name
 *    `groupId`; the GRC key hashes to the group id's authority (`INVALID_CERTIFICATE`);
 * 3. no subject key and no serial number appears twice (`CIRCULAR_CHAIN_DETECTED`);
 * 4. each signature verifies with the parent's key, the GRC's with its own (`INVALID_CERTIFICATE`);
 * 5. each GMC's roles may be issued by its parent's roles (the GRC issues any) (`NOT_AUTHORIZED`);
 * 6. the GRC is a CA with pathLen 23, and each GMC is a CA exactly when its roles may issue and
 *    it is not the 24th, with pathLen 23 − depth; each issuer name is its parent's subject name
 *    (the GRC's its own), and each GMC's authorityKeyIdentifier its parent's subjectKeyIdentifier
 *    — what `openssl verify -x509_strict` checks too (`INVALID_CERTIFICATE`);
 * 7. each validity lies inside its issuer's (`INVALID_TIME_PERIOD`);
 * 8. the last GMC's PeerId is its key's (`INVALID_CERTIFICATE`; only that PeerId is reported,
 *    intermediates are known by their keys);
 * 9. `now` lies inside every validity, bounds included (`INVALID_TIME_PERIOD`).
 *
 * Everything but the comparison with `now` is independent of time, so a cached chain only redoes
 * that comparison.
 *
 * Certificates are read by the strict profile reader (`profile-reader.ts`), in JavaScript, not by
 * node:crypto's X.509 parser: that parse costs about 14 µs per certificate, the reader about 2,
 * and with the parse a chain of 24 GMCs read cold cost over 1.3 raw signature checks per GMC
 * (about 1.2 now). Safe because JavaScript is memory-safe (damaged bytes can only make a read
 * fail), the profile is Peerhood's own and admits one encoding per field, and each signature is
 * checked (`crypto.verify`) over the very TBSCertificate bytes the reader took its fields from.
 * A subject key reaches node:crypto only to check the certificates it signed (the last
 * certificate's never does), imported once per process (`issuer-keys.ts`: a group's chains share
 * their creator and administrators). The GRC's self-signature is checked too, though its key is already
 * bound to the group id by its hash: it costs one signature check, and vouches for the GRC's
 * other fields (validity, serial number, name).
 */
import { X509Certificate } from 'node:crypto'
import { PeerhoodError } from '../common/errors.ts'
import { readFacts, signedBy, type CertificateFacts } from './certificate-facts.ts'
import type { CachedChain, ChainCache } from './chain-cache.ts'
import { invalid, type ChainInvalid, type ChainResult, type ChainValid, type MemberInfo } from './chain-result.ts'
import { MAX_CHAIN_GMCS } from './constants.ts'
import { authorityMatches } from './group-id.ts'
import { ed25519PeerId } from './keys.ts'
import { maskToRoles, mayIssue, ROOT_ISSUER } from './roles.ts'
import { caShape } from './templates.ts'
import { encodeGroupIdForUri } from './uris.ts'

/** A certificate as DER bytes, or already parsed by node:crypto (its DER bytes are read again). */
export type ChainInput = Uint8Array | X509Certificate

function toDers (chain: readonly ChainInput[]): readonly Uint8Array[] {
  for (const c of chain) {
    if (!(c instanceof Uint8Array)) return chain.map(x => x instanceof X509Certificate ? x.raw : x)
  }
  return chain as readonly Uint8Array[]
}

function checkTime (entry: CachedChain, now: number): ChainValid | ChainInvalid {
  const last = entry.ders.length - 1
  // validities nest, so the last certificate's window is the tightest
  if (now >= entry.notBefores[last]! && now <= entry.notAfters[last]!) return entry.result
  for (let i = 0; i <= last; i++) {
    if (now < entry.notBefores[i]!) return invalid('INVALID_TIME_PERIOD', i, 'not-yet-valid')
    if (now > entry.notAfters[i]!) return invalid('INVALID_TIME_PERIOD', i, 'expired')
  }
  return invalid('INVALID_TIME_PERIOD', last, 'expired') // unreachable: nesting was checked
}

function memberInfo (groupId: string, facts: CertificateFacts, depth: number): MemberInfo {
  const publicKey = Uint8Array.from(facts.publicKey)
  // results are shared through the cache: hand out copies of the key bytes, never the original
  return Object.freeze(Object.defineProperty({
    groupId,
    peerId: facts.peerId,
    displayName: facts.commonName,
    roles: Object.freeze(maskToRoles(facts.roles)),
    roleMask: facts.roles,
    serialNumber: facts.serialNumber,
    notBefore: facts.notBefore,
    notAfter: facts.notAfter,
    depth,
    ca: facts.ca
  }, 'publicKey', { get: () => new Uint8Array(publicKey), enumerable: true }) as MemberInfo)
}

/** Type, group and (for the GRC) root binding of one certificate: cheap, checked first. */
function checkIdentity (groupId: string, encodedGroupId: string, i: number, facts: CertificateFacts): ChainInvalid | undefined {
  if (facts.type !== (i === 0 ? 'root' : 'member')) return invalid('INVALID_CERTIFICATE', i, i === 0 ? 'not-a-root' : 'not-a-member')
  if (facts.encodedGroupId !== encodedGroupId) return invalid('INVALID_CERTIFICATE', i, 'group-mismatch')
  if (i === 0 && !authorityMatches(groupId, facts.spki)) return invalid('INVALID_CERTIFICATE', 0, 'root-mismatch')
  return undefined
}

/**
 * Roles, CA shape and validity nesting of a signed certificate against its parent. A parent
 * that passed this check and may issue the child's roles is a CA unless it is the 24th GMC, and
 * then the child is refused as the 25th, so "issued by a non-CA" needs no check of its own.
 */
function checkAuthority (i: number, facts: CertificateFacts, parent: CertificateFacts): ChainInvalid | undefined {
  if (i > 0 && !mayIssue(i === 1 ? ROOT_ISSUER : parent.roles, facts.roles)) return invalid('NOT_AUTHORIZED', i, 'role-not-issuable')
  const shape = i === 0 ? ROOT_SHAPE : caShape(facts.roles, i)
  if (facts.ca !== shape.ca) return invalid('INVALID_CERTIFICATE', i, 'ca-flag-mismatch')
  if (facts.pathLen !== shape.pathLen) return invalid('INVALID_CERTIFICATE', i, 'path-length-mismatch')
  if (Buffer.compare(facts.issuer, parent.subject) !== 0) return invalid('INVALID_CERTIFICATE', i, 'issuer-name-mismatch')
  if (i > 0 && Buffer.compare(facts.authorityKeyId!, parent.subjectKeyId) !== 0) return invalid('INVALID_CERTIFICATE', i, 'authority-key-mismatch')
  if (facts.notBefore < parent.notBefore || facts.notAfter > parent.notAfter) return invalid('INVALID_TIME_PERIOD', i, 'outlives-issuer')
  return undefined
}

/** The GRC's basic constraints: a CA with room for every GMC below it. */
const ROOT_SHAPE = { ca: true, pathLen: MAX_CHAIN_GMCS - 1 } as const

function validateCold (groupId: string, chain: readonly ChainInput[], ders: readonly Uint8Array[], now: number, cache: ChainCache | undefined): ChainResult {
  const encodedGroupId = encodeGroupIdForUri(groupId)
  const links: CertificateFacts[] = []
  const keys = new Set<string>()
  const serials = new Set<string>()
  for (let i = 0; i < chain.length; i++) {
    const cached = cache?.getLink(ders[i]!)
    const facts = cached?.facts ?? readFacts(chain[i]!, cache !== undefined)
    if (facts === undefined) return invalid('INVALID_CERTIFICATE', i, 'malformed')
    const parent = i === 0 ? facts : links[i - 1]!
    const wrong = checkIdentity(groupId, encodedGroupId, i, facts)
    if (wrong !== undefined) return wrong
    if (keys.has(facts.keyId)) return invalid('CIRCULAR_CHAIN_DETECTED', i, 'duplicate-key')
    if (serials.has(facts.serialNumber)) return invalid('CIRCULAR_CHAIN_DETECTED', i, 'duplicate-serial')
    keys.add(facts.keyId)
    serials.add(facts.serialNumber)
    if (cached === undefined || cached.verifiedWith !== parent.keyId) {
      if (!signedBy(facts, parent)) return invalid('INVALID_CERTIFICATE', i, 'bad-signature')
      cache?.setLink({ facts, verifiedWith: parent.keyId })
    }
    const failure = checkAuthority(i, facts, parent)
    if (failure !== undefined) return failure
    links.push(facts)
  }
  const leaf = links[links.length - 1]!
  // only the last certificate's PeerId is reported, so only its key binding is checked
  if (ed25519PeerId(leaf.publicKey) !== leaf.peerId) return invalid('INVALID_CERTIFICATE', links.length - 1, 'peer-id-mismatch')
  const result: ChainValid = Object.freeze({ ok: true, leaf: memberInfo(groupId, leaf, links.length - 1) })
  const entry: CachedChain = {
    groupId,
    ders: links.map(f => f.der),
    notBefores: links.map(f => f.notBefore),
    notAfters: links.map(f => f.notAfter),
    result
  }
  cache?.setChain(entry)
  return checkTime(entry, now)
}

/**
 * Validates a GMC chain `[GRC, GMC1, …, GMCn]` for `groupId` at `now` (epoch milliseconds).
 * Pass a {@link ChainCache} (kept between calls) to make chains seen before cost lookups only.
 */
export function validateChain (groupId: string, chain: readonly ChainInput[], now: number, cache?: ChainCache): ChainResult {
  if (chain.length < 2) return invalid('INVALID_CERTIFICATE', 0, 'too-short')
  if (chain.length - 1 > MAX_CHAIN_GMCS) return invalid('CHAIN_TOO_LONG', MAX_CHAIN_GMCS + 1, 'too-many-gmcs')
  const ders = toDers(chain)
  if (cache !== undefined) {
    const hit = cache.getChain(ders)
    if (hit !== undefined && hit.groupId === groupId) return checkTime(hit, now)
  }
  return validateCold(groupId, chain, ders, now, cache)
}

/** {@link validateChain}, throwing a `PeerhoodError` (details: `index`, `reason`) on failure. */
export function assertValidChain (groupId: string, chain: readonly ChainInput[], now: number, cache?: ChainCache): MemberInfo {
  const result = validateChain(groupId, chain, now, cache)
  if (result.ok) return result.leaf
  throw new PeerhoodError(result.code, `invalid certificate chain: ${result.reason} at index ${result.index}`, { details: { index: result.index, reason: result.reason } })
}

/**
 * Whether `grc` is the root certificate of `groupId`: a self-signed GRC naming the group, whose
 * key hashes to the group id's authority.
 */
export function checkRootBinding (groupId: string, grc: ChainInput): boolean {
  const facts = readFacts(grc, false)
  if (facts === undefined) return false
  return checkIdentity(groupId, encodeGroupIdForUri(groupId), 0, facts) === undefined && checkAuthority(0, facts, facts) === undefined && signedBy(facts, facts)
}
