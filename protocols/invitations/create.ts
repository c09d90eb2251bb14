/**
 * Creating invitations (Windows `PeerGroupCreateInvitation` and
 * `PeerGroupCreatePasswordInvitation`). Pure apart from the serial number's randomness, which can
 * be injected; time comes in as `now`.
 *
 * Rules (issuance rules are `issueCredentials`' own, not repeated here):
 * - the issuer is a member: its chain is valid now, ends with its own GMC, and its key signs
 *   (`NOT_AUTHORIZED` otherwise, also for the bare group root key);
 * - identity-bound: roles no higher than the issuer may grant (`NOT_AUTHORIZED`; a plain member
 *   grants nothing), at most 24 GMCs (`CHAIN_TOO_LONG`), expiry within the issuer's validity
 *   (`INVALID_TIME_PERIOD`), none given ⇒ the issuer's remaining validity;
 * - password: the issuer is the creator or an administrator (`NOT_AUTHORIZED`), the group has the
 *   password scheme (`PASSWORD_NOT_SET`), same expiry rule.
 */
import { multiaddr } from '@multiformats/multiaddr'
import { PeerhoodError } from '../common/errors.ts'
import { ChainCache } from '../certificates/chain-cache.ts'
import { INFINITE } from '../certificates/constants.ts'
import { issueCredentials } from '../certificates/issue.ts'
import { type ResolvedIssuer, resolveIssuer } from '../certificates/issuer.ts'
import { ROLE_BITS, ROOT_ISSUER } from '../certificates/roles.ts'
import { floorToSecond } from '../certificates/serial.ts'
import { encodeInvitation } from './codec.ts'
import { INVITATION_VERSION, MAX_ADDRESS_LENGTH, MAX_INVITATION_ADDRESSES } from './constants.ts'
import { InvitationKind } from './pb/invitation.ts'
import { encodeProperties } from './properties-json.ts'
import { inviteeRawKey } from './subject-key.ts'
import type { CreateInvitationInit, CreatePasswordInvitationInit, InvitationCommonInit } from './types.ts'

const ADMIN_MASK = ROLE_BITS.creator | ROLE_BITS.administrator

function checkAddresses (addresses: readonly string[] = []): string[] {
  if (addresses.length > MAX_INVITATION_ADDRESSES) {
    throw new PeerhoodError('INVALID_ARGUMENT', `an invitation carries at most ${MAX_INVITATION_ADDRESSES} addresses`, { details: { count: addresses.length } })
  }
  return addresses.map(a => {
    try {
      if (a.length > MAX_ADDRESS_LENGTH) throw new Error('too long')
      return multiaddr(a).toString()
    } catch (err) {
      throw new PeerhoodError('INVALID_MULTIADDR', 'not a multiaddr', { cause: err, details: { address: a } })
    }
  })
}

/** Checks the issuer is a member of the group and returns what it may do, plus the encoded properties. */
function prepare (init: InvitationCommonInit, cache: ChainCache): { resolved: ResolvedIssuer, properties: Uint8Array, addresses: string[] } {
  const { issuer, group, now } = init
  if (group.properties.groupId !== group.groupId) throw new PeerhoodError('INVALID_GROUP_PROPERTIES', 'the properties are those of another group')
  const properties = encodeProperties(group.properties)
  const addresses = checkAddresses(init.addresses)
  const resolved = resolveIssuer(issuer, now, cache)
  if (resolved.roles === ROOT_ISSUER) throw new PeerhoodError('NOT_AUTHORIZED', 'invitations are issued by members, not by the group root key')
  if (resolved.groupId !== group.groupId) throw new PeerhoodError('NOT_AUTHORIZED', 'the issuer is not a member of this group', { details: { groupId: group.groupId } })
  return { resolved, properties, addresses }
}

/**
 * Creates an identity-bound invitation: issues the invitee a GMC with `roles` and wraps the
 * invitee's whole chain, the group properties and the addresses in a signed, pasteable text.
 * Codes: `NOT_AUTHORIZED`, `CHAIN_TOO_LONG`, `CIRCULAR_CHAIN_DETECTED`, `INVALID_TIME_PERIOD`,
 * `INVALID_ROLE_PROPERTY`, `INVALID_PEER_ID`, `INVALID_MULTIADDR`, `INVALID_GROUP_PROPERTIES`.
 */
export function createInvitation (init: CreateInvitationInit): string {
  const cache = init.cache ?? new ChainCache({ maxChains: 4, maxLinks: 64 })
  const { properties, addresses } = prepare(init, cache)
  const notBefore = floorToSecond(init.now)
  const issued = issueCredentials(init.issuer, {
    publicKey: inviteeRawKey(init.subject.publicKey),
    ...(init.subject.displayName === undefined ? {} : { displayName: init.subject.displayName })
  }, {
    roles: init.roles,
    now: init.now,
    notBefore,
    cache,
    ...(init.expiresAt === undefined ? {} : { lifetimeMs: init.expiresAt === INFINITE ? INFINITE : init.expiresAt - notBefore }),
    ...(init.serialNumber === undefined ? {} : { serialNumber: init.serialNumber }),
    ...(init.random === undefined ? {} : { random: init.random })
  })
  return encodeInvitation({
    version: INVITATION_VERSION,
    kind: InvitationKind.GMC,
    groupId: init.group.groupId,
    properties: properties as Uint8Array<ArrayBuffer>,
    chain: issued.chain as Array<Uint8Array<ArrayBuffer>>,
    addresses,
    issuedAt: notBefore,
    expiresAt: issued.member.notAfter
  }, init.issuer.privateKey)
}

/**
 * Creates a password invitation: not bound to anyone; carries the issuer's chain (so a joiner
 * can trust the group root and the administrator), the properties and the addresses. Codes:
 * `NOT_AUTHORIZED`, `PASSWORD_NOT_SET`, `INVALID_TIME_PERIOD`, `INVALID_MULTIADDR`,
 * `INVALID_GROUP_PROPERTIES`.
 */
export function createPasswordInvitation (init: CreatePasswordInvitationInit): string {
  const cache = init.cache ?? new ChainCache({ maxChains: 4, maxLinks: 64 })
  const { resolved, properties, addresses } = prepare(init, cache)
  if ((resolved.roles & ADMIN_MASK) === 0) throw new PeerhoodError('NOT_AUTHORIZED', 'only the creator or an administrator makes password invitations')
  if (!init.group.properties.authSchemes.includes('password')) throw new PeerhoodError('PASSWORD_NOT_SET', 'the group does not accept password joins')
  const issuedAt = floorToSecond(init.now)
  const expiresAt = Math.floor(init.expiresAt === undefined || init.expiresAt === INFINITE ? resolved.notAfter : init.expiresAt)
  if (!Number.isFinite(expiresAt) || expiresAt <= issuedAt || expiresAt > resolved.notAfter) {
    throw new PeerhoodError('INVALID_TIME_PERIOD', 'the expiry must lie after now and within the issuer\'s validity', { details: { expiresAt, issuerNotAfter: resolved.notAfter } })
  }
  return encodeInvitation({
    version: INVITATION_VERSION,
    kind: InvitationKind.PASSWORD,
    groupId: init.group.groupId,
    properties: properties as Uint8Array<ArrayBuffer>,
    chain: init.issuer.chain as Array<Uint8Array<ArrayBuffer>>,
    addresses,
    issuedAt,
    expiresAt
  }, init.issuer.privateKey)
}
