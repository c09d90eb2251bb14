/**
 * What a watcher holds of one remote endpoint, as a pure state machine fed the frames that
 * endpoint pushes (no I/O). Every item is checked with the same rules as a local publish; a
 * snapshot is staged and only replaces the held data once whole and within every limit, so a
 * peer that pushes more than the limits gets nothing of its push stored.
 */
import { PeerhoodError } from '../common/errors.ts'
import type { Frame, Item, Presence } from './pb/collab.ts'
import { PresenceStatus as WirePresence } from './pb/collab.ts'
import { checkApplication, checkApplicationCount, checkEndpointName, checkObjectCount, checkObjectData, checkPresenceText, normalizeId } from './rules.ts'
import type { ApplicationInfo, ChangeType, EndpointObject, PresenceInfo, PresenceStatus } from './types.ts'

/** The data of one endpoint. */
export interface ViewState {
  /** Its endpoint name. */
  endpointName: string
  /** Its presence. */
  presence: PresenceInfo
  /** Its objects by id. */
  objects: Map<string, Uint8Array>
  /** Its applications by id. */
  applications: Map<string, ApplicationInfo>
}

/** One change a frame made to the held data. */
export type ViewChange =
  | { kind: 'presence', change: ChangeType, presence: PresenceInfo }
  | { kind: 'endpoint', endpointName: string }
  | { kind: 'object', change: ChangeType, object: EndpointObject }
  | { kind: 'application', change: ChangeType, application: ApplicationInfo }

const WIRE_TO_STATUS: Record<string, PresenceStatus> = {
  [WirePresence.OFFLINE]: 'offline',
  [WirePresence.OUT_TO_LUNCH]: 'out-to-lunch',
  [WirePresence.AWAY]: 'away',
  [WirePresence.BE_RIGHT_BACK]: 'be-right-back',
  [WirePresence.IDLE]: 'idle',
  [WirePresence.BUSY]: 'busy',
  [WirePresence.ON_THE_PHONE]: 'on-the-phone',
  [WirePresence.ONLINE]: 'online'
}

/** A presence status on the wire. */
export function toWirePresence (status: PresenceStatus): WirePresence {
  const entry = Object.entries(WIRE_TO_STATUS).find(([, s]) => s === status)
  return entry![0] as WirePresence
}

/** An empty state: offline, nothing published. */
export function emptyState (): ViewState {
  return { endpointName: '', presence: { status: 'offline', text: '' }, objects: new Map(), applications: new Map() }
}

function readPresence (p: Presence): PresenceInfo {
  const status = WIRE_TO_STATUS[p.status as string]
  if (status === undefined) throw new PeerhoodError('INVALID_MESSAGE', 'unknown presence status')
  return { status, text: checkPresenceText(p.text) }
}

function canonicalId (id: string): string {
  if (normalizeId(id) !== id) throw new PeerhoodError('INVALID_OBJECT_ID', 'an id not in its canonical form')
  return id
}

/** Applies one frame's items to `state`; returns the changes. Throws a PeerhoodError with the limit's code. */
function applyItems (state: ViewState, frame: Frame, changes: ViewChange[]): void {
  if (frame.presence !== undefined) {
    const presence = readPresence(frame.presence)
    if (presence.status !== state.presence.status || presence.text !== state.presence.text) {
      state.presence = presence
      changes.push({ kind: 'presence', change: 'updated', presence })
    }
  }
  if (frame.endpointName !== undefined) {
    const name = checkEndpointName(frame.endpointName)
    if (name !== state.endpointName) {
      state.endpointName = name
      changes.push({ kind: 'endpoint', endpointName: name })
    }
  }
  if (frame.object !== undefined) applyObject(state, frame.object, changes)
  if (frame.application !== undefined) applyApplication(state, frame.application, changes)
}

function applyObject (state: ViewState, item: Item, changes: ViewChange[]): void {
  const id = canonicalId(item.id)
  if (item.deleted) {
    const old = state.objects.get(id)
    if (old !== undefined) {
      state.objects.delete(id)
      changes.push({ kind: 'object', change: 'deleted', object: { id, data: old } })
    }
    return
  }
  const data = checkObjectData(item.data)
  const isNew = !state.objects.has(id)
  checkObjectCount(state.objects.size, isNew)
  state.objects.set(id, data)
  changes.push({ kind: 'object', change: isNew ? 'added' : 'updated', object: { id, data } })
}

