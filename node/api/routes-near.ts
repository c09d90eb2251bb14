/**
 * People Near Me endpoints: `GET /v1/collab/near` (everyone seen on the local network) and
 * `GET /v1/collab/near/:id` (one of them, by id or PeerId). Entries are hints from mDNS: the
 * nickname proves nothing, the PeerId is what a libp2p connection will prove. Both need sign-in to
 * near (`NOT_SIGNED_IN`), as Windows' `PeerCollabEnumPeopleNearMe`.
 */
import { PeerhoodError } from '../../protocols/common/errors.ts'
import type { NearPerson, PeopleNearMe } from '../../protocols/people-near-me/index.ts'
import type { PeerhoodNode } from '../types.ts'
import type { ApiRouter } from './router.ts'

/** One entry of `GET /v1/collab/near`. */
export interface NearPersonJson {
  /** Stable id of the endpoint (16 base32 characters derived from the PeerId). */
  id: string
  /** The PeerId the announcement named (unproven until connected). */
  peerId: string
  /** Advertised nickname (proves nothing). */
  nickname: string
  /** Advertised endpoint (machine) name; may be empty. */
  endpointName: string
  /** Advertised multiaddrs, each ending in `/p2p/<peerId>`. */
  addresses: string[]
  /** Last announcement or refresh, ISO 8601. */
  lastSeen: string
  /** Last announcement or refresh, epoch milliseconds. */
  lastSeenMs: number
  /**
   * Whether the PeerId proved, over an authenticated connection, to be an endpoint of one of my
   * trusted contacts' identities (its own PeerId, or another node's with an endpoint certificate).
   */
  trusted: boolean
}

/** The trusted mark of an entry: by the identity its PeerId proved, never by what it announced. */
function isTrustedContact (node: PeerhoodNode, peerId: string): boolean {
  return node.collaboration.nearTrusted(peerId)
}

/** A {@link NearPerson}'s fields as JSON (without `trusted`). */
export function nearPersonFields (p: NearPerson): Omit<NearPersonJson, 'trusted'> {
  return {
    id: p.id,
    peerId: p.peerId,
    nickname: p.nickname,
    endpointName: p.endpointName,
    addresses: [...p.addresses],
    lastSeen: new Date(p.lastSeen).toISOString(),
    lastSeenMs: p.lastSeen
  }
}

/** A {@link NearPerson} as JSON. */
export function nearPersonJson (p: NearPerson, trusted: boolean): NearPersonJson {
  return { ...nearPersonFields(p), trusted }
}

/**
 * The People Near Me service, once this node is signed in to near: as Windows'
 * `PeerCollabEnumPeopleNearMe`, listing who is near needs sign-in (`NOT_SIGNED_IN`), so a node
 * that does not take part in People Near Me does not browse it through the API either.
 */
function serviceOf (node: PeerhoodNode): PeopleNearMe | undefined {
  if (!node.collaboration.signinStatus().near) throw new PeerhoodError('NOT_SIGNED_IN', 'sign in to near first (peerhood signin --scope near)')
  return node.libp2p.services.peopleNearMe as PeopleNearMe | undefined
}

/** Adds the People Near Me endpoints to `router`. */
export function addNearRoutes (router: ApiRouter, node: PeerhoodNode): ApiRouter {
  return router
    .add('GET', '/v1/collab/near', async (): Promise<NearPersonJson[]> => {
      return (serviceOf(node)?.list() ?? []).map(p => nearPersonJson(p, isTrustedContact(node, p.peerId)))
    }, { summary: 'People Near Me (signed in to near)', tags: ['collab'] })
    .add('GET', '/v1/collab/near/:id', async ({ params }): Promise<NearPersonJson> => {
      const person = serviceOf(node)?.get(params.id!)
      if (person === undefined) throw new PeerhoodError('NOT_FOUND', `nobody near with id or PeerId ${params.id}`, { details: { id: params.id } })
      return nearPersonJson(person, isTrustedContact(node, person.peerId))
    }, { summary: 'One People Near Me entry by id or PeerId', tags: ['collab'] })
}
