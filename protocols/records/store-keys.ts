/**
 * Datastore keys of the group database:
 *
 * - `/peerhood/records/<groupId>/r/<idhex>` → encoded SignedRecord
 * - `/peerhood/records/<groupId>/t/<type>/<idhex>` → empty (live records only, not tombstones)
 * - `/peerhood/records/<groupId>/e/<expires, 16 digits>/<idhex>` → record hash (every record and
 *   tombstone), so expiry sweeps are range scans and sync reads (id, hash, expires) without
 *   decoding a record.
 *
 * Group ids and types are URI-component encoded, so no `/` can split them.
 */
import { Key } from 'interface-datastore'
import { EXPIRY_KEY_DIGITS, STORE_PREFIX } from './constants.ts'
import { memoize } from './string-memo.ts'

/** Group ids and types, URI-encoded once each: a store writes three keys a record, all of one group. */
const segment = memoize(encodeURIComponent, 64)

/** Prefix of every key of a group (ends with `/`). */
export function groupPrefix (groupId: string): string {
  return `${STORE_PREFIX}/${segment(groupId)}/`
}

/** Prefix of a group's records. */
export function recordsPrefix (groupId: string): string {
  return `${groupPrefix(groupId)}r/`
}

/** Prefix of a group's type index, or of one type in it. */
export function typePrefix (groupId: string, type?: string): string {
  return type === undefined ? `${groupPrefix(groupId)}t/` : `${groupPrefix(groupId)}t/${segment(type)}/`
}

/** Prefix of a group's expiry index. */
export function expiryPrefix (groupId: string): string {
  return `${groupPrefix(groupId)}e/`
}

/** Key of a record. */
export function recordKey (groupId: string, id: string): Key {
  return new Key(recordKeyText(groupId, id), false)
}

/**
 * {@link recordKey} as text, what the store reads and writes by: a `Key` holds its text as UTF-8
 * bytes, so building one and handing LevelDB its `toString()` encoded and decoded each of a cold
 * sync's 40k keys once more for nothing.
 */
export function recordKeyText (groupId: string, id: string): string {
  return recordsPrefix(groupId) + id
}

/** Key of a record in the type index. */
export function typeKey (groupId: string, type: string, id: string): Key {
  return new Key(typeKeyText(groupId, type, id), false)
}

/** {@link typeKey} as text. */
export function typeKeyText (groupId: string, type: string, id: string): string {
  return typePrefix(groupId, type) + id
}

/** Key of a record in the expiry index. */
export function expiryKey (groupId: string, expires: number, id: string): Key {
  return new Key(expiryKeyText(groupId, expires, id), false)
}

/** {@link expiryKey} as text. */
export function expiryKeyText (groupId: string, expires: number, id: string): string {
  return `${expiryPrefix(groupId)}${String(expires).padStart(EXPIRY_KEY_DIGITS, '0')}/${id}`
}

/** The record id: the last segment of any of these keys. */
export function idOfKey (key: Key): string {
  return idOfKeyText(key.toString())
}

/** {@link idOfKey} of a key's text. */
export function idOfKeyText (text: string): string {
  return text.slice(text.lastIndexOf('/') + 1)
}

/** The expiry time of an expiry index key. */
export function expiresOfKey (key: Key): number {
  return expiresOfKeyText(key.toString())
}

/** {@link expiresOfKey} of a key's text. */
export function expiresOfKeyText (text: string): number {
  const end = text.lastIndexOf('/')
  return Number(text.slice(text.lastIndexOf('/', end - 1) + 1, end))
}
