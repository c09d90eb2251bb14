/**
 * Pure rules of collaboration: scopes and sign-in, who sees what, presence, and the limits of
 * objects and applications. The same checks run when this node publishes and when a watched
 * peer pushes (`endpoint-view.ts`), each limit with its own code.
 */
import { type ErrorCode, PeerhoodError, isPeerhoodError } from '../common/errors.ts'
import { charLength, checkName } from '../contacts/rules.ts'
import { MAX_NAME_LENGTH } from '../people-near-me/constants.ts'
import { nameRefusal } from '../people-near-me/rules.ts'
import {
  MAX_APPLICATION_DATA_BYTES, MAX_APPLICATIONS, MAX_ID_CHARS, MAX_LAUNCH_ARGS, MAX_LAUNCH_CHARS, MAX_OBJECT_BYTES, MAX_OBJECTS, MAX_TEXT_CHARS
} from './constants.ts'
import type { PresenceInfo, PresenceStatus, Scope, ScopeName, ScopeSet } from './types.ts'

/** The scopes one can sign in to or publish in. */
export const SCOPES: readonly Scope[] = ['near', 'internet', 'all']

/** Presence statuses, Windows' `PEER_PRESENCE_STATUS` in its numeric order (offline = 0). */
export const PRESENCE_STATUSES: readonly PresenceStatus[] = ['offline', 'out-to-lunch', 'away', 'be-right-back', 'idle', 'busy', 'on-the-phone', 'online']

/** A scope from user input. Code: `INVALID_ARGUMENT`. */
export function parseScope (value: unknown): Scope {
  if (typeof value === 'string' && (SCOPES as readonly string[]).includes(value)) return value as Scope
  throw new PeerhoodError('INVALID_ARGUMENT', 'scope must be near, internet or all', { details: { key: 'scope' } })
}

/** The set a scope names. */
export function scopeSet (scope: Scope): ScopeSet {
  return { near: scope !== 'internet', internet: scope !== 'near' }
}

/** The name of a set of scopes (`none` when empty). */
export function scopeName (set: ScopeSet): ScopeName {
  if (set.near && set.internet) return 'all'
  if (set.near) return 'near'
  if (set.internet) return 'internet'
  return 'none'
}

/** Signed in to any scope. */
export function isSignedIn (set: ScopeSet): boolean {
  return set.near || set.internet
}

/** The scopes after signing in to `scope`. */
export function afterSignin (current: ScopeSet, scope: Scope): ScopeSet {
  const add = scopeSet(scope)
  return { near: current.near || add.near, internet: current.internet || add.internet }
}

/** The scopes after signing out of `scope`. */
export function afterSignout (current: ScopeSet, scope: Scope): ScopeSet {
  const remove = scopeSet(scope)
  return { near: current.near && !remove.near, internet: current.internet && !remove.internet }
}

/**
 * Whether an allowed watcher sees this endpoint at all (presence, endpoint name): signed in to
 * the internet scope, or to near and the watcher is on the local network.
 */
export function endpointVisible (signedIn: ScopeSet, watcherNear: boolean): boolean {
  return signedIn.internet || (signedIn.near && watcherNear)
}

/**
 * Whether a peer may fetch this node's contact card: someone seen on People Near Me while this
 * node is signed in to near (the Windows PNM exchange), or a contact allowed to watch while
 * signed in anywhere. Anyone else is refused whatever the sign-in state, so a refusal tells
 * nothing about it.
 */
export function mayFetchCard (signedIn: ScopeSet, requesterNear: boolean, requesterMayWatch: boolean): boolean {
  return (signedIn.near && requesterNear) || (requesterMayWatch && isSignedIn(signedIn))
}

/** Whether an allowed watcher sees an item published in `scope`. */
export function itemVisible (scope: Scope, signedIn: ScopeSet, watcherNear: boolean): boolean {
  const item = scopeSet(scope)
  return (item.internet && signedIn.internet) || (item.near && signedIn.near && watcherNear)
}

/** Whether `value` is a presence status. */
export function isPresenceStatus (value: unknown): value is PresenceStatus {
  return typeof value === 'string' && (PRESENCE_STATUSES as readonly string[]).includes(value)
}

/**
 * Checks a presence this node sets: a known status other than offline (which sign-out means),
 * text at most 255 characters. Codes: `INVALID_ARGUMENT`, `PRESENCE_TEXT_TOO_LONG`.
 */
export function checkLocalPresence (presence: { status: unknown, text?: unknown }): PresenceInfo {
  if (!isPresenceStatus(presence.status)) throw new PeerhoodError('INVALID_ARGUMENT', `status must be one of ${PRESENCE_STATUSES.join(', ')}`, { details: { key: 'status' } })
  if (presence.status === 'offline') throw new PeerhoodError('INVALID_ARGUMENT', 'offline cannot be set while signed in (sign out instead)', { details: { key: 'status' } })
  return { status: presence.status, text: checkPresenceText(presence.text ?? '') }
}

/** Checks a presence text. Codes: `INVALID_ARGUMENT`, `PRESENCE_TEXT_TOO_LONG`. */
export function checkPresenceText (text: unknown): string {
  if (typeof text !== 'string') throw new PeerhoodError('INVALID_ARGUMENT', 'presence text must be text', { details: { key: 'text' } })
  if (charLength(text) > MAX_TEXT_CHARS) throw new PeerhoodError('PRESENCE_TEXT_TOO_LONG', `presence text is longer than ${MAX_TEXT_CHARS} characters`, { details: { limit: MAX_TEXT_CHARS } })
  return text
}

