/**
 * Turns libp2p's connection and discovery events into Peerhood events, and dials peers found by
 * mDNS (libp2p v3 does not dial discovered peers by itself).
 */
import type { Libp2p, PeerId, PeerInfo } from '@libp2p/interface'
import type { NearChangedDetail } from '../protocols/people-near-me/index.ts'
import type { EventBus } from './events.ts'
import type { Collaboration } from '../protocols/collaboration/types.ts'
import type { NearTrustChangedDetail } from '../protocols/collaboration/near-trust.ts'
import { nearPersonJson } from './api/routes-near.ts'

/** Wires the events; returns the function that unwires them. */
export function wireLibp2pEvents (libp2p: Libp2p<any>, events: EventBus): () => void {
  const onConnect = (evt: CustomEvent<PeerId>) => {
    const addresses = libp2p.getConnections(evt.detail).map(c => c.remoteAddr.toString())
    events.emit('peer:connected', { peerId: evt.detail.toString(), addresses })
  }
  const onDisconnect = (evt: CustomEvent<PeerId>) => {
    events.emit('peer:disconnected', { peerId: evt.detail.toString() })
  }
  const onDiscovery = (evt: CustomEvent<PeerInfo>) => {
    events.emit('peer:discovered', { peerId: evt.detail.id.toString(), addresses: evt.detail.multiaddrs.map(ma => ma.toString()) })
  }
  // The mdns service fires 'peer' on every response, also for peers the peer store already
  // knows (libp2p's 'peer:discovery' does not), so a returning neighbour is dialled again.
  const onMdnsPeer = (evt: CustomEvent<PeerInfo>) => {
    const { id, multiaddrs } = evt.detail
    if (id.equals(libp2p.peerId) || libp2p.getConnections(id).length > 0 || multiaddrs.length === 0) return
    libp2p.dial(multiaddrs).catch(() => { /* unreachable neighbour: mDNS will offer it again */ })
  }
  const unwireGroups = wireGroupEvents(libp2p.services.groups as EventTarget | undefined, events, GROUP_EVENT_TYPES)
  const unwireDirect = wireGroupEvents(libp2p.services.direct as EventTarget | undefined, events, DIRECT_EVENT_TYPES)
  const unwirePasswordJoin = wireGroupEvents(libp2p.services.passwordJoin as EventTarget | undefined, events, PASSWORD_JOIN_EVENT_TYPES)
  const unwireCredentials = wireGroupEvents(libp2p.services.credentials as EventTarget | undefined, events, CREDENTIALS_EVENT_TYPES)
  const unwireNear = wireNearEvents(libp2p.services.peopleNearMe as EventTarget | undefined, libp2p.services.collaboration as Collaboration | undefined, events)
  const unwireCollab = wireGroupEvents(libp2p.services.collaboration as EventTarget | undefined, events, COLLAB_EVENT_TYPES)
  const unwireInvitations = wireGroupEvents(libp2p.services.appInvitations as EventTarget | undefined, events, INVITATION_EVENT_TYPES)
  libp2p.addEventListener('peer:connect', onConnect)
  libp2p.addEventListener('peer:disconnect', onDisconnect)
  libp2p.addEventListener('peer:discovery', onDiscovery)
  const mdns = libp2p.services.mdns as EventTarget | undefined
  mdns?.addEventListener('peer', onMdnsPeer as (evt: Event) => void)
  return () => {
    libp2p.removeEventListener('peer:connect', onConnect)
    libp2p.removeEventListener('peer:disconnect', onDisconnect)
    libp2p.removeEventListener('peer:discovery', onDiscovery)
    mdns?.removeEventListener('peer', onMdnsPeer as (evt: Event) => void)
    unwireGroups()
    unwireDirect()
    unwirePasswordJoin()
    unwireCredentials()
    unwireNear()
    unwireCollab()
    unwireInvitations()
  }
}

/** Event types of the groups service forwarded to the node's bus (each detail carries `groupId`). */
export const GROUP_EVENT_TYPES = [
  'group:status', 'property:changed', 'record:changed', 'record:conflict', 'member:changed', 'membership:refused',
  'sync:progress', 'sync:completed', 'credentials:adopted', 'group:connection-failed', 'credentials:expiring'
] as const

