/**
 * Connecting, pinging and listing peers, with coded errors instead of libp2p's error classes.
 */
import type { Libp2p, PeerId } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { type Multiaddr, multiaddr } from '@multiformats/multiaddr'
import { PeerhoodError } from '../protocols/common/errors.ts'
import type { PeerSummary, PingResult } from './types.ts'

/** How long a ping may take. */
export const PING_TIMEOUT_MS = 10_000

/** Parses a multiaddr, or throws `INVALID_MULTIADDR`. */
export function parseMultiaddr (text: string): Multiaddr {
  try {
    return multiaddr(text)
  } catch (err) {
    throw new PeerhoodError('INVALID_MULTIADDR', `not a multiaddr: ${text}`, { cause: err, details: { multiaddr: text } })
  }
}

/** Parses a PeerId, or throws `INVALID_PEER_ID`. */
export function parsePeerId (text: string): PeerId {
  try {
    return peerIdFromString(text)
  } catch (err) {
    throw new PeerhoodError('INVALID_PEER_ID', `not a PeerId: ${text}`, { cause: err, details: { peerId: text } })
  }
}

/** Summaries of every connected peer. */
export async function summarizePeers (libp2p: Libp2p<any>): Promise<PeerSummary[]> {
  return Promise.all(libp2p.getPeers().map(async peer => summarizePeer(libp2p, peer)))
}

/** Summary of one peer from its open connections and what identify stored in the peer store. */
export async function summarizePeer (libp2p: Libp2p<any>, peer: PeerId): Promise<PeerSummary> {
  const conns = libp2p.getConnections(peer)
  const stored = await libp2p.peerStore.get(peer).catch(() => undefined)
  const agent = stored?.metadata.get('AgentVersion')
  return {
    peerId: peer.toString(),
    addresses: conns.map(c => c.remoteAddr.toString()),
    directions: conns.map(c => c.direction),
    protocols: stored?.protocols ?? [],
    ...(agent === undefined ? {} : { agentVersion: new TextDecoder().decode(agent) })
  }
}

/**
 * Dials `text` and waits for the connection, for at most `timeoutMs` (libp2p applies its own dial
 * timeout only to dials that bring no signal, and a request's signal is one).
 * Codes: INVALID_MULTIADDR, CONNECT_SELF, CONNECTION_FAILED, TIMEOUT.
 */
export async function connectTo (libp2p: Libp2p<any>, text: string, options: { signal?: AbortSignal, timeoutMs?: number }): Promise<PeerSummary> {
  const ma = parseMultiaddr(text)
  const target = ma.getComponents().findLast(c => c.name === 'p2p')?.value
  if (target === libp2p.peerId.toString()) throw new PeerhoodError('CONNECT_SELF', 'cannot connect to self')
  const signals = [options.signal, options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs)].filter(s => s !== undefined)
  try {
    const conn = await libp2p.dial(ma, signals.length === 0 ? {} : { signal: AbortSignal.any(signals) })
    return await summarizePeer(libp2p, conn.remotePeer)
  } catch (err: any) {
    if (err?.name === 'AbortError' || err?.name === 'TimeoutError') throw new PeerhoodError('TIMEOUT', `dialing ${text} timed out`, { cause: err })
    throw new PeerhoodError('CONNECTION_FAILED', `cannot connect to ${text}: ${err?.message ?? err}`, { cause: err, details: { multiaddr: text } })
  }
}

/** Pings a PeerId or multiaddr. Codes: INVALID_PEER_ID, INVALID_MULTIADDR, CONNECT_SELF, TIMEOUT, CONNECTION_FAILED. */
export async function pingPeer (libp2p: Libp2p<any>, peer: string, options: { signal?: AbortSignal }): Promise<PingResult> {
  const target = peer.startsWith('/') ? parseMultiaddr(peer) : parsePeerId(peer)
  if (target.toString() === libp2p.peerId.toString()) throw new PeerhoodError('CONNECT_SELF', 'cannot ping self')
  const timeout = AbortSignal.timeout(PING_TIMEOUT_MS)
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout])
  try {
    const rttMs = await libp2p.services.ping.ping(target, { signal })
    const conn = libp2p.getConnections().find(c => 'getComponents' in target ? c.remoteAddr.equals(target) : c.remotePeer.equals(target))
    return { peerId: conn?.remotePeer.toString() ?? target.toString(), rttMs }
  } catch (err: any) {
    if (timeout.aborted || err?.name === 'TimeoutError') throw new PeerhoodError('TIMEOUT', `no answer from ${peer}`, { cause: err })
    throw new PeerhoodError('CONNECTION_FAILED', `cannot ping ${peer}: ${err?.message ?? err}`, { cause: err, details: { peer } })
  }
}
