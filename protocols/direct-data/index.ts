/**
 * Direct connections and typed data between proven members of one group (Windows'
 * `PeerGroupOpenDirectConnection`, `CloseDirectConnection`, `EnumConnections(DIRECT)` and
 * `SendData`), over `/peerhood/direct/1.0.0`.
 *
 * - `open(groupId, peer)` opens a long-lived stream after an `Open { groupId }` / `Answer`
 *   exchange; the responder accepts only if the opener is a proven member of the group and it is
 *   a member itself, else it answers `NOT_A_MEMBER` and the opener gets a `failed` event and
 *   `CONNECTION_FAILED`. Both ends then emit `direct:changed` `connected`, each with its own
 *   connection id (a random 64-bit number in hex).
 * - `send(groupId, connectionId, { type, data })` writes one length-prefixed `Data` frame, in
 *   order, honouring backpressure; the peer emits `data:incoming`. `data` is at most
 *   {@link MAX_DATA_BYTES} (64 KiB).
 * - `sendToNeighbour(groupId, peer, message)` sends one message over a short stream on the
 *   existing libp2p connection, without opening a direct connection; the receiver reports it with
 *   `connectionId: 'neighbour:<peerId>'`.
 * - `close`, `list`, and `revoke(groupId, peerId?)` for when a peer stops being a member.
 *
 * A direct connection ends (`disconnected`, with a reason) when either end closes it, the stream
 * is reset, the libp2p connection drops, membership is revoked, or the service stops. Idle
 * connections send a one-byte keep-alive every `keepAliveMs` (30 s) so that stream inactivity
 * timeouts (libp2p's default is 120 s) never close them.
 *
 * ```ts
 * services: { direct: directData({ isMember: (g, p) => membership.isProven(g, p), isLocalMember: g => groups.has(g) }) }
 * ```
 */
import { type DirectDataComponents, DirectDataService } from './direct-data.ts'
import type { DirectData, DirectDataInit } from './types.ts'

export { DIRECT_PROTOCOL, MAX_DATA_BYTES, MAX_TYPE_LENGTH, NEIGHBOUR_PREFIX } from './constants.ts'
export { isValidType, neighbourConnectionId } from './rules.ts'
export type { DirectDataComponents } from './direct-data.ts'
export type * from './types.ts'

/** Direct connections and typed data as a libp2p service factory. */
export function directData (init: DirectDataInit): (components: DirectDataComponents) => DirectData {
  return (components) => new DirectDataService(components, init)
}
