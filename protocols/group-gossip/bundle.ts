/**
 * Record bundles: the one message format of a group topic. A bundle carries the signed records a
 * publisher made in one burst; each keeps its own signature and is judged on its own, so the
 * bundle changes the cost of gossip (one message, one id, one frame per hop instead of one per
 * record), never what is trusted.
 */
import { RecordBundle } from './pb/bundle.ts'

/** Most records in one bundle (the decoder refuses more). */
export const MAX_BUNDLE_RECORDS = 1024

/** Default size a publisher fills a bundle up to, in bytes. */
export const DEFAULT_BUNDLE_BYTES = 64 * 1024

/** Protobuf framing of one record inside a bundle: tag byte and a length of up to 5 bytes. */
export const BUNDLE_OVERHEAD_PER_RECORD = 6

/** Encodes signed records (their `SignedRecord` bytes) as one gossip message. */
export function encodeBundle (records: readonly Uint8Array[]): Uint8Array {
  return RecordBundle.encode({ records: records as Array<Uint8Array<ArrayBuffer>> })
}

/**
 * The records of a gossip message, as views of its bytes; undefined when it is not a bundle of
 * 1 to {@link MAX_BUNDLE_RECORDS} non-empty records.
 */
export function decodeBundle (bytes: Uint8Array): Uint8Array[] | undefined {
  let records: Uint8Array[]
  try {
    records = RecordBundle.decode(bytes, { limits: { records: MAX_BUNDLE_RECORDS } }).records
  } catch {
    return undefined
  }
  if (records.length === 0 || records.some(r => r.byteLength === 0)) return undefined
  return records
}
