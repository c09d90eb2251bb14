/**
 * How peers become members and stay members: invitations (identity-bound and password), joining
 * with them, the group password and credential renewal. The service delegates here; every rule
 * lives in `protocols/invitations`, `protocols/password-join` and `protocols/credentials`.
 */
import type { PeerId, PrivateKey } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Datastore } from 'interface-datastore'
import { Key } from 'interface-datastore'
import { PeerhoodError } from '../common/errors.ts'
import type { ChainCache } from '../certificates/chain-cache.ts'
import type { LifetimeMs } from '../certificates/constants.ts'
import type { MemberInfo } from '../certificates/chain-result.ts'
import type { Role } from '../certificates/roles.ts'
import type { Credentials } from '../credentials/types.ts'
import { needsRenewal } from '../credentials/rules.ts'
import type { GroupProperties } from '../groups/properties.ts'
import { createInvitation, createPasswordInvitation, parseInvitation } from '../invitations/index.ts'
import type { InvitationInfo } from '../invitations/types.ts'
import { createPasswordVerifier, type PasswordVerifierJson, verifierFromJson, verifierToJson } from '../password-join/verifier.ts'
import type { PasswordAuthority, PasswordJoin } from '../password-join/types.ts'
import { GROUP_STATE_PREFIX } from './constants.ts'
import { withTimeout } from '../common/signals.ts'

/** What the joining logic needs from the groups service. */
export interface JoiningHost {
  readonly peerId: PeerId
  readonly privateKey: PrivateKey
  readonly datastore: Datastore
  readonly cache: ChainCache
  now (): number
  addresses (): string[]
  /** This node's membership of a group (throws INVALID_GROUP). */
  membershipOf (groupId: string): { chain: Uint8Array[], properties: GroupProperties, self: MemberInfo, synchronized: boolean }
  hasGroup (groupId: string): boolean
  /** Stores and opens a new membership; returns nothing (the caller builds the summary). */
  admitSelf (groupId: string, properties: GroupProperties, chain: Uint8Array[]): Promise<void>
  /** Adopts a renewed chain for this node. */
  adopt (groupId: string, chain: Uint8Array[]): Promise<void>
  /** Connected proven members of a group. */
  provenMembers (groupId: string): MemberInfo[]
  /** Dials addresses (errors ignored). */
  dial (addresses: readonly string[], signal: AbortSignal): Promise<PeerId[]>
  /** Changes the group's properties (creator only). */
  setProperties (groupId: string, patch: Partial<GroupProperties>): Promise<GroupProperties>
  passwordJoin (): PasswordJoin
  credentials (): Credentials
}

/** Options of `join()`. */
export interface JoinGroupOptions {
  /** The group password, for a password invitation. */
  password?: string
  /** How long to look for an administrator (password join), in milliseconds. @default 30000 */
  timeoutMs?: number
  /** Aborts the join. */
  signal?: AbortSignal
}

const DEFAULT_JOIN_TIMEOUT_MS = 30_000

function verifierKey (groupId: string): Key {
  return new Key(`${GROUP_STATE_PREFIX}/${encodeURIComponent(groupId)}/password-verifier`)
}

/** A stored verifier and when the creator set it (the newest one wins when administrators share it). */
export interface StoredVerifier {
  verifier: PasswordVerifierJson
  setAt: number
}

/** Typed-data type under which holders of the verifier hand it to administrators. */
export const VERIFIER_DATA_TYPE = 'peerhood.password-verifier'

/** Invitations, joins, the group password and renewal for the groups service. */
export class Joining {
  constructor (private readonly host: JoiningHost) {}

  /** This node's membership, ready to issue: as in Windows, not before the first sync (`GROUP_NOT_READY`). */
  private issuing (groupId: string): { chain: Uint8Array[], properties: GroupProperties, self: MemberInfo } {
    const m = this.host.membershipOf(groupId)
    if (!m.synchronized) throw new PeerhoodError('GROUP_NOT_READY', 'the group has not synchronised with a member yet', { details: { groupId } })
    return m
  }

  /** Creates an invitation bound to one invitee (PeerGroupCreateInvitation). */
  createInvitation (groupId: string, options: { peerId: string, roles?: Role[], expiresAt?: LifetimeMs, displayName?: string, addresses?: string[] }): string {
    const m = this.issuing(groupId)
    return createInvitation({
      issuer: { privateKey: this.host.privateKey, chain: m.chain },
      group: { groupId, properties: m.properties },
      subject: { publicKey: options.peerId, ...(options.displayName === undefined ? {} : { displayName: options.displayName }) },
      roles: options.roles ?? ['member'],
      addresses: options.addresses ?? this.host.addresses(),
      now: this.host.now(),
      cache: this.host.cache,
      ...(options.expiresAt === undefined ? {} : { expiresAt: options.expiresAt })
    })
  }

