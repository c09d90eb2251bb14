/**
 * Pure rules of contacts: name limits, patches, and who counts as a trusted contact or may watch.
 */
import { PeerhoodError } from '../common/errors.ts'
import { MAX_NAME_CHARS } from './constants.ts'
import type { Contact, ContactNames, ContactPatch, WatcherPermission } from './types.ts'

/** Length in characters (code points), as Windows counts a 255-character name. */
export function charLength (value: string): number {
  let n = 0
  for (const _ of value) n++
  return n
}

/** Whether `value` holds a C0 control character or DEL (never part of a name). */
export function hasControl (value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c < 0x20 || c === 0x7f) return true
  }
  return false
}

/**
 * Checks a name field (nickname, display name, e-mail, endpoint name). Codes: `NAME_TOO_LONG`
 * over 255 characters, `INVALID_ARGUMENT` for a non-string or a control character.
 */
export function checkName (field: string, value: unknown): string {
  if (typeof value !== 'string' || hasControl(value)) {
    throw new PeerhoodError('INVALID_ARGUMENT', `${field} must be text without control characters`, { details: { field } })
  }
  if (charLength(value) > MAX_NAME_CHARS) {
    throw new PeerhoodError('NAME_TOO_LONG', `${field} is longer than ${MAX_NAME_CHARS} characters`, { details: { field, limit: MAX_NAME_CHARS } })
  }
  return value
}

/** Checks the name fields present in `patch`; returns them. */
export function checkNames (patch: Partial<ContactNames>): Partial<ContactNames> {
  const out: Partial<ContactNames> = {}
  for (const key of ['nickname', 'displayName', 'email'] as const) {
    if (patch[key] !== undefined) out[key] = checkName(key, patch[key])
  }
  return out
}

/** Whether `value` is a watcher permission. */
export function isWatcherPermission (value: unknown): value is WatcherPermission {
  return value === 'allowed' || value === 'blocked'
}

/** The contact after `patch` (checked); the PeerId, certificate and card never change. */
export function applyContactPatch (contact: Contact, patch: ContactPatch): Contact {
  const names = checkNames(patch)
  if (patch.watch !== undefined && typeof patch.watch !== 'boolean') throw new PeerhoodError('INVALID_ARGUMENT', 'watch must be true or false')
  if (patch.watcherPermission !== undefined && !isWatcherPermission(patch.watcherPermission)) {
    throw new PeerhoodError('INVALID_ARGUMENT', 'watcherPermission must be allowed or blocked')
  }
  return {
    ...contact,
    ...names,
    ...(patch.watch === undefined ? {} : { watch: patch.watch }),
    ...(patch.watcherPermission === undefined ? {} : { watcherPermission: patch.watcherPermission })
  }
}

/** A trusted contact: one that carries a verified identity certificate. */
export function isTrusted (contact: Contact | undefined): boolean {
  return contact?.certificate !== undefined
}

/**
 * Whether `contact` may watch this node: a trusted contact whose watching I allowed (blocked by
 * default, as in Windows). Anyone else learns nothing.
 */
export function mayWatch (contact: Contact | undefined): boolean {
  return contact !== undefined && isTrusted(contact) && contact.watcherPermission === 'allowed'
}
