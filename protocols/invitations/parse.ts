/**
 * Reading and verifying an invitation offline (Windows `PeerGroupParseInvitation`). No side
 * effects; time comes in as `now`. Checks, cheapest first, first failure wins:
 *
 * 1. text, base64url and protobuf well formed, known kind (`INVITATION_NOT_TRUSTED`), version 1
 *    (`UNSUPPORTED_VERSION`);
 * 2. the carried chain passes the chain validator for the group id, so its root is the one the
 *    id names (`INVITATION_NOT_TRUSTED`; the time comparison is left to step 6);
 * 3. the signature verifies with the issuer's GMC key: the chain's last certificate for a password
 *    invitation, the one before the invitee's for an identity-bound one (`INVITATION_NOT_TRUSTED`);
 * 4. the properties are valid and of this group; a password invitation comes from the creator or
 *    an administrator of a group with the password scheme, and lies inside the issuer's validity;
 *    an identity-bound one expires with the invitee's GMC (`INVITATION_NOT_TRUSTED`);
 * 5. an identity-bound invitation is for `expectPeerId` when given (`INVITATION_NOT_TRUSTED`);
 * 6. `now` lies inside its validity (`INVALID_TIME_PERIOD`).
 */
import { multiaddr } from '@multiformats/multiaddr'
import { PeerhoodError } from '../common/errors.ts'
import { ChainCache } from '../certificates/chain-cache.ts'
import type { MemberInfo } from '../certificates/chain-result.ts'
import { ROLE_BITS } from '../certificates/roles.ts'
import { validateChain } from '../certificates/chain-validator.ts'
import { decodeInvitation, notTrusted, verifyInvitationSignature } from './codec.ts'
import { InvitationKind } from './pb/invitation.ts'
import { decodeProperties } from './properties-json.ts'
import type { InvitationInfo, InvitationKindName, ParseInvitationOptions } from './types.ts'

const ADMIN_MASK = ROLE_BITS.creator | ROLE_BITS.administrator

/** The member a chain proves, valid in every respect but perhaps time; else `INVITATION_NOT_TRUSTED`. */
function checkChain (groupId: string, chain: readonly Uint8Array[], now: number, cache: ChainCache): MemberInfo {
  const result = validateChain(groupId, chain, now, cache)
  if (result.ok) return result.leaf
  // time is compared last, so a time failure means everything else held and the chain is cached
  if (result.reason === 'expired' || result.reason === 'not-yet-valid') {
    const entry = cache.getChain(chain)
    if (entry?.groupId === groupId) return entry.result.leaf
  }
  throw notTrusted(`chain-${result.reason}`)
}

function kindOf (kind: InvitationKind): InvitationKindName {
  if (kind === InvitationKind.GMC) return 'gmc'
  if (kind === InvitationKind.PASSWORD) return 'password'
  throw notTrusted('kind')
}

function checkAddresses (addresses: string[]): string[] {
  for (const a of addresses) {
    try {
      multiaddr(a)
    } catch (err) {
      throw notTrusted('address', err)
    }
  }
  return addresses
}

/**
 * Verifies an invitation and returns what it says. Codes: `INVITATION_NOT_TRUSTED` (malformed,
 * forged, untrusted chain, or for someone else), `UNSUPPORTED_VERSION`, `INVALID_TIME_PERIOD`.
 */
export function parseInvitation (text: string, options: ParseInvitationOptions): InvitationInfo {
  const { now } = options
  const { body, bodyBytes, signature } = decodeInvitation(text)
  const kind = kindOf(body.kind)
  const { groupId, chain } = body
  if (chain.length < (kind === 'gmc' ? 3 : 2)) throw notTrusted('chain-too-short')
  const cache = options.cache ?? new ChainCache({ maxChains: 4, maxLinks: 64 })
  const leaf = checkChain(groupId, chain, now, cache)
  const issuer = kind === 'gmc' ? checkChain(groupId, chain.slice(0, -1), now, cache) : leaf
  if (!verifyInvitationSignature(bodyBytes, signature, issuer.publicKey)) throw notTrusted('signature')
  const properties = decodeProperties(body.properties)
  if (properties.groupId !== groupId) throw notTrusted('properties-group')

  let validFrom: number
  let validTo: number
  if (kind === 'gmc') {
    if (body.expiresAt !== leaf.notAfter) throw notTrusted('expiry')
    if (options.expectPeerId !== undefined && leaf.peerId !== options.expectPeerId) throw notTrusted('not-for-this-peer')
    validFrom = leaf.notBefore
    validTo = leaf.notAfter
  } else {
    if ((issuer.roleMask & ADMIN_MASK) === 0) throw notTrusted('issuer-not-administrator')
    if (!properties.authSchemes.includes('password')) throw notTrusted('no-password-scheme')
    if (body.issuedAt < issuer.notBefore || body.expiresAt > issuer.notAfter || body.expiresAt <= body.issuedAt) throw notTrusted('expiry')
    validFrom = body.issuedAt
    validTo = body.expiresAt
  }
  const addresses = checkAddresses(body.addresses)
  if (now < validFrom || now > validTo) {
    throw new PeerhoodError('INVALID_TIME_PERIOD', now < validFrom ? 'the invitation is not valid yet' : 'the invitation has expired', { details: { validFrom, validTo, now } })
  }
  return {
    kind,
    authScheme: kind,
    groupId,
    groupFriendlyName: properties.friendlyName,
    issuerPeerId: issuer.peerId,
    issuerDisplayName: issuer.displayName,
    issuer,
    ...(kind === 'gmc' ? { subjectPeerId: leaf.peerId, subjectDisplayName: leaf.displayName, subject: leaf } : {}),
    roles: kind === 'gmc' ? [...leaf.roles] : [properties.passwordRole],
    issuedAt: body.issuedAt,
    validFrom,
    validTo,
    addresses,
    properties,
    chain: [...chain],
    grc: chain[0]!
  }
}
