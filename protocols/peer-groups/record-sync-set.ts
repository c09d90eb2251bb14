/**
 * A group's records as the sync protocol sees them: (id, content hash, expiry) items from the
 * store's expiry index, records by content hash, and received records run through the same
 * ingress path as gossip.
 */
import { isPeerhoodError } from '../common/errors.ts'
import { recordIdFromHex } from '../records/codec.ts'
import type { IngressVerdict } from '../records/reasons.ts'
import type { RecordStore } from '../records/store.ts'
import type { ApplyResult, SyncItem, SyncSet } from '../sync/types.ts'

/** Received records of one page run through ingress at once. */
export const APPLY_CONCURRENCY = 16

/** Options of {@link recordSyncSet}. */
export interface RecordSyncSetInit {
  groupId: string
  store: RecordStore
  /** Runs one received record through ingress. */
  ingest: (bytes: Uint8Array) => Promise<IngressVerdict>
  /** Sees every verdict of the session; throwing aborts the session (a peer sending too many rejected records). @default none */
  judge?: (verdict: IngressVerdict) => void
  /** Called once the received batch is applied (to retry parked records). */
  afterApply?: () => Promise<void>
  /**
   * Whether this node would itself take these stored bytes now: records it would refuse (stored
   * under older rules) are not sent, so an honest node is not scored for them.
   * @default every stored record is sent
   */
  serves?: (bytes: Uint8Array) => boolean
}

/** A SyncSet for one session (it remembers the ids of the hashes it listed). */
export function recordSyncSet (init: RecordSyncSetInit): SyncSet {
  const idsByHash = new Map<string, string>()
  return {
    async * items (cutoff: number): AsyncIterable<SyncItem> {
      for await (const entry of init.store.hashes(init.groupId, { now: cutoff })) {
        idsByHash.set(Buffer.from(entry.hash).toString('hex'), entry.id)
        yield { id: recordIdFromHex(entry.id), hash: entry.hash, expires: entry.expires }
      }
    },
    async get (hash: Uint8Array): Promise<Uint8Array | undefined> {
      const id = idsByHash.get(Buffer.from(hash).toString('hex'))
      if (id === undefined) return undefined
      // a damaged record is not sent (the peer keeps its copy; repair fetches ours back); the hash
      // is the one our own expiry index listed, so bytes that still hash to it skip the signature
      // check: serving a cold join would otherwise verify every record on both sides
      const found = await init.store.get(init.groupId, id, { hash }).catch((err: unknown) => {
        if (isPeerhoodError(err, 'DATASTORE_CORRUPT')) return undefined
        throw err
      })
      // the record may have been replaced since it was listed: send only the listed version
      if (found === undefined || !Buffer.from(found.hash).equals(Buffer.from(hash))) return undefined
      return init.serves === undefined || init.serves(found.bytes) ? found.bytes : undefined
    },
    async apply (records: Uint8Array[]): Promise<ApplyResult> {
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
