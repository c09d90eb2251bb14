/**
 * The asking side of `/peerhood/collab/1.0.0`: fetch a card, read a snapshot, follow a
 * subscription. Every read is bounded in size (`MAX_FRAME_BYTES`) and time; every frame goes
 * through the endpoint's view, which refuses anything over the limits.
 */
import type { Stream } from '@libp2p/interface'
import { type ProtobufStream, pbStream } from '@libp2p/utils'
import { readMessage } from '../common/refusal.ts'
import { MAX_FRAME_BYTES } from './constants.ts'
import type { EndpointView, ViewChange } from './endpoint-view.ts'
import { statusError } from './frames.ts'
import { Frame, Kind, Request, Status } from './pb/collab.ts'

export { JunkError, readMessage } from '../common/refusal.ts'

/** Reads one frame (see {@link readMessage}). */
export async function readFrame (pb: ProtobufStream, signal: AbortSignal): Promise<Frame> {
  return await readMessage(pb, Frame, signal)
}

/** Sends a request (with my endpoint certificate, empty when my PeerId is my identity) and reads the status frame; throws the refusal's error. */
export async function openRequest (stream: Stream, kind: Kind, signal: AbortSignal, certificate: Uint8Array = new Uint8Array(0)): Promise<{ pb: ProtobufStream, first: Frame }> {
  const pb = pbStream(stream, { maxDataLength: MAX_FRAME_BYTES })
  await pb.write({ kind, endpointCertificate: certificate as Uint8Array<ArrayBuffer> }, Request, { signal })
  const first = await readFrame(pb, signal)
  if (first.status !== Status.OK) throw statusError(first.status, first.refusal)
  return { pb, first }
}

/** Fetches the responder's card text and the endpoint certificate it presented. */
export async function requestCard (stream: Stream, signal: AbortSignal, certificate?: Uint8Array): Promise<{ card: string, endpointCertificate: Uint8Array }> {
  const { first } = await openRequest(stream, Kind.CARD, signal, certificate)
  await stream.close({ signal }).catch(() => {})
  return { card: first.card, endpointCertificate: first.endpointCertificate }
}

/** Reads frames into `view` until a snapshot completes (each frame's revocation to `onRevocation`); returns its changes. */
export async function readSnapshot (pb: ProtobufStream, view: EndpointView, signal: AbortSignal,
  onRevocation: (bytes: Uint8Array) => void = () => {}): Promise<ViewChange[]> {
  for (;;) {
    const f = await readFrame(pb, signal)
    if (f.status !== Status.STATUS_UNSPECIFIED) throw statusError(f.status, f.refusal)
    if (f.revocation !== undefined) onRevocation(f.revocation)
    const { changes, completed } = view.apply(f)
    if (completed) return changes
  }
}
