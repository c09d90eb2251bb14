/**
 * Publishing as this node: presence, objects and applications, each checked by `rules.ts`
 * before it is kept, pushed to the watchers that may see it and reported as a `my:*` event.
 */
import { PeerhoodError } from '../common/errors.ts'
import { assertSignedIn, type Publisher } from './publisher.ts'
import {
  checkApplication, checkApplicationCount, checkLaunch, checkLocalPresence, checkObjectCount, checkObjectData, normalizeId, parseScope
} from './rules.ts'
import type { StateStore } from './state-store.ts'
import type { ApplicationRegistration, CollaborationEvents, PresenceInfo, PresenceStatus, PublishedObject, Scope } from './types.ts'

/** What publishing works on. */
export interface Publishing {
  /** The publication and its watchers. */
  publisher: Publisher
  /** Where registrations persist. */
  store: StateStore
  /** Emits a `my:*` event. */
  emit: <K extends 'my:presence-changed' | 'my:object-changed' | 'my:application-changed'>(type: K, detail: CollaborationEvents[K]['detail']) => void
}

/** An application to register. */
export interface ApplicationInput {
  /** UUID or reverse-DNS id. */
  id: string
  /** At most 255 characters. */
  description: string
  /** At most 16 KiB. @default empty */
  data?: Uint8Array
  /** Local launch command, never sent. @default '' */
  launch?: string
  /** Local launch arguments, never sent. @default [] */
  args?: string[]
  /** Scope. @default 'internet' */
  scope?: Scope
}

/** Sets my presence. Codes: `NOT_SIGNED_IN`, `INVALID_ARGUMENT`, `PRESENCE_TEXT_TOO_LONG`. */
export function setPresence (ctx: Publishing, presence: { status: PresenceStatus, text?: string }): PresenceInfo {
  assertSignedIn(ctx.publisher.signedIn)
  const next = checkLocalPresence(presence)
  ctx.publisher.presence = next
  ctx.publisher.pushPresence()
  ctx.emit('my:presence-changed', { presence: next })
  return next
}

/** Publishes an object. Codes: `NOT_SIGNED_IN`, `INVALID_OBJECT_ID`, `OBJECT_EMPTY`, `OBJECT_TOO_LARGE`, `TOO_MANY_OBJECTS`. */
export function setObject (ctx: Publishing, object: { id: string, data: Uint8Array, scope?: Scope }): PublishedObject {
  assertSignedIn(ctx.publisher.signedIn)
  const id = normalizeId(object.id)
  const data = checkObjectData(object.data)
  const scope = object.scope === undefined ? 'all' : parseScope(object.scope)
  const previous = ctx.publisher.objects.get(id)
  checkObjectCount(ctx.publisher.objects.size, previous === undefined)
  const published: PublishedObject = { id, data, scope }
  ctx.publisher.objects.set(id, published)
  ctx.publisher.pushObject(published, previous?.scope)
  ctx.emit('my:object-changed', { change: previous === undefined ? 'added' : 'updated', object: { id, size: data.length, scope } })
  return published
}

/** Withdraws an object. Codes: `NOT_FOUND`, `INVALID_OBJECT_ID`. */
export function deleteObject (ctx: Publishing, id: string): void {
  const key = normalizeId(id)
  const object = ctx.publisher.objects.get(key)
  if (object === undefined) throw new PeerhoodError('NOT_FOUND', 'no such object', { details: { id: key } })
  ctx.publisher.objects.delete(key)
  ctx.publisher.pushObject(object, object.scope, true)
  ctx.emit('my:object-changed', { change: 'deleted', object: { id: key, size: object.data.length, scope: object.scope } })
}

/** Registers an application (persists). Codes: `INVALID_OBJECT_ID`, `DESCRIPTION_TOO_LONG`, `APPLICATION_DATA_TOO_LARGE`, `TOO_MANY_APPLICATIONS`. */
export async function registerApplication (ctx: Publishing, app: ApplicationInput): Promise<ApplicationRegistration> {
  const info = checkApplication({ id: app.id, description: app.description, data: app.data ?? new Uint8Array(0) })
  const local = checkLaunch(app.launch, app.args)
  const scope = app.scope === undefined ? 'internet' : parseScope(app.scope)
  const previous = ctx.publisher.applications.get(info.id)
  checkApplicationCount(ctx.publisher.applications.size, previous === undefined)
  const registration: ApplicationRegistration = { ...info, ...local, scope }
  await ctx.store.putApplication(registration)
  ctx.publisher.applications.set(info.id, registration)
  ctx.publisher.pushApplication(registration, previous?.scope)
  ctx.emit('my:application-changed', { change: previous === undefined ? 'added' : 'updated', application: { id: info.id, description: info.description, size: info.data.length, scope } })
  return registration
}

/** Unregisters an application. Code: `NOT_FOUND`. */
export async function unregisterApplication (ctx: Publishing, id: string): Promise<void> {
  const key = normalizeId(id)
  const app = ctx.publisher.applications.get(key)
  if (app === undefined) throw new PeerhoodError('NOT_FOUND', 'no such application', { details: { id: key } })
  await ctx.store.deleteApplication(key)
  ctx.publisher.applications.delete(key)
  ctx.publisher.pushApplication(app, app.scope, true)
  ctx.emit('my:application-changed', { change: 'deleted', application: { id: key, description: app.description, size: app.data.length, scope: app.scope } })
}
