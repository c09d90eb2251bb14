/**
 * The table of the node's reserved record types (the rules engine is `records/reserved.ts`): for
 * each `peerhood.*` type the signer it allows, how its record id is bound, its attributes, its
 * largest size and its exact data. Every other `peerhood.*` type is refused. Adding a type is
 * adding an entry here.
 *
 * Data is checked in its one canonical encoding (re-encoding what was decoded must give the same
 * bytes), so no reserved record can carry anything beside what its type means. Chains are
 * validated at the record's modification time, not at arrival, so every member reaches the same
 * verdict whenever the record reaches it.
 */
import { multiaddr } from '@multiformats/multiaddr'
import type { ChainCache } from '../certificates/chain-cache.ts'
import type { ChainResult } from '../certificates/chain-result.ts'
import { validateChain } from '../certificates/chain-validator.ts'
import { type GroupProperties, validateProperties } from '../groups/properties.ts'
import { SYSTEM_RECORD_MAX_SIZE } from '../records/constants.ts'
import type { ReservedTypes } from '../records/reserved.ts'
import type { GroupRecord } from '../records/types.ts'
import { decodeRevocationData, REVOCATION_RECORD_MAX_SIZE, REVOCATION_RECORD_TYPE } from '../revocation/record.ts'
import { decodeChainData, encodeChainData } from './chain-data.ts'
import { CREDENTIALS_RECORD_TYPE, MEMBERSHIP_RECORD_TYPE, PRESENCE_RECORD_TYPE, PROPERTIES_RECORD_TYPE, SUBJECT_ATTRIBUTE } from './constants.ts'
import { MAX_PRESENCE_ADDRESSES } from './presence.ts'
import { sameBytes } from '../common/bytes.ts'

/** Largest `peerhood.properties` record, in bytes (its JSON is well under 2 KiB). */
export const PROPERTIES_RECORD_MAX_SIZE = 8 * 1024

/** Largest `peerhood.presence` record, in bytes (32 addresses of a well-connected node). */
export const PRESENCE_RECORD_MAX_SIZE = 16 * 1024

/** Longest address in a presence record, in characters. */
const MAX_ADDRESS_LENGTH = 256

const utf8 = new TextDecoder('utf-8', { fatal: true })


/** The chain a record carries, in its canonical encoding only. */
function chainOf (record: GroupRecord): Uint8Array[] | undefined {
  try {
    const chain = decodeChainData(record.data)
    return sameBytes(encodeChainData(chain), record.data) ? chain : undefined
  } catch {
    return undefined
  }
}

/** JSON record data in its canonical form (what `JSON.stringify` wrote), or undefined. */
function canonicalJson (data: Uint8Array): unknown {
  try {
    const text = utf8.decode(data)
    const value: unknown = JSON.parse(text)
    return JSON.stringify(value) === text ? value : undefined
  } catch {
    return undefined
  }
}

/** The group's revocations applied to a valid chain (issue 15): the verdict to keep. */
export type RevocationCheck = (groupId: string, chain: Uint8Array[], at: number, result: ChainResult) => ChainResult

function membershipData (record: GroupRecord, cache?: ChainCache, revocations?: RevocationCheck): string | undefined {
  const chain = chainOf(record)
  if (chain === undefined) return 'data is not a canonical certificate chain'
  const valid = validateChain(record.groupId, chain, record.modified, cache)
  const result = revocations === undefined ? valid : revocations(record.groupId, chain, record.modified, valid)
  if (!result.ok) return `the chain is not valid (${result.reason})`
  return result.leaf.peerId === record.creator ? undefined : 'the chain is not its writer\'s'
}

