/**
 * Revocation routes (issue 15): `POST /v1/groups/:id/revoke` and `GET /v1/groups/:id/revocations`.
 */
import { PeerhoodError } from '../../protocols/common/errors.ts'
import type { Revocation } from '../../protocols/revocation/types.ts'
import type { PeerhoodNode } from '../types.ts'
import type { ApiRouter } from './router.ts'
import { bodyObject, optionalField } from './routes-groups.ts'
import { RevokeBody } from './schemas-collab.ts'

/** A revocation in force, as the API shows it. */
export interface RevocationJson {
  /** The revoked member's PeerId. */
  peerId: string
  /** Serial numbers of its certificates the revoker knew. */
  serials: string[]
  /** When it took effect, ISO 8601. */
  time: string
  /** When it took effect, epoch ms. */
  timeMs: number
  /** Why. */
  reason: string
  /** Who revoked it. */
  revoker: string
}

/** What `POST /v1/groups/:id/revoke` answers. */
export interface RevokeResultJson {
  /** The revocation (or lift) written. */
  revocation: RevocationJson & { lifted: boolean }
  /** Members whose chains pass through the revoked peer: to renew with another administrator. */
  affected: string[]
}

/** The JSON form of a revocation. */
export function revocationJson (r: Revocation): RevocationJson {
  return { peerId: r.peer, serials: [...r.serials], time: new Date(r.time).toISOString(), timeMs: r.time, reason: r.reason, revoker: r.revoker }
}

/** Adds the revocation routes. */
export function addRevocationRoutes (router: ApiRouter, node: PeerhoodNode): ApiRouter {
  return router
    .add('GET', '/v1/groups/:id/revocations', async ({ params }): Promise<RevocationJson[]> => node.groups.revocationsOf(params.id!).map(revocationJson), { summary: 'Revocations in force in a group', tags: ['groups'] })
    .add('POST', '/v1/groups/:id/revoke', async ({ params, body }): Promise<RevokeResultJson> => {
      const b = bodyObject(body, ['peerId', 'reason', 'lift'])
      const peerId = optionalField(b, 'peerId', 'string')
      if (peerId === undefined) throw new PeerhoodError('INVALID_ARGUMENT', 'peerId is required', { details: { key: 'peerId' } })
      const reason = optionalField(b, 'reason', 'string')
      const lift = optionalField(b, 'lift', 'boolean')
      const result = await node.groups.revoke(params.id!, peerId, { ...(reason === undefined ? {} : { reason }), ...(lift === undefined ? {} : { lift }) })
      return { revocation: { ...revocationJson(result.revocation), lifted: result.revocation.lifted }, affected: result.affected }
    }, { body: RevokeBody, summary: 'Revokes a member (administrators and the creator), or lifts a revocation', tags: ['groups'] })
}
