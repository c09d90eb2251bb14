/**
 * The node's own endpoints: identity, status, peers, connect, ping, events and metrics.
 * Features add theirs to the same router.
 */
import { PeerhoodError } from '../../protocols/common/errors.ts'
import type { PeerhoodNode } from '../types.ts'
import { PROMETHEUS_CONTENT_TYPE } from './constants.ts'
import { parseEventFilter } from './filter.ts'
import { EventStreamReply, TextReply } from './replies.ts'
import type { ApiRouter } from './router.ts'
import { ConnectBody, PingBody } from './schemas.ts'

/** What `GET /v1/id` returns. */
export interface NodeIdentity {
  /** The node's PeerId (base58btc). */
  peerId: string
  /** Display name from the config. */
  displayName: string
  /** Addresses others can dial, each ending in `/p2p/<peerId>`. */
  addresses: string[]
}

/** Adds the node's endpoints to `router`. */
export function addNodeRoutes (router: ApiRouter, node: PeerhoodNode): ApiRouter {
  return router
    .add('GET', '/v1/id', async (): Promise<NodeIdentity> => {
      const { peerId, displayName, addresses } = node.status()
      return { peerId, displayName, addresses }
    }, { summary: 'The node\'s PeerId, display name and addresses' })
    .add('GET', '/v1/status', async () => node.status(), { summary: 'A snapshot of the node' })
    .add('GET', '/v1/peers', async () => await node.peers(), { summary: 'Connected peers' })
    .add('POST', '/v1/connect', async ({ body, signal }) => {
      return await node.connect(stringField(body, 'multiaddr'), { signal })
    }, { body: ConnectBody, summary: 'Dials a multiaddr ending in /p2p/<peerId>' })
    .add('POST', '/v1/ping', async ({ body, signal }) => {
      return await node.ping(stringField(body, 'peer'), { signal })
    }, { body: PingBody, summary: 'Pings a peer' })
    .add('GET', '/v1/events', async ({ query }) => {
      const filter = parseEventFilter(query)
      // browsers' EventSource hands only unnamed events to one handler: `as=message` names none
      const unnamed = query.get('as') === 'message'
      return new EventStreamReply(sink => node.events.subscribe(filter, event => { sink.event(unnamed ? 'message' : event.type, event) }))
    }, { summary: 'The event stream (server-sent events), filtered by type and group; as=message sends every event unnamed' })
    .add('GET', '/metrics', async () => new TextReply(await node.metrics(), PROMETHEUS_CONTENT_TYPE), { summary: 'Prometheus metrics (text)', tags: ['node'] })
}

/** The non-empty string `body[key]`, or `INVALID_ARGUMENT` naming the key. */
export function stringField (body: unknown, key: string): string {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined
  if (typeof value !== 'string' || value === '') {
    throw new PeerhoodError('INVALID_ARGUMENT', `body must be a JSON object with a non-empty string "${key}"`, { details: { key } })
  }
  return value
}
