/**
 * Checking a record read back from storage: it must decode, be the record its key names, and
 * its signature must verify. A disk that changed its bytes must not have them served.
 */
import { PeerhoodError } from '../common/errors.ts'
import { decodeRecord, type DecodedRecord } from './codec.ts'
import { RecordVerifier } from './verify.ts'
import { sameBytes } from '../common/bytes.ts'

const verifier = new RecordVerifier()

/** `DATASTORE_CORRUPT` for a stored record that failed its check (details: `groupId`, `id`, `reason`). */
export function corruptRecord (groupId: string, id: string, reason: string, cause?: unknown): PeerhoodError {
  return new PeerhoodError('DATASTORE_CORRUPT',
    `stored record ${id} of group ${groupId} is damaged (${reason}): it is not served; stop the node and run "peerhood repair", and the group sends it back`,
    { ...(cause === undefined ? {} : { cause }), details: { groupId, id, reason } })
}


/**
 * Decodes and checks a stored record; throws `DATASTORE_CORRUPT` when it fails. With `hash`, the
 * hash the expiry index keeps (written with the record, after it was verified), bytes that hash
 * to it need no signature check: a SHA-256 costs some 3 µs a KB, a verify some 65 µs.
 */
export function verifyStored (groupId: string, id: string, bytes: Uint8Array, hash?: Uint8Array): DecodedRecord {
  let decoded: DecodedRecord
  try {
    decoded = decodeRecord(bytes)
  } catch (err) {
    throw corruptRecord(groupId, id, 'it no longer decodes', err)
  }
  if (decoded.record.groupId !== groupId || decoded.record.id !== id) throw corruptRecord(groupId, id, 'it names another record')
  if (hash !== undefined && sameBytes(decoded.hash, hash)) return decoded
  if (!verifier.verify(decoded, decoded.modifierBytes)) throw corruptRecord(groupId, id, 'its signature no longer verifies')
  return decoded
}
