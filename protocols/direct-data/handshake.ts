/**
 * The first exchange on every stream of the protocol, for both roles:
 *
 *   opener → Request { open { groupId } }                     responder → Answer
 *   sender → Request { neighbor { groupId } }, Data           receiver  → Answer, close
 *
 * Every read here is bounded by the caller's signal (the open timeout); only the direct
 * connection that follows is long-lived.
 */
import type { Stream } from '@libp2p/interface'
import type { LengthPrefixedStream } from '@libp2p/utils'
import type { ErrorCode } from '../common/errors.ts'
import { decodeDataFrame, type ReceivedFrame, writeFrame } from './frames.ts'
import { Answer, Request } from './pb/direct.ts'
import { type ParsedRequest, parseRequest } from './rules.ts'
import { asError } from '../common/signals.ts'

/** A stream with the one length-prefixed reader it is read through (never two: each buffers). */
export interface Framed {
  stream: Stream
  lp: LengthPrefixedStream<Stream>
}

/** The responder's verdict as the initiator reads it. */
export type Verdict = { accepted: true } | { accepted: false, code: string }

function toVerdict (answer: Answer): Verdict {
  return answer.accepted ? { accepted: true } : { accepted: false, code: answer.code === '' ? 'NOT_A_MEMBER' : answer.code }
}

/** Opener: asks for a direct connection in `groupId` and reads the verdict. */
export async function requestOpen ({ lp }: Framed, groupId: string, signal: AbortSignal): Promise<Verdict> {
  await lp.write(Request.encode({ open: { groupId } }), { signal })
  return toVerdict(Answer.decode(await lp.read({ signal })))
}

/** Neighbour sender: sends the request and one ready data frame, reads the verdict, closes. */
export async function requestNeighbour ({ stream, lp }: Framed, groupId: string, frame: Uint8Array, signal: AbortSignal): Promise<Verdict> {
  await lp.write(Request.encode({ neighbor: { groupId } }), { signal })
  await writeFrame(stream, frame, { signal })
  await stream.close({ signal })
  return toVerdict(Answer.decode(await lp.read({ signal })))
}

/** Responder: reads and checks the first message. */
export async function readRequest ({ lp }: Framed, signal: AbortSignal): Promise<ParsedRequest> {
  let request: Request
  try {
    request = Request.decode(await lp.read({ signal }))
  } catch (err) {
    if (signal.aborted || asError(err).name === 'UnexpectedEOFError') throw err
    return { kind: 'invalid' }
  }
  return parseRequest(request)
}

/** Receiver of neighbour data: reads its one frame. */
export async function readNeighbourData ({ lp }: Framed, maxDataBytes: number, signal: AbortSignal): Promise<ReceivedFrame> {
  return decodeDataFrame(await lp.read({ signal }), maxDataBytes)
}

/** Responder: accepts (the caller keeps the stream open, or closes it after neighbour data). */
export async function accept ({ lp }: Framed, signal: AbortSignal): Promise<void> {
  await lp.write(Answer.encode({ accepted: true, code: '' }), { signal })
}

/** Responder: refuses with a code and closes; the stream is reset if even that fails. */
export async function refuse ({ stream, lp }: Framed, code: ErrorCode, signal: AbortSignal): Promise<void> {
  try {
    await lp.write(Answer.encode({ accepted: false, code }), { signal })
    await stream.close({ signal })
  } catch (err) {
    stream.abort(asError(err))
  }
}