  /** Creates a password invitation (PeerGroupCreatePasswordInvitation): any administrator may. */
  createPasswordInvitation (groupId: string, options: { expiresAt?: LifetimeMs, addresses?: string[] } = {}): string {
    const m = this.issuing(groupId)
    return createPasswordInvitation({
      issuer: { privateKey: this.host.privateKey, chain: m.chain },
      group: { groupId, properties: m.properties },
      addresses: options.addresses ?? this.host.addresses(),
      now: this.host.now(),
      cache: this.host.cache,
      ...(options.expiresAt === undefined ? {} : { expiresAt: options.expiresAt })
    })
  }

  /** Decodes and verifies an invitation offline, for display (PeerGroupParseInvitation). */
  parse (token: string): InvitationInfo {
    return parseInvitation(token, { now: this.host.now(), cache: this.host.cache })
  }

  /**
   * Joins with an invitation. An identity-bound one is checked offline and stored at once; a
   * password invitation first proves the password to an administrator, who issues the GMC.
   * Codes: `INVITATION_NOT_TRUSTED`, `INVALID_TIME_PERIOD`, `ALREADY_A_MEMBER`,
   * `AUTHENTICATION_FAILED`, `THROTTLED`, `NO_MEMBERS_FOUND`, `INVALID_ARGUMENT`.
   */
  async join (token: string, options: JoinGroupOptions = {}): Promise<{ groupId: string, addresses: string[] }> {
    const self = this.host.peerId.toString()
    const info = parseInvitation(token, { now: this.host.now(), cache: this.host.cache })
    if (info.kind === 'gmc' && info.subjectPeerId !== self) {
      throw new PeerhoodError('INVITATION_NOT_TRUSTED', 'the invitation is for another identity', { details: { subject: info.subjectPeerId } })
    }
    if (this.host.hasGroup(info.groupId)) throw new PeerhoodError('ALREADY_A_MEMBER', 'this node is already a member of that group', { details: { groupId: info.groupId } })
    if (info.kind === 'gmc') {
      await this.host.admitSelf(info.groupId, info.properties, info.chain)
      return { groupId: info.groupId, addresses: info.addresses }
    }
    if (options.password === undefined || options.password.length === 0) {
      throw new PeerhoodError('INVALID_ARGUMENT', 'a password invitation needs the group password')
    }
    const chain = await this.passwordJoin(info, options.password, options)
    await this.host.admitSelf(info.groupId, info.properties, chain)
    return { groupId: info.groupId, addresses: info.addresses }
  }

  private async passwordJoin (info: InvitationInfo, password: string, options: JoinGroupOptions): Promise<Uint8Array[]> {
    const signal = withTimeout(options.signal, options.timeoutMs ?? DEFAULT_JOIN_TIMEOUT_MS)
    const dialled = await this.host.dial(info.addresses, signal)
    // the issuer first: it is an administrator by construction of a password invitation
    const issuer = peerIdFromString(info.issuerPeerId)
    const candidates = [issuer, ...dialled.filter(p => !p.equals(issuer))]
    let lastError: unknown
    for (const peer of candidates) {
      try {
        const result = await this.host.passwordJoin().join(peer, info.groupId, password, { signal })
        return result.chain
      } catch (err: any) {
        // a wrong password or throttling is final; an unreachable peer, or one that is no
        // administrator (or cannot prove the password), is not: try the next
        const unsuitable = ['responder-not-administrator', 'administrator-cannot-prove-password'].includes(err?.details?.reason)
        // NOT_AUTHORIZED: the administrator will not admit this identity (revoked, issue 15), nor will the others
        if ((err?.code === 'AUTHENTICATION_FAILED' && !unsuitable) || err?.code === 'THROTTLED' || err?.code === 'NOT_AUTHORIZED') throw err
        lastError = err
      }
    }
    throw new PeerhoodError('NO_MEMBERS_FOUND', 'no administrator of the group could be reached', { cause: lastError, details: { groupId: info.groupId } })
  }

