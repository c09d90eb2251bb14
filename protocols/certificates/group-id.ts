/**
 * Self-certifying group ids, Windows' `Authority.Classifier` form:
 *
 * - authority = lowercase RFC 4648 base32 (no padding) of SHA-256 over the DER
 *   SubjectPublicKeyInfo of the group root key: 52 characters `[a-z2-7]`;
 * - classifier (optional) = 1 to 149 characters: Unicode letters, marks and digits and `-_.~`,
 *   in Unicode NFC; case-sensitive.
 *
 * So the group id is `<authority>` or `<authority>.<classifier>`, and whoever holds it can check
 * the root certificate a chain presents ({@link checkRootBinding}).
 */
import { hash } from 'node:crypto'
import { toString as bytesToString } from 'uint8arrays/to-string'
import { PeerhoodError } from '../common/errors.ts'

/** Most characters (code points) in a classifier, as Windows allowed. */
export const MAX_CLASSIFIER_LENGTH = 149

/** Characters in a group id authority. */
export const AUTHORITY_LENGTH = 52

const CLASSIFIER = /^[\p{L}\p{M}\p{N}_.~-]+$/u
const AUTHORITY = /^[a-z2-7]{52}$/

/** The parts of a group id. */
export interface GroupIdParts {
  /** Hash of the group root key (52 base32 characters). */
  authority: string
  /** The classifier, if the group has one. */
  classifier?: string
}

/** Checks a classifier; throws `INVALID_CLASSIFIER`. */
export function validateClassifier (classifier: string): void {
  const length = [...classifier].length
  if (length === 0 || length > MAX_CLASSIFIER_LENGTH || !CLASSIFIER.test(classifier) || classifier.normalize('NFC') !== classifier) {
    throw new PeerhoodError('INVALID_CLASSIFIER', `a classifier is 1 to ${MAX_CLASSIFIER_LENGTH} letters, digits or "-_.~" (NFC)`, { details: { classifier } })
  }
}

/** The authority of a group root key, from its DER SubjectPublicKeyInfo. */
export function groupAuthority (rootSpki: Uint8Array): string {
  return bytesToString(hash('sha256', rootSpki, 'buffer'), 'base32')
}

/** The group id of a root key (DER SubjectPublicKeyInfo) and optional classifier. */
export function computeGroupId (rootSpki: Uint8Array, classifier?: string): string {
  const authority = groupAuthority(rootSpki)
  if (classifier === undefined) return authority
  validateClassifier(classifier)
  return `${authority}.${classifier}`
}

/** Splits and checks a group id; throws `INVALID_GROUP`. */
export function parseGroupId (groupId: string): GroupIdParts {
  const authority = groupId.slice(0, AUTHORITY_LENGTH)
  if (!AUTHORITY.test(authority)) throw new PeerhoodError('INVALID_GROUP', 'not a group id', { details: { groupId } })
  if (groupId.length === AUTHORITY_LENGTH) return { authority }
  const classifier = groupId.slice(AUTHORITY_LENGTH + 1)
  if (groupId[AUTHORITY_LENGTH] !== '.') throw new PeerhoodError('INVALID_GROUP', 'not a group id', { details: { groupId } })
  try {
    validateClassifier(classifier)
  } catch (err) {
    throw new PeerhoodError('INVALID_GROUP', 'not a group id', { cause: err, details: { groupId } })
  }
  return { authority, classifier }
}

/** Whether a group id is well formed. */
export function isGroupId (value: unknown): value is string {
  if (typeof value !== 'string') return false
  try {
    parseGroupId(value)
    return true
  } catch {
    return false
  }
}

/**
 * Whether the root key (DER SubjectPublicKeyInfo) hashes to the authority of `groupId`. Only the
 * key is bound here: {@link checkRootBinding} also checks the group id the root certificate names.
 */
export function authorityMatches (groupId: string, rootSpki: Uint8Array): boolean {
  return groupId.length >= AUTHORITY_LENGTH &&
    (groupId.length === AUTHORITY_LENGTH || groupId[AUTHORITY_LENGTH] === '.') &&
    groupId.slice(0, AUTHORITY_LENGTH) === groupAuthority(rootSpki)
}
