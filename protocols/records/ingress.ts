/**
 * The ingress pipeline for records from other members, cheapest check first:
 * size → decode → canonical envelope → group id → shape (type, attributes, reserved id and
 * shape, the id bound to its creator) → already-known hash → signature → member lookup (unknown ⇒ defer) → authorisation →
 * expiry (already expired ⇒ ignore) → lifetime against the credential (⇒ reject) → reserved
 * writer and data (⇒ reject) → freshness against the stored version (older or
 * equal ⇒ ignore) → immutable fields → accept.
 *
 * It uses the same rule functions as local publish, with `system` allowed: the node's reserved
 * records arrive through here too. Pure: time and membership are passed in.
 */
import { isPeerhoodError } from '../common/errors.ts'
import { attributesProblem } from './attributes.ts'
import { decodeRecord, type DecodedRecord } from './codec.ts'
import { supersedes, type RecordVersionInfo } from './conflict.ts'
import { verdict, reasonOfCode, type IngressVerdict } from './reasons.ts'
import { SYSTEM_RECORD_MAX_SIZE } from './constants.ts'
import { recordIdProblem } from './record-id.ts'
import { NO_RESERVED_TYPES, reservedRule, reservedShapeProblem, type ReservedTypes, reservedWriterProblem } from './reserved.ts'
import { authorizationProblem, isExpired, lifetimeProblem, sizeLimit, successionProblem, typeProblem } from './rules.ts'
import { isCanonicalSignedRecord } from './signed-decoder.ts'
import { verifyRecordSignature, type RecordVerifier } from './verify.ts'
import type { GroupRecord, LookupMember } from './types.ts'
import { sameBytes } from '../common/bytes.ts'

/** What the stateless first stages need. */
export interface AdmitContext {
  /** The group this database belongs to. */
  groupId: string
  /** The group's largest encoded record, in bytes. */
  maxRecordSize: number
  /** The reserved (`peerhood.*`) types and their rules. @default none: every reserved record is refused */
  reserved?: ReservedTypes
}

/** A stored version, as the duplicate and freshness stages see it (a {@link DecodedRecord} is one). */
export interface StoredVersion extends RecordVersionInfo {
  /** The stored SignedRecord bytes. */
  bytes: Uint8Array
  /** The stored record. */
  record: GroupRecord
}

/** What the later stages need. */
export interface JudgeContext {
  /** The current time, ms since the epoch. */
  now: number
  /** The modifier's current credential. */
  lookupMember: LookupMember
  /** The stored version of the record, if any. */
  stored?: StoredVersion
  /** Other known hashes (recently seen, parked...). @default none */
  isKnown?: (hash: Uint8Array) => boolean
  /** Verifier with its own key cache. @default the process-wide one */
  verifier?: RecordVerifier
  /**
   * The signature check's outcome when it was already made for these very bytes (a sync page's
   * records are checked on the thread pool first): the stage uses it instead of checking again.
   * @default checked here
   */
  signatureValid?: boolean
  /** The reserved (`peerhood.*`) types and their rules. @default none: every reserved record is refused */
  reserved?: ReservedTypes
  /**
   * When a member was revoked, if it is (issue 15): its versions modified at or after that time are
   * refused (`NOT_AUTHORIZED`). A Map lookup, whatever the number of revocations. @default nobody is revoked
   */
  revokedAt?: (peerId: string) => number | undefined
}

/** Everything {@link validateIngress} needs. */
export interface IngressContext extends AdmitContext, Omit<JudgeContext, 'stored'> {
  /** The stored version of a record id (32 hex), if any. @default none */
  stored?: (id: string) => StoredVersion | undefined
}

/** Size, decode, group id and shape: a verdict, or the decoded record to judge. */
export function admitIngress (bytes: Uint8Array, ctx: AdmitContext): IngressVerdict | DecodedRecord {
  // cheapest first: nothing is larger than the larger of the two limits; the type's own limit once decoded
  if (bytes.length > Math.max(ctx.maxRecordSize, SYSTEM_RECORD_MAX_SIZE)) return verdict('MAX_RECORD_SIZE_EXCEEDED')
  let decoded: DecodedRecord
  try {
    decoded = decodeRecord(bytes)
  } catch (err) {
    return verdict(isPeerhoodError(err, 'INVALID_ATTRIBUTES') ? 'INVALID_ATTRIBUTES' : 'MALFORMED', undefined, (err as Error).message)
  }
  return admitDecoded(decoded, ctx)
}