function credentialsData (record: GroupRecord, cache?: ChainCache, revocations?: RevocationCheck): string | undefined {
  const chain = chainOf(record)
  if (chain === undefined) return 'data is not a canonical certificate chain'
  const valid = validateChain(record.groupId, chain, record.modified, cache)
  const result = revocations === undefined ? valid : revocations(record.groupId, chain, record.modified, valid)
  if (!result.ok) return `the chain is not valid (${result.reason})`
  const subject = record.attributes.find(a => a.name === SUBJECT_ATTRIBUTE)?.value
  if (result.leaf.peerId !== subject) return 'the chain is not its subject\'s'
  // the writer is the one who issued the leaf: nobody stores credentials it did not issue
  const issuer = validateChain(record.groupId, chain.slice(0, -1), record.modified, cache)
  return issuer.ok && issuer.leaf.peerId === record.creator ? undefined : 'the chain\'s leaf was not issued by its writer'
}

function propertiesData (record: GroupRecord): string | undefined {
  const value = canonicalJson(record.data) as GroupProperties | undefined
  if (value === undefined || typeof value !== 'object' || value === null || Array.isArray(value)) return 'data is not canonical JSON properties'
  try {
    validateProperties(value)
  } catch {
    return 'data is not valid group properties'
  }
  if (value.groupId !== record.groupId) return 'the properties are another group\'s'
  return value.creatorPeerId === record.creator ? undefined : 'the properties are not its writer\'s'
}

/** Whether `text` is a multiaddr in its canonical text form. */
function isMultiaddr (text: unknown): boolean {
  if (typeof text !== 'string' || text.length > MAX_ADDRESS_LENGTH) return false
  try {
    return multiaddr(text).toString() === text
  } catch {
    return false
  }
}

function presenceData (record: GroupRecord): string | undefined {
  const value = canonicalJson(record.data) as Record<string, unknown> | undefined
  if (value === undefined || typeof value !== 'object' || value === null || Array.isArray(value)) return 'data is not canonical JSON presence'
  if (Object.keys(value).join() !== 'addresses,status' || value.status !== 'online') return 'presence is exactly { addresses, status: "online" }'
  const { addresses } = value
  if (!Array.isArray(addresses) || addresses.length > MAX_PRESENCE_ADDRESSES) return `presence lists at most ${MAX_PRESENCE_ADDRESSES} addresses`
  return addresses.every(isMultiaddr) ? undefined : 'presence addresses are multiaddrs in canonical form'
}

/**
 * The node's reserved record types: membership chains from that member, credentials from the
 * member that issued them, properties from the group's creator, presence from that member,
 * revocations from an administrator or the creator (one record per revoker and subject).
 * `cache` speeds up the chain checks (the node's chain cache); `revocations` refuses chains the
 * group's revocations refuse.
 */
export function reservedRecordTypes (cache?: ChainCache, revocations?: RevocationCheck): ReservedTypes {
  return Object.freeze({
    [MEMBERSHIP_RECORD_TYPE]: { id: 'per-creator', attributes: {}, maxBytes: SYSTEM_RECORD_MAX_SIZE, data: record => membershipData(record, cache, revocations) },
    [CREDENTIALS_RECORD_TYPE]: {
      id: 'random',
      roles: ['creator', 'administrator', 'inviting-member'],
      attributes: { [SUBJECT_ATTRIBUTE]: 'string' },
      maxBytes: SYSTEM_RECORD_MAX_SIZE,
      data: record => credentialsData(record, cache, revocations)
    },
    [PROPERTIES_RECORD_TYPE]: { id: 'per-creator', roles: ['creator'], attributes: {}, maxBytes: PROPERTIES_RECORD_MAX_SIZE, data: propertiesData },
    [PRESENCE_RECORD_TYPE]: { id: 'per-creator', attributes: {}, maxBytes: PRESENCE_RECORD_MAX_SIZE, data: presenceData },
    [REVOCATION_RECORD_TYPE]: {
      id: 'per-subject',
      roles: ['creator', 'administrator'],
      attributes: { [SUBJECT_ATTRIBUTE]: 'string' },
      maxBytes: REVOCATION_RECORD_MAX_SIZE,
      data: record => { const data = decodeRevocationData(record); return typeof data === 'string' ? data : undefined },
      // a revocation outlives its revoker's GMC: else the revoked peer returns when that GMC ends
      outlivesWriter: true
    }
  })
}
