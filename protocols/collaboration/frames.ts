/**
 * Frames this node sends: a snapshot for one watcher (only what it may see), and one frame per
 * change. Pure; the watcher's view of scopes is decided by `rules.ts`.
 */
import { PeerhoodError } from '../common/errors.ts'
import { remoteRefusal } from '../common/refusal.ts'
import { toWirePresence } from './endpoint-view.ts'
import { type Frame, Status } from './pb/collab.ts'
import { endpointVisible, itemVisible } from './rules.ts'
import type { ApplicationRegistration, PresenceInfo, PublishedObject, ScopeSet } from './types.ts'

/** What this node publishes now. */
export interface Publication {
  /** Signed-in scopes. */
  signedIn: ScopeSet
  /** My presence. */
  presence: PresenceInfo
  /** My endpoint name. */
  endpointName: string
  /** My objects. */
  objects: Iterable<PublishedObject>
  /** My applications. */
  applications: Iterable<ApplicationRegistration>
  /** The endpoint revocations my identity made (signed bytes), sent with every snapshot. @default [] */
  revocations?: Iterable<Uint8Array>
}

/** A frame with the given fields (the rest empty). */
export function frame (fields: Partial<Frame>): Frame {
  return { status: Status.STATUS_UNSPECIFIED, card: '', begin: false, end: false, endpointCertificate: new Uint8Array(0), ...fields }
}

/** A presence frame. */
export function presenceFrame (presence: PresenceInfo): Frame {
  return frame({ presence: { status: toWirePresence(presence.status), text: presence.text } })
}

/** An object frame (`deleted` withdraws it). */
export function objectFrame (object: PublishedObject, deleted = false): Frame {
  return frame({ object: { id: object.id, data: (deleted ? new Uint8Array(0) : object.data) as Uint8Array<ArrayBuffer>, description: '', deleted } })
}

/** An application frame: id, description and data only; the launch command never leaves the node. */
export function applicationFrame (app: ApplicationRegistration, deleted = false): Frame {
  return frame({ application: { id: app.id, description: deleted ? '' : app.description, data: (deleted ? new Uint8Array(0) : app.data) as Uint8Array<ArrayBuffer>, deleted } })
}

/** The whole snapshot a watcher may see: begin (presence, endpoint name), visible items, end. */
export function snapshotFrames (pub: Publication, watcherNear: boolean): Frame[] {
  const frames: Frame[] = [frame({ begin: true, presence: presenceFrame(pub.presence).presence, endpointName: pub.endpointName })]
  for (const o of pub.objects) if (itemVisible(o.scope, pub.signedIn, watcherNear)) frames.push(objectFrame(o))
  for (const a of pub.applications) if (itemVisible(a.scope, pub.signedIn, watcherNear)) frames.push(applicationFrame(a))
  for (const r of pub.revocations ?? []) frames.push(frame({ revocation: r as Uint8Array<ArrayBuffer> }))
  frames.push(frame({ end: true }))
  return frames
}

/** Whether a watcher sees this endpoint at all now. */
export function watcherSees (pub: Publication, watcherNear: boolean): boolean {
  return endpointVisible(pub.signedIn, watcherNear)
}

/** The local error a refusal frame stands for: its refusal code if it has one, else its status. */
export function statusError (status: Status, refusal?: string): PeerhoodError {
  const refused = remoteRefusal(refusal, 'collaboration request')
  if (refused !== undefined) return refused
  switch (status) {
    case Status.NOT_AUTHORIZED: return new PeerhoodError('NOT_AUTHORIZED', 'the endpoint does not allow this node to watch it')
    case Status.NOT_SIGNED_IN: return new PeerhoodError('NOT_SIGNED_IN', 'the endpoint is not signed in to a scope this node can see')
    case Status.THROTTLED: return new PeerhoodError('THROTTLED', 'the endpoint refused the request for now')
    case Status.INVALID_CONTACT: return new PeerhoodError('INVALID_CONTACT', 'the endpoint refused this node\'s endpoint certificate', { details: { reason: 'refused-by-peer' } })
    default: return new PeerhoodError('INVALID_MESSAGE', `the endpoint answered ${String(status)}`)
  }
}
