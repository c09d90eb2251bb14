/**
 * A group's records as the sync protocol sees them: (id, content hash, expiry) items from the
 * store's expiry index, records by content hash, and received records run through the same
 * ingress path as gossip.
 */
import { bytesKey, sameBytes } from '../common/bytes.ts'
import { isPeerhoodError } from '../common/errors.ts'
import { type DecodedRecord, recordIdFromHex } from '../records/codec.ts'
import type { IngressVerdict } from '../records/reasons.ts'
import type { RecordStore } from '../records/store.ts'
import type { ApplyResult, SyncItem, SyncSet } from '../sync/types.ts'

/** Received records of one page run through ingress at once. */
export const APPLY_CONCURRENCY = 16

/**
 * Received records applied per call of `ingestMany`: large enough that a read, a write and the
 * thread pool's signature checks serve many records, small enough that a peer sending rejected
 * records is judged (and cut off) after a batch, not after a whole page.
 */
export const APPLY_BATCH = 128

/** Options of {@link recordSyncSet}. */
export interface RecordSyncSetInit {
  groupId: string
  store: RecordStore
  /** Runs one received record through ingress. */
  ingest: (bytes: Uint8Array) => Promise<IngressVerdict>
  /**
   * Runs several received records through ingress at once (one read and one write of the store
   * for all of them), verdicts in order.
   * @default each record through `ingest`, {@link APPLY_CONCURRENCY} at a time
   */
  ingestMany?: (records: Uint8Array[]) => Promise<IngressVerdict[]>
  /** Sees every verdict of the session; throwing aborts the session (a peer sending too many rejected records). @default none */
  judge?: (verdict: IngressVerdict) => void
  /** Called once the received batch is applied (to retry parked records). */
  afterApply?: () => Promise<void>
  /**
   * Whether this node would itself take these stored bytes now: records it would refuse (stored
   * under older rules) are not sent, so an honest node is not scored for them.
   * @default every stored record is sent
   */
  serves?: (record: DecodedRecord) => boolean
}

/** A SyncSet for one session (it remembers the ids of the hashes it listed). */
export function recordSyncSet (init: RecordSyncSetInit): SyncSet {
  const idsByHash = new Map<string, string>()
  const getMany = async (hashes: readonly Uint8Array[]): Promise<Array<Uint8Array | undefined>> => {
    const listed = hashes.map(hash => idsByHash.get(bytesKey(hash)))
    const ids = listed.filter((id): id is string => id !== undefined)
    const wanted = hashes.filter((_, i) => listed[i] !== undefined)
    // the hashes are the ones our own expiry index listed, so bytes that still hash to them skip
    // the signature check: serving a cold join would otherwise verify every record on both sides
    const found = await readMany(init, ids, wanted)
    let next = 0
    return listed.map(id => {
      if (id === undefined) return undefined
      const i = next++
      const record = found[i]
      // the record may have been replaced since it was listed: send only the listed version
      if (record === undefined || !sameBytes(record.hash, wanted[i]!)) return undefined
      return init.serves === undefined || init.serves(record) ? record.bytes : undefined
    })
  }
  return {
    async * items (cutoff: number): AsyncIterable<SyncItem> {
      for await (const entry of init.store.hashes(init.groupId, { now: cutoff })) {
        idsByHash.set(bytesKey(entry.hash), entry.id)
        // the id's bytes only if asked for (reconciliation uses hashes and expiries)
        const { id } = entry
        yield { get id () { return recordIdFromHex(id) }, hash: entry.hash, expires: entry.expires }
      }
    },
    // records and tombstones, the expired ones not swept yet included: a hint for the peer's progress
    countHint: async () => init.store.count(init.groupId, { includeDeleted: true }),
    async get (hash: Uint8Array): Promise<Uint8Array | undefined> {
      return (await getMany([hash]))[0]
    },
    getMany,
    async apply (records: Uint8Array[]): Promise<ApplyResult> {
      if (init.ingestMany !== undefined) return applyInBatches(records, init.ingestMany, init)
      // Several records of a page in flight at once: one record's LevelDB read and write overlap
      // the next ones' signature checks (one at a time, a cold join waited on the disk half the
      // time). Order within a page never mattered: a record whose signer's membership comes later
      // in the page is parked and retried in afterApply, as before.
      let accepted = 0
      let next = 0
      let failure: { err: unknown } | undefined
      const worker = async (): Promise<void> => {
        while (next < records.length && failure === undefined) {
          const verdict = await init.ingest(records[next++]!)
          if (verdict.action === 'accept') accepted++
          try {
            init.judge?.(verdict)
          } catch (err) {
            failure ??= { err }
          }
        }
      }
      await Promise.all(Array.from({ length: Math.min(APPLY_CONCURRENCY, records.length) }, worker))
      if (failure !== undefined) throw failure.err
      await init.afterApply?.()
      return { accepted, rejected: records.length - accepted }
    }
  }
}

async function applyInBatches (records: Uint8Array[], ingestMany: (records: Uint8Array[]) => Promise<IngressVerdict[]>, init: RecordSyncSetInit): Promise<ApplyResult> {
  let accepted = 0
  let failure: { err: unknown } | undefined
  // every record applied is judged, also after a judgement that ends the session (each one cost us its checks)
  const judge = (verdicts: IngressVerdict[]): void => {
    for (const verdict of verdicts) {
      if (verdict.action === 'accept') accepted++
      try {
        init.judge?.(verdict)
      } catch (err) {
        failure ??= { err }
      }
    }
  }
  // two batches in flight: one batch's write commits on the thread pool while the next is checked
  let previous: Promise<IngressVerdict[]> | undefined
  for (let start = 0; start < records.length && failure === undefined; start += APPLY_BATCH) {
    const current = ingestMany(records.slice(start, start + APPLY_BATCH))
    if (previous !== undefined) judge(await previous.catch(err => { failure ??= { err }; return [] }))
    previous = current
  }
  if (previous !== undefined) judge(await previous.catch(err => { failure ??= { err }; return [] }))
  if (failure !== undefined) throw failure.err
  await init.afterApply?.()
  return { accepted, rejected: records.length - accepted }
}

/**
 * Stored versions of `ids`; a damaged record is not sent (the peer keeps its copy; repair fetches
 * ours back), and does not keep the others of the batch from being sent.
 */
async function readMany (init: RecordSyncSetInit, ids: string[], hashes: Uint8Array[]): Promise<Array<DecodedRecord | undefined>> {
  try {
    return await init.store.getMany(init.groupId, ids, { hashes })
  } catch (err) {
    if (!isPeerhoodError(err, 'DATASTORE_CORRUPT')) throw err
  }
  return Promise.all(ids.map(async (id, i) => init.store.get(init.groupId, id, { hash: hashes[i]! }).catch((err: unknown) => {
    if (isPeerhoodError(err, 'DATASTORE_CORRUPT')) return undefined
    throw err
  })))
}