/**
 * {@link admitIngress}'s stages after decoding (envelope, group id, size, shape), for a record
 * decoded already: what serving a stored record asks, without decoding it a second time.
 */
export function admitDecoded (decoded: DecodedRecord, ctx: AdmitContext): IngressVerdict | DecodedRecord {
  const { bytes } = decoded
  // refused, not stripped: an honest encoder never writes anything else, so whoever did is the attacker
  if (!isCanonicalSignedRecord(bytes, decoded)) return verdict('MALFORMED', undefined, 'the envelope holds more than the signed body and its signature')
  const { record } = decoded
  if (record.groupId !== ctx.groupId) return verdict('WRONG_GROUP', decoded)
  const reserved = ctx.reserved ?? NO_RESERVED_TYPES
  if (bytes.length > sizeLimit(record.type, ctx.maxRecordSize, reserved)) return verdict('MAX_RECORD_SIZE_EXCEEDED', decoded)
  const type = typeProblem(record.type, true)
  if (type !== undefined) return verdict(reasonOfCode(type.code), decoded, type.message)
  const attributes = attributesProblem(record.attributes)
  if (attributes !== undefined) return verdict('INVALID_ATTRIBUTES', decoded, attributes)
  const shape = reservedShapeProblem(record, reserved) ?? recordIdProblem(record)
  if (shape !== undefined) return verdict(reasonOfCode(shape.code), decoded, shape.message)
  return decoded
}

// the lifetime rule's two option sets, made once rather than per record
const OUTLIVES_WRITER = Object.freeze({ outlivesWriter: true })
const WITHIN_WRITER = Object.freeze({ outlivesWriter: false })


/** The stages after decoding: duplicate, signature, membership, rules, expiry, freshness. */
export function judgeIngress (decoded: DecodedRecord, ctx: JudgeContext): IngressVerdict {
  return judge(decoded, ctx, ctx.stored)
}

function judge (decoded: DecodedRecord, ctx: Omit<JudgeContext, 'stored'>, stored: StoredVersion | undefined): IngressVerdict {
  const { record } = decoded
  // equal bytes are equal hashes, and comparing them is cheaper than hashing (`?.` skips the hash too)
  if ((stored !== undefined && sameBytes(stored.bytes, decoded.bytes)) || ctx.isKnown?.(decoded.hash) === true) {
    return verdict('DUPLICATE', decoded)
  }
  const valid = ctx.signatureValid ?? (ctx.verifier === undefined
    ? verifyRecordSignature(decoded, decoded.modifierBytes)
    : ctx.verifier.verify(decoded, decoded.modifierBytes))
  if (!valid) return verdict('BAD_SIGNATURE', decoded)
  const credential = ctx.lookupMember(record.modifier)
  if (credential === undefined) return verdict('UNKNOWN_SIGNER', decoded)
  const refused = authorizationProblem(record, credential)
  if (refused !== undefined) return verdict(reasonOfCode(refused.code), decoded, refused.message)
  const revokedAt = ctx.revokedAt?.(record.modifier)
  if (revokedAt !== undefined && record.modified >= revokedAt) return verdict('NOT_AUTHORIZED', decoded, 'the modifier was revoked before this version')
  if (isExpired(record, ctx.now)) return verdict('EXPIRED', decoded)
  const reserved = ctx.reserved ?? NO_RESERVED_TYPES
  const lifetime = lifetimeProblem(record, credential, reservedRule(record.type, reserved)?.outlivesWriter === true ? OUTLIVES_WRITER : WITHIN_WRITER)
  if (lifetime !== undefined) return verdict(reasonOfCode(lifetime.code), decoded, lifetime.message)
  // the writer and (for reserved types) the data, which may cost a chain validation: last before freshness
  const writer = reservedWriterProblem(record, credential, reserved)
  if (writer !== undefined) return verdict(reasonOfCode(writer.code), decoded, writer.message)
  if (stored !== undefined) {
    if (!supersedes(decoded, stored)) return verdict('STALE', decoded)
    const succession = successionProblem(record, stored.record)
    if (succession !== undefined) return verdict(reasonOfCode(succession.code), decoded, succession.message)
  }
  return verdict('ACCEPTED', decoded)
}

/** The whole pipeline over encoded SignedRecord bytes, with a synchronous stored-version lookup. */
export function validateIngress (bytes: Uint8Array, ctx: IngressContext): IngressVerdict {
  const admitted = admitIngress(bytes, ctx)
  if ('action' in admitted) return admitted
  return judge(admitted, ctx, ctx.stored?.(admitted.record.id))
}
