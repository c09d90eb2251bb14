/**
 * Peer Collaboration (Windows `PeerCollab*`, .NET `System.Net.PeerToPeer.Collaboration`) as a
 * libp2p service: sign-in per scope (`near`, `internet`, `all`), the Me contact, contacts from
 * signed contact cards, watching (a contact may watch me only while I allow it), presence,
 * published objects and registered applications, pushed to allowed watchers over
 * `/peerhood/collab/1.0.0`. Every limit is checked when publishing and again when receiving.
 *
 * ```ts
 * const node = await createLibp2p({ ..., services: { ...collaborationServices({ displayName: 'Ada' }) } })
 * const collab = node.services.collaboration
 * await collab.signin('internet')
 * await collab.setPresence({ status: 'busy', text: 'writing' })
 * collab.addEventListener('endpoint:presence-changed', (evt) => { console.log(evt.detail) })
 * ```
 */
import { type CollaborationComponents, CollaborationService } from './collaboration.ts'
import type { Collaboration, CollaborationInit } from './types.ts'

export {
  COLLAB_PROTOCOL, MAX_OBJECT_BYTES, MAX_OBJECTS, MAX_APPLICATION_DATA_BYTES, MAX_APPLICATIONS, MAX_TEXT_CHARS, MAX_ID_CHARS,
  REQUEST_TIMEOUT_MS, MAX_ENDPOINTS, MAX_WATCHERS, USER_PICTURE_OBJECT_ID
} from './constants.ts'
export {
  SCOPES, PRESENCE_STATUSES, parseScope, scopeSet, scopeName, isSignedIn, afterSignin, afterSignout, endpointVisible, itemVisible,
  isPresenceStatus, checkLocalPresence, checkPresenceText, checkEndpointName, normalizeId, checkObjectData, checkObjectCount,
  checkApplication, checkApplicationCount, checkLaunch
} from './rules.ts'
export { EndpointView, diffStates, emptyState } from './endpoint-view.ts'
export type { ViewState, ViewChange } from './endpoint-view.ts'
export { resolveTarget } from './target.ts'
export type { CollaborationComponents } from './collaboration.ts'
export type { NearPerson, PeopleNearMe, PeopleNearMeEvents } from './near.ts'
export type * from './types.ts'

/** The collaboration service as a libp2p service factory. */
export function collaboration (init: CollaborationInit = {}): (components: CollaborationComponents) => Collaboration {
  return (components) => new CollaborationService(components, init)
}

/** The collaboration services keyed by the name libp2p gives them, to spread into `services` like `groupServices()`. */
export function collaborationServices (init: CollaborationInit = {}): { collaboration: (components: CollaborationComponents) => Collaboration } {
  return { collaboration: collaboration(init) }
}