function applyApplication (state: ViewState, item: Item, changes: ViewChange[]): void {
  const id = canonicalId(item.id)
  if (item.deleted) {
    const old = state.applications.get(id)
    if (old !== undefined) {
      state.applications.delete(id)
      changes.push({ kind: 'application', change: 'deleted', application: old })
    }
    return
  }
  const app = checkApplication({ id, description: item.description, data: item.data })
  const isNew = !state.applications.has(id)
  checkApplicationCount(state.applications.size, isNew)
  state.applications.set(id, app)
  changes.push({ kind: 'application', change: isNew ? 'added' : 'updated', application: app })
}

/** The changes that turn `before` into `after` (for a committed snapshot). */
export function diffStates (before: ViewState | undefined, after: ViewState): ViewChange[] {
  const old = before ?? emptyState()
  const changes: ViewChange[] = []
  if (old.presence.status !== after.presence.status || old.presence.text !== after.presence.text) {
    changes.push({ kind: 'presence', change: before === undefined ? 'added' : 'updated', presence: after.presence })
  }
  if (old.endpointName !== after.endpointName) changes.push({ kind: 'endpoint', endpointName: after.endpointName })
  for (const [id, data] of after.objects) {
    const prev = old.objects.get(id)
    if (prev === undefined) changes.push({ kind: 'object', change: 'added', object: { id, data } })
    else if (!Buffer.from(prev).equals(data)) changes.push({ kind: 'object', change: 'updated', object: { id, data } })
  }
  for (const [id, data] of old.objects) if (!after.objects.has(id)) changes.push({ kind: 'object', change: 'deleted', object: { id, data } })
  for (const [id, app] of after.applications) {
    const prev = old.applications.get(id)
    if (prev === undefined) changes.push({ kind: 'application', change: 'added', application: app })
    else if (prev.description !== app.description || !Buffer.from(prev.data).equals(app.data)) changes.push({ kind: 'application', change: 'updated', application: app })
  }
  for (const [id, app] of old.applications) if (!after.applications.has(id)) changes.push({ kind: 'application', change: 'deleted', application: app })
  return changes
}

/** The data held of one endpoint, fed frame by frame. */
export class EndpointView {
  /** The last whole snapshot with the pushes since; undefined before the first snapshot ends. */
  state: ViewState | undefined
  #staging: ViewState | undefined

  /** Whether a snapshot is being received. */
  get staging (): boolean { return this.#staging !== undefined }

  /**
   * Applies one frame. Returns the changes to the held data (none while a snapshot is staged)
   * and whether a snapshot was completed. Throws a PeerhoodError naming the broken limit
   * (`TOO_MANY_OBJECTS`, `OBJECT_TOO_LARGE`, …) or `INVALID_MESSAGE`; the held data is then
   * unchanged and the staged snapshot dropped.
   */
  apply (frame: Frame): { changes: ViewChange[], completed: boolean } {
    try {
      if (frame.begin) this.#staging = emptyState()
      const changes: ViewChange[] = []
      const hasItem = frame.presence !== undefined || frame.endpointName !== undefined || frame.object !== undefined || frame.application !== undefined
      if (this.#staging !== undefined) {
        applyItems(this.#staging, frame, [])
      } else if (hasItem) {
        if (this.state === undefined) throw new PeerhoodError('INVALID_MESSAGE', 'an update before any snapshot')
        // checked on a copy so a refused push leaves the held data as it was
        const copy: ViewState = { ...this.state, objects: new Map(this.state.objects), applications: new Map(this.state.applications) }
        applyItems(copy, frame, changes)
        this.state = copy
      }
      if (frame.end) {
        if (this.#staging === undefined) throw new PeerhoodError('INVALID_MESSAGE', 'a snapshot end without its beginning')
        const next = this.#staging
        this.#staging = undefined
        const diff = diffStates(this.state, next)
        this.state = next
        return { changes: diff, completed: true }
      }
      return { changes, completed: false }
    } catch (err) {
      this.#staging = undefined
      throw err
    }
  }

  /** Marks the endpoint offline (its subscription ended); returns the change, if any. */
  goOffline (): ViewChange | undefined {
    this.#staging = undefined
    if (this.state === undefined || this.state.presence.status === 'offline') return undefined
    this.state = { ...this.state, presence: { status: 'offline', text: '' } }
    return { kind: 'presence', change: 'updated', presence: this.state.presence }
  }

  /** Bytes held (object and application data), for the total bound. */
  size (): number {
    if (this.state === undefined) return 0
    let n = 0
    for (const d of this.state.objects.values()) n += d.length
    for (const a of this.state.applications.values()) n += a.data.length
    return n
  }
}
