/**
 * Record ids bound to their creator (issue 15, point 4). Outside the reserved id space, a record
 * id (16 bytes, 32 hex) is the creator's tag (8 bytes: a hash of the group and the creator's
 * PeerId) followed by 8 random bytes. A record carrying an id whose tag is not its creator's is
 * refused (`NOT_AUTHORIZED`) on publish, gossip and sync alike, so nobody can squat another
 * member's record id on members that have not yet seen the original: the squatter's record names
 * itself as creator, and its id would have to carry the victim's tag.
 *
 * Finding a PeerId with another's 64-bit tag costs about 2^64 key generations. Reserved ids keep
 * their own rules (`reserved.ts`); a tag never starts with the reserved prefix. The wire format is
 * unchanged (16 bytes); only the ids honest writers draw changed, so records made before this
 * rule by older nodes are refused by newer ones.
 *
 * Pure.
 */
import { createHash } from 'node:crypto'
import { problem, type RuleProblem } from './problem.ts'
import { isReservedRecordId, RESERVED_ID_PREFIX } from './reserved.ts'
import { memoize2 } from './string-memo.ts'

/** Hex characters of the creator's tag at the start of a record id. */
export const CREATOR_TAG_HEX = 16

const TAG_DOMAIN = 'peerhood/record-id-tag/v1\n'

function computeTag (groupId: string, creator: string): string {
  for (let n = 0; ; n++) {
    // hex of the first 8 bytes, made as its own string: a `slice` of the whole digest's hex would
    // be a view of it, on which every ingress `startsWith` takes V8's slow path (about 5× slower)
    const tag = createHash('sha256').update(`${TAG_DOMAIN}${groupId}\n${creator}\n${n}`).digest().toString('hex', 0, CREATOR_TAG_HEX / 2)
    // one creator in 2^32 would draw only reserved ids: it draws again
    if (!tag.startsWith(RESERVED_ID_PREFIX)) return tag
  }
}

// ingress asks for the same few creators over and over
const tagOf = memoize2(computeTag)

/** The tag (16 hex) that starts every record id `creator` draws in a group. */
export function creatorTag (groupId: string, creator: string): string {
  return tagOf(groupId, creator)
}

/** A record id for `creator` from 8 random bytes. */
export function boundRecordId (groupId: string, creator: string, random: Uint8Array): string {
  return creatorTag(groupId, creator) + Buffer.from(random.subarray(0, (32 - CREATOR_TAG_HEX) / 2)).toString('hex')
}

/** `NOT_AUTHORIZED` when a record outside the reserved id space carries an id that is not its creator's. */
export function recordIdProblem (record: { groupId: string, id: string, creator: string }): RuleProblem | undefined {
  if (isReservedRecordId(record.id)) return undefined
  return record.id.startsWith(creatorTag(record.groupId, record.creator)) ? undefined : problem('NOT_AUTHORIZED', 'the record id is not bound to its creator')
}
