/**
 * What the node learns from its own reserved records: members' chains (`peerhood.membership`),
 * chains administrators stored for their subjects (`peerhood.credentials`) and the creator's
 * properties (`peerhood.properties`). Pure decisions: the caller applies the outcome.
 */
import type { ChainCache } from '../certificates/chain-cache.ts'
import type { MemberInfo } from '../certificates/chain-result.ts'
import { validateChain } from '../certificates/chain-validator.ts'
import type { GroupProperties } from '../groups/properties.ts'
import { validateProperties } from '../groups/properties.ts'
import type { GroupRecord, MemberCredential } from '../records/types.ts'
import { decodeChainData } from './chain-data.ts'
import { CREDENTIALS_RECORD_TYPE, MEMBERSHIP_RECORD_TYPE, PROPERTIES_RECORD_TYPE } from './constants.ts'

/** What a reserved record means for this node. */
export type SystemOutcome =
  | { kind: 'member', member: MemberInfo }
  | { kind: 'credentials', member: MemberInfo }
  | { kind: 'properties', properties: GroupProperties }
  | { kind: 'none' }

/** Whether a record type is one of the node's reserved ones this module reads. */
export function isChainRecordType (type: string): boolean {
  return type === MEMBERSHIP_RECORD_TYPE || type === CREDENTIALS_RECORD_TYPE
}

function chainMember (record: GroupRecord, now: number, cache: ChainCache): MemberInfo | undefined {
  try {
    const result = validateChain(record.groupId, decodeChainData(record.data), now, cache)
    return result.ok ? result.leaf : undefined
  } catch {
    return undefined
  }
}

/**
 * Reads a reserved record: a membership record must carry its own creator's chain; a credentials
 * record a valid chain (for anyone: its signer, an administrator, was checked by the rules); a
 * properties record counts only from the group's creator, as a newer revision.
 */
export function readSystemRecord (
  record: GroupRecord,
  context: { now: number, cache: ChainCache, signer?: MemberCredential, current: GroupProperties }
): SystemOutcome {
  if (record.deleted) return { kind: 'none' }
  if (record.type === MEMBERSHIP_RECORD_TYPE) {
    const member = chainMember(record, context.now, context.cache)
    return member !== undefined && member.peerId === record.creator ? { kind: 'member', member } : { kind: 'none' }
  }
  if (record.type === CREDENTIALS_RECORD_TYPE) {
    const member = chainMember(record, context.now, context.cache)
    return member === undefined ? { kind: 'none' } : { kind: 'credentials', member }
  }
  if (record.type === PROPERTIES_RECORD_TYPE) {
    if (context.signer?.roles.includes('creator') !== true) return { kind: 'none' }
    try {
      const properties = JSON.parse(new TextDecoder().decode(record.data)) as GroupProperties
      validateProperties(properties)
      const immutableSame = properties.groupId === context.current.groupId && properties.creatorPeerId === context.current.creatorPeerId
      return immutableSame && properties.revision > context.current.revision ? { kind: 'properties', properties } : { kind: 'none' }
    } catch {
      return { kind: 'none' }
    }
  }
  return { kind: 'none' }
}

/** Whether `candidate` should replace this node's own credential `current`. */
export function isNewerOwnCredential (candidate: MemberInfo, current: MemberInfo): boolean {
  return candidate.peerId === current.peerId && candidate.notBefore > current.notBefore && candidate.serialNumber !== current.serialNumber
}