/** Checks an endpoint name. Codes: `INVALID_ARGUMENT`, `NAME_TOO_LONG`. */
export function checkEndpointName (name: unknown): string {
  return checkName('endpointName', name)
}

/**
 * Checks a Me nickname or endpoint name that People Near Me will advertise: besides the contact
 * rules, no blank nickname and no bidirectional overrides (one name shown as another), so a name
 * accepted here is never refused, silently, when sign-in to near advertises it. Codes:
 * `NAME_TOO_LONG` (over 255 UTF-16 units), `INVALID_ARGUMENT` (`details.reason`).
 */
export function checkAdvertisable (field: 'nickname' | 'endpointName', value: string): string {
  const reason = nameRefusal(value, field === 'endpointName')
  if (reason === 'too-long') throw new PeerhoodError('NAME_TOO_LONG', `${field} is too long to advertise on People Near Me`, { details: { field, limit: MAX_NAME_LENGTH } })
  if (reason !== undefined) throw new PeerhoodError('INVALID_ARGUMENT', `${field} cannot be advertised on People Near Me: ${reason}`, { details: { field, reason } })
  return value
}

const UUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i
const REVERSE_DNS = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i

/**
 * An object or application id: a UUID (braces dropped, lower case) or a reverse-DNS string
 * (`org.example.chat`: two or more labels of letters, digits and inner hyphens), at most 255
 * characters. Code: `INVALID_OBJECT_ID`.
 */
export function normalizeId (id: unknown): string {
  if (typeof id === 'string' && id.length <= MAX_ID_CHARS) {
    const uuid = UUID.exec(id)
    if (uuid !== null) return uuid[1]!.toLowerCase()
    if (REVERSE_DNS.test(id)) return id
  }
  throw new PeerhoodError('INVALID_OBJECT_ID', 'an id is a UUID or a reverse-DNS string (e.g. org.example.chat) of at most 255 characters', { details: { key: 'id' } })
}

/** Checks object data: 1 byte to 16 KiB. Codes: `OBJECT_EMPTY`, `OBJECT_TOO_LARGE`. */
export function checkObjectData (data: Uint8Array): Uint8Array {
  if (data.length === 0) throw new PeerhoodError('OBJECT_EMPTY', 'object data must hold at least 1 byte')
  if (data.length > MAX_OBJECT_BYTES) throw new PeerhoodError('OBJECT_TOO_LARGE', `object data is larger than ${MAX_OBJECT_BYTES} bytes`, { details: { size: data.length, limit: MAX_OBJECT_BYTES } })
  return data
}

/** Checks that one more object fits when `isNew`. Code: `TOO_MANY_OBJECTS`. */
export function checkObjectCount (count: number, isNew: boolean): void {
  if (isNew && count >= MAX_OBJECTS) throw new PeerhoodError('TOO_MANY_OBJECTS', `at most ${MAX_OBJECTS} objects`, { details: { limit: MAX_OBJECTS } })
}

/** Checks what an application advertises. Codes: `INVALID_OBJECT_ID`, `DESCRIPTION_TOO_LONG`, `APPLICATION_DATA_TOO_LARGE`, `INVALID_ARGUMENT`. */
export function checkApplication (app: { id: unknown, description: unknown, data: Uint8Array }): { id: string, description: string, data: Uint8Array } {
  const id = normalizeId(app.id)
  if (typeof app.description !== 'string') throw new PeerhoodError('INVALID_ARGUMENT', 'description must be text', { details: { key: 'description' } })
  if (charLength(app.description) > MAX_TEXT_CHARS) throw new PeerhoodError('DESCRIPTION_TOO_LONG', `description is longer than ${MAX_TEXT_CHARS} characters`, { details: { limit: MAX_TEXT_CHARS } })
  if (app.data.length > MAX_APPLICATION_DATA_BYTES) {
    throw new PeerhoodError('APPLICATION_DATA_TOO_LARGE', `application data is larger than ${MAX_APPLICATION_DATA_BYTES} bytes`, { details: { size: app.data.length, limit: MAX_APPLICATION_DATA_BYTES } })
  }
  return { id, description: app.description, data: app.data }
}

/** Checks the local launch command and arguments (never sent). Code: `INVALID_ARGUMENT`. */
export function checkLaunch (launch: unknown, args: unknown): { launch: string, args: string[] } {
  const list = args ?? []
  if ((launch !== undefined && (typeof launch !== 'string' || launch.length > MAX_LAUNCH_CHARS)) ||
      !Array.isArray(list) || list.length > MAX_LAUNCH_ARGS || list.some(a => typeof a !== 'string' || a.length > MAX_LAUNCH_CHARS)) {
    throw new PeerhoodError('INVALID_ARGUMENT', 'launch is a command and arguments, each at most 4096 characters, at most 64 arguments', { details: { key: 'launch' } })
  }
  return { launch: (launch as string | undefined) ?? '', args: list as string[] }
}

/** Checks that one more application fits when `isNew`. Code: `TOO_MANY_APPLICATIONS`. */
export function checkApplicationCount (count: number, isNew: boolean): void {
  if (isNew && count >= MAX_APPLICATIONS) throw new PeerhoodError('TOO_MANY_APPLICATIONS', `at most ${MAX_APPLICATIONS} applications`, { details: { limit: MAX_APPLICATIONS } })
}

/** Runs a check; returns the code it failed with, or undefined when it passed. */
export function failureCode (check: () => unknown): ErrorCode | undefined {
  try {
    check()
    return undefined
  } catch (err) {
    if (isPeerhoodError(err)) return err.code
    throw err
  }
}