/** Event types of the direct-data service forwarded to the node's bus. */
export const DIRECT_EVENT_TYPES = ['direct:changed', 'data:incoming'] as const

/**
 * Event types of the password join service forwarded to the node's bus (on the administrator's
 * side: a refused password attempt, an admitted joiner).
 */
export const PASSWORD_JOIN_EVENT_TYPES = ['authentication:failed', 'credentials:issued'] as const

/** Event types of the credentials service forwarded to the node's bus (a renewal this node issued). */
export const CREDENTIALS_EVENT_TYPES = ['credentials:issued'] as const

/**
 * `near:changed` of People Near Me, forwarded with `change` and the person's fields flattened as
 * `GET /v1/collab/near` has them (`lastSeen` ISO 8601, `lastSeenMs` epoch ms, `trusted`), and the
 * collaboration service's `near:changed` (a trusted mark that changed) in the same form.
 */
function wireNearEvents (near: EventTarget | undefined, collab: Collaboration | undefined, events: EventBus): () => void {
  const forward = (evt: Event) => {
    const { change, person } = (evt as CustomEvent<NearChangedDetail>).detail
    events.emit('near:changed', { ...nearPersonJson(person, collab?.nearTrusted(person.peerId) ?? false), change })
  }
  const forwardMark = (evt: Event) => {
    const { change, person, trusted } = (evt as CustomEvent<NearTrustChangedDetail>).detail
    events.emit('near:changed', { ...nearPersonJson(person, trusted), change })
  }
  near?.addEventListener('near:changed', forward)
  collab?.addEventListener('near:changed', forwardMark)
  return () => {
    near?.removeEventListener('near:changed', forward)
    collab?.removeEventListener('near:changed', forwardMark)
  }
}
/** Event types of the collaboration service forwarded to the node's bus (no group; bytes as base64). */
export const COLLAB_EVENT_TYPES = [
  'signin:changed', 'my:presence-changed', 'my:endpoint-changed', 'my:object-changed', 'my:application-changed',
  'endpoint:presence-changed', 'endpoint:changed', 'endpoint:object-changed', 'endpoint:application-changed',
  'watchlist:changed', 'contact:changed', 'request:status', 'endpoint:revoked'
] as const

/** Event types of the application invitation service forwarded to the node's bus (bytes as base64). */
export const INVITATION_EVENT_TYPES = [
  'invitation:received', 'invitation:cancelled', 'invitation:expired', 'invitation:response', 'invitation:accepted', 'invitation:launched',
  'session:progress', 'session:joined'
] as const

function wireGroupEvents (groups: EventTarget | undefined, events: EventBus, types: readonly string[]): () => void {
  if (groups === undefined) return () => {}
  const forward = (evt: Event) => {
    const { groupId, ...data } = (evt as CustomEvent<Record<string, unknown> & { groupId: string }>).detail
    // the node's own typed data (e.g. the password verifier handed to administrators) is not an app event
    if (evt.type === 'data:incoming' && typeof data.type === 'string' && data.type.startsWith('peerhood.')) return
    events.emit(evt.type, toJsonSafe(data), groupId)
  }
  for (const type of types) groups.addEventListener(type, forward)
  return () => { for (const type of types) groups.removeEventListener(type, forward) }
}

/**
 * Event data crosses the API as JSON: bytes become base64. Data of strings, finite numbers,
 * booleans and nulls only (`record:changed`, sent once per record of a cold sync) is already what
 * JSON would give back, so it is returned as it is.
 */
export function toJsonSafe (data: Record<string, unknown>): Record<string, unknown> {
  if (isFlatJson(data)) return data
  return JSON.parse(JSON.stringify(data, (_key, value) => value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value))
}

function isFlatJson (data: Record<string, unknown>): boolean {
  for (const key in data) {
    const value = data[key]
    if (typeof value === 'string' || typeof value === 'boolean' || value === null) continue
    if (typeof value === 'number' && Number.isFinite(value)) continue
    return false
  }
  return Object.getPrototypeOf(data) === Object.prototype
}
