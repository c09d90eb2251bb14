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
      // a damaged record is not sent (the peer keeps its copy; repair fetches ours back)
      const found = await init.store.get(init.groupId, id).catch((err: unknown) => {
        if (isPeerhoodError(err, 'DATASTORE_CORRUPT')) return undefined
        throw err
      })
      // the record may have been replaced since it was listed: send only the listed version
      if (found === undefined || !Buffer.from(found.hash).equals(Buffer.from(hash))) return undefined
      return init.serves === undefined || init.serves(found.bytes) ? found.bytes : undefined
    },
    async apply (records: Uint8Array[]): Promise<ApplyResult> {
      let accepted = 0
      for (const bytes of records) {
        const verdict = await init.ingest(bytes)
        if (verdict.action === 'accept') accepted++
        init.judge?.(verdict)
      }
      await init.afterApply?.()
      return { accepted, rejected: records.length - accepted }
    }
  }
}
