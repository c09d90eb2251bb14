/**
 * The answering side of `/peerhood/collab/1.0.0`: reads one bounded request in bounded time,
 * then answers a card, a snapshot, or opens a subscription. Only a trusted contact whose
 * watching is allowed gets endpoint data, and only it or someone near gets the card; anyone
 * else gets a refusal status; a penalised peer gets `THROTTLED`. A requester is the identity its
 * endpoint certificate proves for the connection's PeerId (`INVALID_CONTACT` when it does not).
 */
import type { Connection, Stream } from '@libp2p/interface'
import { pbStream } from '@libp2p/utils'
import { readMessage, refusingBadInput } from '../common/refusal.ts'
import { isPeerhoodError } from '../common/errors.ts'
import { isForgery, provenIdentity } from './endpoint-identity.ts'
import { mayFetchCard } from './rules.ts'
import { MAX_FRAME_BYTES, REQUEST_TIMEOUT_MS } from './constants.ts'
import { frame, type Publication, snapshotFrames, watcherSees } from './frames.ts'
import { Frame, Kind, Request, Status } from './pb/collab.ts'
import { Watcher, type WatcherRegistry } from './watchers.ts'

/** What the responder asks the service. */
export interface ResponderHost {
  /** A peer refused for pushing junk. */
  isPenalised: (peerId: string) => boolean
  /** Whether an identity is a trusted contact whose watching is allowed. */
  mayWatch: (identity: string) => boolean
  /** My endpoint certificate (empty when my PeerId is my identity). */
  certificate: () => Uint8Array
  /** Clock, epoch milliseconds (certificate expiry). */
  now: () => number
  /** Whether `identity` revoked its endpoint `endpoint` (its certificate is refused). */
  isRevoked: (identity: string, endpoint: string) => boolean
  /** Seen on People Near Me by its endpoint PeerId (decides near-scoped items). */
  isNear: (peerId: string) => boolean
  /** What this node publishes now. */
  publication: () => Publication
  /** My card text. */
  cardText: () => Promise<string>
  /** Open subscriptions. */
  watchers: WatcherRegistry
  /** Time the request may take to arrive, and each write, in milliseconds. */
  timeoutMs: number
}

/** The outcome of one inbound exchange (for the log). */
export type InboundOutcome = `${Kind}:${Status}`

/** What one inbound exchange came to: its outcome, the identity proven (if it got so far), whether it was a forgery. */
export interface InboundResult {
  outcome: InboundOutcome
  identity?: string
  forged?: boolean
}

/** Answers one inbound stream. */
export async function respond (stream: Stream, connection: Connection, host: ResponderHost): Promise<InboundResult> {
  const peerId = connection.remotePeer.toString()
  const pb = pbStream(stream, { maxDataLength: MAX_FRAME_BYTES })
  const options = { signal: AbortSignal.timeout(host.timeoutMs) }
  const refuse = async (kind: Kind, status: Status, extra: Omit<InboundResult, 'outcome'> = {}, refusal?: string): Promise<InboundResult> => {
    await pb.write(frame({ status, ...(refusal === undefined ? {} : { refusal }) }), Frame, options)
    await stream.close(options)
    return { outcome: `${kind}:${status}`, ...extra }
  }
  if (host.isPenalised(peerId)) return await refuse(Kind.KIND_UNSPECIFIED, Status.THROTTLED)
  // a request it will not read (too large, not protobuf, too slow) is refused with its code
  const request = await refusingBadInput(stream, options.signal, refusal => Frame.encode(frame({ status: Status.INVALID_REQUEST, refusal })),
    async () => await readMessage(pb, Request, options.signal))
  let identity: string
  try {
    identity = provenIdentity(peerId, request.endpointCertificate, host.now(), host.isRevoked)
  } catch (err) {
    // a revoked endpoint is no forgery: refused as a certificate that no longer counts, not penalised
    if (isPeerhoodError(err, 'ENDPOINT_REVOKED')) return await refuse(request.kind, Status.INVALID_CONTACT)
    if (!isPeerhoodError(err, 'INVALID_CONTACT')) throw err
    return await refuse(request.kind, Status.INVALID_CONTACT, { forged: isForgery(err.details?.reason) })
  }
  const ok = (fields: Partial<Frame> = {}): Frame => frame({ status: Status.OK, endpointCertificate: host.certificate() as Uint8Array<ArrayBuffer>, ...fields })
  const pub = host.publication()
  if (request.kind === Kind.CARD) {
    if (!mayFetchCard(pub.signedIn, host.isNear(peerId), host.mayWatch(identity))) return await refuse(request.kind, Status.NOT_AUTHORIZED, { identity })
    await pb.write(ok({ card: await host.cardText() }), Frame, options)
    await stream.close(options)
    return { outcome: `${request.kind}:${Status.OK}`, identity }
  }
  if (request.kind !== Kind.SNAPSHOT && request.kind !== Kind.SUBSCRIBE) return await refuse(request.kind, Status.INVALID_REQUEST, { identity }, 'INVALID_MESSAGE')
  // a watcher that is not allowed learns nothing, not even whether this node is signed in
  if (!host.mayWatch(identity)) return await refuse(request.kind, Status.NOT_AUTHORIZED, { identity })
  const near = host.isNear(peerId)
  if (!watcherSees(pub, near)) return await refuse(request.kind, Status.NOT_SIGNED_IN, { identity })
  if (request.kind === Kind.SNAPSHOT) {
    // a whole snapshot (up to 3 MiB) gets the requester's budget, not the request's
    const writing = { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }
    for (const f of [ok(), ...snapshotFrames(pub, near)]) await pb.write(f, Frame, writing)
    await stream.close(writing)
    return { outcome: `${request.kind}:${Status.OK}`, identity }
  }
  if (!host.watchers.hasRoom(peerId)) return await refuse(request.kind, Status.THROTTLED, { identity })
  const watcher = new Watcher(peerId, stream, pb, () => snapshotFrames(host.publication(), host.isNear(peerId)), identity)
  host.watchers.add(watcher)?.abort(new Error('replaced by a newer subscription'))
  const onClose = (): void => {
    watcher.markClosed()
    host.watchers.remove(watcher)
  }
  stream.addEventListener('close', onClose, { once: true })
  // the watcher ends its subscription by closing its side
  stream.addEventListener('remoteCloseWrite', () => { watcher.end().catch(() => {}) }, { once: true })
  watcher.push([ok(), ...snapshotFrames(pub, near)], host.timeoutMs)
  return { outcome: `${request.kind}:${Status.OK}`, identity }
}
