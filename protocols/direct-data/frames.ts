/**
 * Frames on the wire: length-prefixed protobuf, written with the stream's own backpressure
 * (`send()` returning false ⇒ wait for `onDrain`).
 */
import type { AbortOptions, Stream } from '@libp2p/interface'
import { writer } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'
import { FRAME_OVERHEAD_BYTES } from './constants.ts'
import { Data } from './pb/direct.ts'
import { isValidType } from './rules.ts'
import type { DirectMessage } from './types.ts'

/** A keep-alive: one zero-length frame, which decodes as an empty `Data` and is never delivered. */
export const KEEP_ALIVE_FRAME = Uint8Array.of(0)

/** Largest frame the receiver reads, in bytes, for a data limit of `maxDataBytes`. */
export function maxFrameBytes (maxDataBytes: number): number {
  return maxDataBytes + FRAME_OVERHEAD_BYTES
}

/** A `Data` message with its varint length prefix, ready for `stream.send`. */
export function encodeDataFrame (message: DirectMessage): Uint8Array {
  const w = writer()
  // protons writes the length prefix itself unless told `lengthDelimited: false`
  Data.codec().encode({ type: message.type, data: message.data as Uint8Array<ArrayBuffer> }, w)
  return w.finish()
}

/** What one received frame is. */
export type ReceivedFrame = { kind: 'keep-alive' } | { kind: 'data', message: DirectMessage } | { kind: 'malformed' }

/** Decodes and checks one received frame (its length prefix already removed). */
export function decodeDataFrame (bytes: Uint8ArrayList | Uint8Array, maxDataBytes: number): ReceivedFrame {
  if (bytes.byteLength === 0) return { kind: 'keep-alive' }
  let message: Data
  try {
    message = Data.decode(bytes)
  } catch {
    return { kind: 'malformed' }
  }
  if (!isValidType(message.type) || message.data.byteLength > maxDataBytes) return { kind: 'malformed' }
  // a copy: a plain Uint8Array (not a Buffer view) that holds no larger transport buffer alive
  return { kind: 'data', message: { type: message.type, data: new Uint8Array(message.data) } }
}

/** Writes a ready frame; when the transport is saturated, waits until it drained. */
export async function writeFrame (stream: Stream, frame: Uint8Array, options: AbortOptions = {}): Promise<void> {
  if (stream.writableNeedsDrain) await stream.onDrain(options)
  if (!stream.send(frame)) await stream.onDrain(options)
}
