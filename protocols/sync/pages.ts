/**
 * Records on the move: fetches records by content hash and packs them into pages bounded in
 * count and bytes, the last page flagged. A record that cannot fit in one message is skipped.
 */
import type { SyncLimits, SyncSet } from './types.ts'

/** One page of records. */
export interface RecordPage {
  /** Signed record bytes. */
  records: Uint8Array[]
  /** Whether this is the final page of the transfer. */
  last: boolean
}

/** Records fetched from the set at once (one read of the store when it has `getMany`). */
const FETCH_BATCH = 128

/**
 * The first page is filled to at most this many bytes, and each next one to twice the last, up
 * to the session's page size: a receiver starts checking and storing after the first few dozen
 * records instead of after a whole MiB had been read, encoded and sent (a cold join of 10,000
 * records otherwise idled both sides for the first page's trip).
 */
export const FIRST_PAGE_BYTES = 64 * 1024

/** Protobuf framing allowance per record and per page, in bytes. */
const RECORD_OVERHEAD = 8
const PAGE_OVERHEAD = 64

/** `hashes` in batches of {@link FETCH_BATCH}, as they come. */
async function * batches (hashes: readonly Uint8Array[] | AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array[]> {
  if (Array.isArray(hashes)) {
    for (let start = 0; start < hashes.length; start += FETCH_BATCH) yield hashes.slice(start, start + FETCH_BATCH)
    return
  }
  let batch: Uint8Array[] = []
  for await (const hash of hashes as AsyncIterable<Uint8Array>) {
    batch.push(hash)
    if (batch.length === FETCH_BATCH) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

/**
 * Pages of the records behind `hashes`, an array or a source read as it comes (missing records
 * are skipped), growing from {@link FIRST_PAGE_BYTES} to `limits.pageBytes`. Always yields at
 * least one page, so the receiver sees `last` even when nothing could be fetched.
 */
export async function * recordPages (set: SyncSet, hashes: readonly Uint8Array[] | AsyncIterable<Uint8Array>, limits: SyncLimits): AsyncGenerator<RecordPage> {
  const fitsMessage = limits.maxMessageBytes - PAGE_OVERHEAD - RECORD_OVERHEAD
  let page: Uint8Array[] = []
  let bytes = PAGE_OVERHEAD
  let pageBytes = Math.min(FIRST_PAGE_BYTES, limits.pageBytes)
  for await (const batch of batches(hashes)) {
    const fetched = set.getMany === undefined ? await Promise.all(batch.map(async hash => await set.get(hash))) : await set.getMany(batch)
    for (const record of fetched) {
      if (record === undefined || record.byteLength > fitsMessage) continue
      const size = record.byteLength + RECORD_OVERHEAD
      // a full page leaves as soon as a record for the next one is in hand: it is not the last
      if (page.length > 0 && (page.length >= limits.maxRecordsPerMessage || bytes + size > pageBytes)) {
        yield { records: page, last: false }
        page = []
        bytes = PAGE_OVERHEAD
        pageBytes = Math.min(pageBytes * 2, limits.pageBytes)
      }
      page.push(record)
      bytes += size
    }
  }
  yield { records: page, last: true }
}
