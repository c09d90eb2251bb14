/**
 * Refusing input a responder will not read — a frame over the size limit, bytes that do not
 * decode, a message of the wrong kind, a peer too slow — with one small frame that carries a
 * stable code, instead of a bare stream reset the initiator cannot tell from a network failure.
 *
 * One frame per stream, at most {@link MAX_REFUSAL_BYTES}, written with its own short deadline;
 * whatever the peer sends after it is discarded unread. So a hostile peer can make us write a few
 * dozen bytes per bad stream and no more, and the streams it opens stay bounded by the
 * protocol's own stream limit.
 */
import type { Stream } from '@libp2p/interface'
import type { ProtobufDecoder, ProtobufStream } from '@libp2p/utils'
import type { DecodeOptions } from 'protons-runtime'
import { isErrorCode, PeerhoodError } from './errors.ts'
import { asError } from './signals.ts'

/** Largest refusal frame body written, in bytes (a protobuf message with a code and a status). */
export const MAX_REFUSAL_BYTES = 128

/** Time allowed to write a refusal, and for the peer to close after reading it, in milliseconds. */
export const REFUSAL_TIMEOUT_MS = 2_000

/** The codes a responder sends for input it will not read. */
export type RefusalCode = 'MESSAGE_TOO_LARGE' | 'INVALID_MESSAGE' | 'TIMEOUT'

/** A message that is junk by itself (over the size bound, or not protobuf): its sender may be penalised. */
export class JunkError extends PeerhoodError {}

const TRANSPORT_ERRORS = new Set(['AbortError', 'TimeoutError', 'StreamResetError', 'StreamStateError', 'StreamClosedError', 'StreamAbortedError',
  'StreamBufferError', 'UnexpectedEOFError', 'ConnectionClosedError', 'ConnectionClosingError', 'MuxerClosedError'])

/**
 * Reads one protobuf message: a transport failure or a time-out is rethrown as it is; a message
 * over the size bound is a {@link JunkError} `MESSAGE_TOO_LARGE`, one that does not decode
 * (bad wire type, unknown enum value, a repeated field over its limit...) `INVALID_MESSAGE`.
 */
export async function readMessage<T> (pb: ProtobufStream, codec: { decode: ProtobufDecoder<T> }, signal: AbortSignal, limits?: DecodeOptions<T>['limits']): Promise<T> {
  try {
    return await pb.read(codec, limits === undefined ? { signal } : { signal, limits })
  } catch (err) {
    const name = (err as Error | undefined)?.name ?? ''
    if (signal.aborted || TRANSPORT_ERRORS.has(name)) throw err
    if (name === 'InvalidDataLengthError' || name === 'InvalidDataLengthLengthError') throw new JunkError('MESSAGE_TOO_LARGE', 'a message over the size bound', { cause: err })
    throw new JunkError('INVALID_MESSAGE', 'a message that does not decode', { cause: err })
  }
}

/**
 * The code to refuse with after a read or a check failed, or undefined when nothing can be said
 * (the peer reset or closed the stream, or this node stops).
 */
export function refusalCode (err: unknown, signal?: AbortSignal): RefusalCode | undefined {
  if (err instanceof PeerhoodError) {
    if (err.code === 'MESSAGE_TOO_LARGE' || err.code === 'INVALID_MESSAGE' || err.code === 'TIMEOUT') return err.code
    if (err.code === 'INVALID_REQUEST') return 'INVALID_MESSAGE'
    return undefined
  }
  const name = (err as Error | undefined)?.name
  if (name === 'TimeoutError' || (signal?.aborted === true && (signal.reason as Error | undefined)?.name === 'TimeoutError')) return 'TIMEOUT'
  if (name === 'InvalidDataLengthError' || name === 'InvalidDataLengthLengthError') return 'MESSAGE_TOO_LARGE'
  return undefined
}

/** An unsigned varint, as the length prefix of a frame. */
function varint (n: number): Uint8Array {
  const out: number[] = []
  while (n >= 0x80) { out.push((n % 0x80) | 0x80); n = Math.floor(n / 0x80) }
  out.push(n)
  return Uint8Array.from(out)
}

/**
 * Ends an inbound stream with one refusal frame (`body`, the encoded protobuf message the
 * initiator reads next): writes it with its own deadline (the exchange's may be over) and
 * half-closes; whatever the peer still sends is dropped unread. The peer then has `timeoutMs` to
 * read it and close its side before the stream is reset; the caller does not wait for that.
 * Never throws. A body over {@link MAX_REFUSAL_BYTES} is not written (the stream is reset).
 */
export async function sendRefusal (stream: Stream, body: Uint8Array, timeoutMs = REFUSAL_TIMEOUT_MS): Promise<void> {
  try {
    if (body.byteLength > MAX_REFUSAL_BYTES) throw new Error('refusal frame too large')
    if (stream.writeStatus !== 'writable') throw new Error('the stream is no longer writable')
    const signal = AbortSignal.timeout(timeoutMs)
    if (!stream.send(new Uint8Array([...varint(body.byteLength), ...body]))) await stream.onDrain({ signal })
    await stream.close({ signal })
    await stream.closeRead({ signal })
  } catch (err) {
    stream.abort(asError(err))
    return
  }
  if (stream.status !== 'open' && stream.status !== 'closing') return
  // the stream counts against the protocol's stream limit until it ends: it ends soon either way
  const timer = setTimeout(() => { stream.abort(new Error('refused')) }, timeoutMs)
  timer.unref?.()
  stream.addEventListener('close', () => { clearTimeout(timer) }, { once: true })
}

/**
 * Runs `fn` (a responder reading and answering); when it fails on input this node will not read,
 * ends the stream with one refusal frame — `refusal(code)`, the encoded message the initiator
 * waits for at that point — then rethrows.
 */
export async function refusingBadInput<T> (stream: Stream, signal: AbortSignal, refusal: (code: RefusalCode) => Uint8Array, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    const code = refusalCode(err, signal)
    if (code !== undefined) await sendRefusal(stream, refusal(code))
    throw err
  }
}

/**
 * The local error for a refusal code a responder sent (`''`: none, undefined). A code this node
 * does not know becomes `INVALID_MESSAGE`; `details.remote` tells it from a local failure.
 */
export function remoteRefusal (code: string | undefined, what: string): PeerhoodError | undefined {
  if (code === undefined || code === '') return undefined
  const known = isErrorCode(code) ? code : 'INVALID_MESSAGE'
  return new PeerhoodError(known, `the peer refused the ${what}: ${known}`, { details: { remote: true, refusal: code.slice(0, 64) } })
}

/** Throws the local error for a refusal code a responder sent (see {@link remoteRefusal}); nothing when there is none. */
export function throwIfRefused (code: string | undefined, what: string): void {
  const refused = remoteRefusal(code, what)
  if (refused !== undefined) throw refused
}
