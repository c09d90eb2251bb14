/**
 * Exporting and importing a membership (Windows `PeerGroupExportConfig` / `ImportConfig`): the
 * GMC chain, the group properties and, for the owner, optionally the group root key, sealed with
 * a password, as text a person can paste:
 *
 * `peerhood1:membership:<header>.<ciphertext>` (see `password-box.ts`), whose plaintext is the
 * JSON `{"v":1,"groupId":…,"properties":{…},"chain":["<base64 DER>",…],"rootPrivateKey":"<base64
 * libp2p protobuf>"?}`.
 *
 * Import checks everything before returning: the password (`BAD_PASSWORD`), integrity
 * (`INVALID_EXPORT`), the chain with the chain validator (its codes: `CHAIN_TOO_LONG`,
 * `INVALID_TIME_PERIOD`, …), that the chain's member is the importing identity (`NOT_AUTHORIZED`:
 * a membership is bound to one identity, as Windows binds it to the identity's key), and that a
 * root key matches the group root (`INVALID_EXPORT`).
 */
import { privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { Ed25519PrivateKey, PrivateKey } from '@libp2p/interface'
import { PeerhoodError } from '../common/errors.ts'
import type { ChainCache } from '../certificates/chain-cache.ts'
import type { MemberInfo } from '../certificates/chain-result.ts'
import { assertValidChain } from '../certificates/chain-validator.ts'
import { checkRootKey } from './root-key.ts'
import { openWithPassword, sealWithPassword, type SealOptions } from '../common/password-box.ts'
import { validateProperties, type GroupProperties } from './properties.ts'

/** Text prefix of an exported membership. */
export const MEMBERSHIP_EXPORT_PREFIX = 'peerhood1:membership:'

/** Largest export text accepted, in characters. */
export const MAX_EXPORT_LENGTH = 1024 * 1024

/** What an export carries. */
export interface MembershipExport {
  /** The group. */
  groupId: string
  /** Its properties. */
  properties: GroupProperties
  /** The member's chain `[GRC, …, own GMC]`, DER. */
  chain: readonly Uint8Array[]
  /** The group root key (owner exports only). @default not exported */
  rootPrivateKey?: Ed25519PrivateKey
}

/** Options of {@link importMembership}. */
export interface ImportOptions {
  /** PeerId of the importing identity: the chain must be its own. */
  expectPeerId: string
  /** Current time, epoch milliseconds. */
  now: number
  /** Chain cache for the validation. @default none */
  cache?: ChainCache
}

/** An imported membership, checked. */
export interface ImportedMembership extends MembershipExport {
  /** What the chain proves. */
  member: MemberInfo
}

interface Payload {
  v: 1
  groupId: string
  properties: GroupProperties
  chain: string[]
  rootPrivateKey?: string
}

/** Seals a membership with `password`; returns the text to paste. */
export async function exportMembership (membership: MembershipExport, password: string, options: SealOptions = {}): Promise<string> {
  if (membership.properties.groupId !== membership.groupId) {
    throw new PeerhoodError('INVALID_ARGUMENT', 'properties belong to another group')
  }
  const payload: Payload = {
    v: 1,
    groupId: membership.groupId,
    properties: membership.properties,
    chain: membership.chain.map(der => Buffer.from(der).toString('base64')),
    ...(membership.rootPrivateKey === undefined ? {} : { rootPrivateKey: Buffer.from(privateKeyToProtobuf(membership.rootPrivateKey)).toString('base64') })
  }
  return await sealWithPassword(Buffer.from(JSON.stringify(payload)), password, MEMBERSHIP_EXPORT_PREFIX, options)
}

function parsePayload (plaintext: Uint8Array): Payload {
  let p: Payload
  try {
    p = JSON.parse(Buffer.from(plaintext).toString('utf8'))
  } catch (err) {
    throw new PeerhoodError('INVALID_EXPORT', 'unreadable membership', { cause: err })
  }
  const ok = typeof p === 'object' && p !== null && p.v === 1 && typeof p.groupId === 'string' &&
    typeof p.properties === 'object' && p.properties !== null && Array.isArray(p.chain) &&
    p.chain.every(c => typeof c === 'string') && (p.rootPrivateKey === undefined || typeof p.rootPrivateKey === 'string')
  if (!ok) throw new PeerhoodError('INVALID_EXPORT', 'not a membership export')
  return p
}

/** Opens and checks an exported membership for the identity `expectPeerId`. */
export async function importMembership (text: string, password: string, options: ImportOptions): Promise<ImportedMembership> {
  if (text.length > MAX_EXPORT_LENGTH) throw new PeerhoodError('INVALID_EXPORT', 'export too large')
  const payload = parsePayload(await openWithPassword(text, password, MEMBERSHIP_EXPORT_PREFIX))
  const { groupId, properties } = payload
  validateProperties(properties)
  if (properties.groupId !== groupId) throw new PeerhoodError('INVALID_EXPORT', 'properties belong to another group')
  const chain = payload.chain.map(c => new Uint8Array(Buffer.from(c, 'base64')))
  const member = assertValidChain(groupId, chain, options.now, options.cache)
  if (member.peerId !== options.expectPeerId) {
    throw new PeerhoodError('NOT_AUTHORIZED', 'this membership belongs to another identity', { details: { peerId: member.peerId } })
  }
  const imported: ImportedMembership = { groupId, properties, chain, member }
  if (payload.rootPrivateKey !== undefined) {
    let key: PrivateKey
    try {
      key = privateKeyFromProtobuf(Buffer.from(payload.rootPrivateKey, 'base64'))
    } catch (err) {
      throw new PeerhoodError('INVALID_EXPORT', 'unreadable group root key', { cause: err })
    }
    imported.rootPrivateKey = checkRootKey(groupId, chain[0]!, key)
  }
  return imported
}