  /**
   * Sets the group password and the role it grants (creator only), enabling the password
   * scheme. The verifier (salted scrypt) is kept here and handed to administrators over their
   * encrypted connections when they prove membership, so any online administrator can admit.
   * Codes: `NOT_AUTHORIZED`, `PASSWORD_DOES_NOT_MEET_POLICY`.
   */
  async setPassword (groupId: string, password: string, role?: GroupProperties['passwordRole']): Promise<GroupProperties> {
    const m = this.host.membershipOf(groupId)
    if (!m.self.roles.includes('creator')) throw new PeerhoodError('NOT_AUTHORIZED', 'only the creator sets the group password')
    const verifier = await createPasswordVerifier(password, { groupId })
    const authSchemes = m.properties.authSchemes.includes('password') ? m.properties.authSchemes : [...m.properties.authSchemes, 'password' as const]
    const properties = await this.host.setProperties(groupId, { authSchemes, ...(role === undefined ? {} : { passwordRole: role }) })
    await this.writeVerifier(groupId, { verifier: verifierToJson(verifier), setAt: this.host.now() })
    return properties
  }

  private async writeVerifier (groupId: string, stored: StoredVerifier): Promise<void> {
    await this.host.datastore.put(verifierKey(groupId), new TextEncoder().encode(JSON.stringify(stored)))
  }

  /** The verifier this node holds for a group, if any. */
  async storedVerifier (groupId: string): Promise<StoredVerifier | undefined> {
    try {
      const value = JSON.parse(new TextDecoder().decode(await this.host.datastore.get(verifierKey(groupId)))) as StoredVerifier
      verifierFromJson(value.verifier)
      return value
    } catch {
      return undefined
    }
  }

  /**
   * Keeps a verifier another administrator (or the creator) handed over, when this node
   * administers the group and the verifier is newer than the one it holds. Returns whether it
   * was kept.
   */
  async acceptVerifier (groupId: string, data: Uint8Array): Promise<boolean> {
    if (!this.host.hasGroup(groupId)) return false
    const m = this.host.membershipOf(groupId)
    if (!m.self.roles.includes('administrator') && !m.self.roles.includes('creator')) return false
    let offered: StoredVerifier
    try {
      offered = JSON.parse(new TextDecoder().decode(data)) as StoredVerifier
      verifierFromJson(offered.verifier)
      if (typeof offered.setAt !== 'number') return false
    } catch {
      return false
    }
    const held = await this.storedVerifier(groupId)
    if (held !== undefined && held.setAt >= offered.setAt) return false
    await this.writeVerifier(groupId, { verifier: offered.verifier, setAt: offered.setAt })
    return true
  }

  /** The password authority of a group this node can serve password joins for. */
  async authorityFor (groupId: string): Promise<PasswordAuthority | undefined> {
    if (!this.host.hasGroup(groupId)) return undefined
    const m = this.host.membershipOf(groupId)
    if (!m.properties.authSchemes.includes('password')) return undefined
    if (!m.self.roles.includes('administrator') && !m.self.roles.includes('creator')) return undefined
    const stored = await this.storedVerifier(groupId)
    if (stored === undefined) return undefined
    return {
      verifier: verifierFromJson(stored.verifier),
      passwordRole: m.properties.passwordRole,
      issuer: { privateKey: this.host.privateKey, chain: m.chain }
    }
  }

  /** This node's issuer credentials in a group it administers (for renewals). */
  issuerFor (groupId: string): { privateKey: PrivateKey, chain: Uint8Array[] } | undefined {
    if (!this.host.hasGroup(groupId)) return undefined
    const m = this.host.membershipOf(groupId)
    return m.self.roles.some(r => r === 'administrator' || r === 'creator' || r === 'inviting-member') ? { privateKey: this.host.privateKey, chain: m.chain } : undefined
  }

  /** Asks a connected administrator to renew this node's GMC, and adopts the new chain. */
  async renew (groupId: string, options: { peerId?: string, signal?: AbortSignal } = {}): Promise<MemberInfo> {
    this.host.membershipOf(groupId)
    const admins = options.peerId !== undefined
      ? [options.peerId]
      : this.host.provenMembers(groupId).filter(m => m.roles.includes('administrator') || m.roles.includes('creator')).map(m => m.peerId)
    if (admins.length === 0) throw new PeerhoodError('NO_MEMBERS_FOUND', 'no administrator of the group is connected', { details: { groupId } })
    let lastError: unknown
    for (const admin of admins) {
      try {
        const result = await this.host.credentials().renew(peerIdFromString(admin), groupId, options.signal === undefined ? {} : { signal: options.signal })
        await this.host.adopt(groupId, result.chain)
        return result.member
      } catch (err) {
        lastError = err
      }
    }
    throw lastError
  }

  /** Whether this node's GMC in a group is due for renewal. */
  dueForRenewal (groupId: string): boolean {
    return needsRenewal(this.host.membershipOf(groupId).self, this.host.now())
  }
}
