/**
 * The group database of one group, without networking: local add / update / delete signed by
 * this member and checked by the same rules as ingress, reads and search, remote records through
 * the ingress pipeline (with deferred validation), expiry, and `record:changed` events. Every
 * local change resolves with its signed bytes, for the node to publish on gossip.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto'
import type { PrivateKey } from '@libp2p/interface'
import { PeerhoodError } from '../common/errors.ts'
import { type AddRecordInit, newRecord, tombstoneRecord, type UpdateRecordInit, updatedRecord } from './changes.ts'
import { encodeRecordBody, isRecordId, type DecodedRecord } from './codec.ts'
import { sameSignedContent } from './conflict.ts'
import { DEFAULT_MAX_DEFERRED, DEFAULT_MAX_RECORD_SIZE, RECORD_ID_BYTES } from './constants.ts'
import { DeferredQueue } from './deferred.ts'
import { peerIdStringToBytes } from './peer-ids.ts'
import { changeTypeOf, isRace, type RecordChange, type RecordChangeType, type RecordConflict, versionOf } from './events.ts'
import { admitDecoded, admitIngress, judgeIngress } from './ingress.ts'
import { KeyedLock } from './keyed-lock.ts'
import { boundRecordId } from './record-id.ts'
import { verdict, type IngressVerdict } from './reasons.ts'
import { localChangeProblem, signedRecordSize, throwIfProblem } from './rules.ts'
import { compileQuery, type RecordMatcher, type SearchQuery } from './search/index.ts'
import { sealRecord } from './sign.ts'
import type { GroupDatabaseInit, LocalChangeOptions, PublishedRecord, ReservedWrite } from './database-types.ts'
import { NO_RESERVED_TYPES, reservedRecordId, reservedRule, reservedSubjectId, type ReservedTypes } from './reserved.ts'
import type { ListOptions, RecordStore } from './store.ts'
import type { GroupRecord, LookupMember } from './types.ts'
import { RecordVerifier } from './verify.ts'
import { sameBytes } from '../common/bytes.ts'

/** A record id in canonical form (lowercase hex); throws `INVALID_ARGUMENT`. */
function canonicalId (id: string): string {
  const lower = typeof id === 'string' ? id.toLowerCase() : ''
  if (!isRecordId(lower)) throw new PeerhoodError('INVALID_ARGUMENT', 'a record id is 32 hex characters', { details: { id } })
  return lower
}

/** The group database of one group. Dispatches `record:changed` ({@link RecordChange}) and `record:conflict` ({@link RecordConflict}). */
export class GroupDatabase extends EventTarget {
  /** The group. */
  readonly groupId: string
  /** The record store. */
  readonly store: RecordStore
  private readonly privateKey: PrivateKey
  private readonly selfId: string
  private readonly lookupMember: LookupMember
  private readonly maxRecordSize: number
  private readonly deferred: DeferredQueue
  private readonly now: () => number
  private readonly randomBytes: (length: number) => Uint8Array
  private readonly reserved: ReservedTypes
  private readonly revokedAt: ((peerId: string) => number | undefined) | undefined
  private readonly verifier = new RecordVerifier()
  private readonly lock = new KeyedLock()

  constructor (init: GroupDatabaseInit) {
    super()
    this.groupId = init.groupId
    this.store = init.store
    this.privateKey = init.self.privateKey
    this.selfId = init.self.peerId.toString()
    peerIdStringToBytes(this.selfId) // INVALID_PEER_ID now rather than at the first change
    this.lookupMember = init.lookupMember
    this.maxRecordSize = init.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE
    this.deferred = new DeferredQueue(init.maxDeferred ?? DEFAULT_MAX_DEFERRED)
    this.now = init.now ?? Date.now
    this.randomBytes = init.randomBytes ?? cryptoRandomBytes
    this.reserved = init.reserved ?? NO_RESERVED_TYPES
    this.revokedAt = init.revokedAt
  }

  /**
   * Drops the versions `peerId` made at or after `since` (its revocation, issue 15) that this
   * node stored before it heard of the revocation; resolves with the ids dropped. One scan of the
   * group's records. A version a member still holds from before the revocation comes back by
   * sync, and is accepted.
   */
  async dropVersionsOf (peerId: string, since: number): Promise<string[]> {
    const due: GroupRecord[] = []
    for await (const { record } of this.store.list(this.groupId, { includeDeleted: true })) {
      if (record.modifier === peerId && record.modified >= since) due.push(record)
    }
    const dropped: string[] = []
    for (const record of due) {
      if (await this.store.remove(this.groupId, record.id)) {
        dropped.push(record.id)
        if (!record.deleted) this.emit('deleted', record)
      }
    }
    return dropped
  }

  /** Records parked for deferred validation. */
  get deferredCount (): number {
    return this.deferred.size
  }

  /** Records from `sender` first parked in (`after`, `upTo`] and still waiting for their signers. */
  parkedFrom (sender: string, after: number, upTo: number): number {
    return this.deferred.parkedBetween(sender, after, upTo)
  }

  private emit (changeType: RecordChangeType | undefined, record: GroupRecord): void {
    if (changeType === undefined) return
    const detail: RecordChange = { changeType, groupId: this.groupId, recordId: record.id, recordType: record.type }
    this.dispatchEvent(new CustomEvent('record:changed', { detail }))
  }

  /** This node's stored version lost a race to `kept` (issue 15, point 5): the application may show or merge it. */
  private emitConflict (kept: GroupRecord, lost: GroupRecord): void {
    const detail: RecordConflict = { groupId: this.groupId, recordId: kept.id, recordType: kept.type, kept: versionOf(kept), lost: versionOf(lost) }
    this.dispatchEvent(new CustomEvent('record:conflict', { detail }))
  }

  private async current (id: string): Promise<DecodedRecord> {
    const found = await this.store.get(this.groupId, canonicalId(id))
    if (found === undefined || found.record.deleted) throw new PeerhoodError('RECORD_NOT_FOUND', 'no such record', { details: { id } })
    return found
  }

  private async publish (record: GroupRecord, previous: DecodedRecord | undefined, options: LocalChangeOptions): Promise<PublishedRecord> {
    const sealed = this.seal(record, previous, options)
    await this.store.put(sealed)
    this.emit(changeTypeOf(record, previous?.record), record)
    return { record, bytes: sealed.bytes, hash: sealed.hash }
  }

  /** Checks a local change against the rules and signs it. */
  private seal (record: GroupRecord, previous: DecodedRecord | undefined, options: LocalChangeOptions): DecodedRecord {
    const body = encodeRecordBody(record)
    throwIfProblem(localChangeProblem({
      record,
      size: signedRecordSize(body.length),
      maxRecordSize: this.maxRecordSize,
      credential: this.lookupMember(this.selfId),
      ...(previous === undefined ? {} : { previous: previous.record }),
      system: options.system === true,
      reserved: this.reserved
    }))
    return sealRecord(record, this.privateKey, body)
  }

  /** A fresh record id bound to this member: its creator tag and 8 random bytes (issue 15). */
  private randomId (): string {
    return boundRecordId(this.groupId, this.selfId, this.randomBytes(RECORD_ID_BYTES / 2))
  }

  /**
   * Adds a record signed by this member (a `per-creator` reserved type: under its reserved id,
   * which {@link writeReserved} also revives). Throws `NOT_AUTHORIZED`, `INVALID_ATTRIBUTES`,
   * `MAX_RECORD_SIZE_EXCEEDED`, `INVALID_RECORD(_EXPIRATION)`, `INVALID_RESERVED_RECORD`...
   */
  async add (init: AddRecordInit, options: LocalChangeOptions = {}): Promise<PublishedRecord> {
    const perCreator = reservedRule(init.type, this.reserved)?.id === 'per-creator'
    if (perCreator && options.system === true) return this.writeReserved(init.type, { data: init.data ?? new Uint8Array(0), attributes: init.attributes ?? [], expires: init.expires })
    const id = perCreator ? this.reservedId(init.type) : this.randomId()
    const record = newRecord(this.groupId, id, this.selfId, this.now(), init)
    return this.lock.run(id, async () => this.publish(record, undefined, options))
  }

  /**
   * Adds many application records signed by this member, stored in one write (bulk import): all
   * or nothing. Every record is checked and signed first; the first that breaks a rule fails the
   * whole call with its code and `details.index`, and nothing is stored. Reserved types are refused
   * (`INVALID_RESERVED_RECORD`): the node writes its own. Codes as {@link add}.
   */
  async addMany (inits: readonly AddRecordInit[], options: LocalChangeOptions = {}): Promise<PublishedRecord[]> {
    const now = this.now()
    const sealed = inits.map((init, index) => {
      try {
        if (reservedRule(init.type, this.reserved) !== undefined) {
          throw new PeerhoodError('INVALID_RESERVED_RECORD', `records of the reserved type ${init.type} are written by the node`, { details: { type: init.type } })
        }
        return this.seal(newRecord(this.groupId, this.randomId(), this.selfId, now, init), undefined, options)
      } catch (err) {
        if (err instanceof PeerhoodError) throw new PeerhoodError(err.code, `record ${index}: ${err.message}`, { cause: err, details: { ...err.details, index } })
        throw err
      }
    })
    await this.store.putNew(sealed)
    for (const { record } of sealed) this.emit('added', record)
    return sealed.map(({ record, bytes, hash }) => ({ record, bytes, hash }))
  }

  /** The id of `creator`'s record of a `per-creator` reserved type in this group. @default creator this member */
  reservedId (type: string, creator: string = this.selfId): string {
    return reservedRecordId(this.groupId, type, creator)
  }

  /** The stored version (tombstones included) of a record, or undefined. */
  async find (id: string): Promise<GroupRecord | undefined> {
    return (await this.store.get(this.groupId, canonicalId(id)))?.record
  }

  /**
   * Writes this member's record of a `per-creator` reserved type (the node's own records): adds
   * it, updates it, or revives it over its tombstone, under its reserved id.
   */
  async writeReserved (type: string, write: ReservedWrite): Promise<PublishedRecord> {
    const id = write.subject === undefined ? this.reservedId(type) : reservedSubjectId(this.groupId, type, this.selfId, write.subject)
    return this.lock.run(id, async () => {
      const current = await this.store.get(this.groupId, id)
      const now = this.now()
      const attributes = write.attributes ?? []
      const modified = current === undefined ? now : Math.max(now, current.record.modified)
      const data = typeof write.data === 'function' ? write.data(modified) : write.data
      if (current === undefined) return this.publish(newRecord(this.groupId, id, this.selfId, now, { type, data, attributes, expires: write.expires }), undefined, { system: true })
      const next = updatedRecord(current.record, this.selfId, now, { data, attributes, expires: Math.max(write.expires, current.record.expires) })
      return this.publish({ ...next, deleted: false }, current, { system: true })
    })
  }

  /** Updates a record (creator or administrator). Throws `RECORD_NOT_FOUND`, `NOT_AUTHORIZED`, ... */
  async update (id: string, patch: UpdateRecordInit, options: LocalChangeOptions = {}): Promise<PublishedRecord> {
    return this.lock.run(canonicalId(id), async () => {
      const current = await this.current(id)
      return this.publish(updatedRecord(current.record, this.selfId, this.now(), patch), current, options)
    })
  }

  /** Deletes a record, leaving a tombstone until the deleted version would have expired. Throws `RECORD_NOT_FOUND`, `NOT_AUTHORIZED`. */
  async delete (id: string, options: LocalChangeOptions = {}): Promise<PublishedRecord> {
    return this.lock.run(canonicalId(id), async () => {
      const current = await this.current(id)
      const tombstone = tombstoneRecord(current.record, this.selfId, this.now())
      return this.publish(tombstone, current, options)
    })
  }

  /** A live record; throws `RECORD_NOT_FOUND` (tombstones included) or `INVALID_ARGUMENT` (not an id). */
  async get (id: string): Promise<GroupRecord> {
    return (await this.current(id)).record
  }

  /** Live records, optionally of one type. Expired records stay until the next {@link expire}. */
  async * list (options: Pick<ListOptions, 'type'> = {}): AsyncGenerator<GroupRecord> {
    for await (const found of this.store.list(this.groupId, options)) yield found.record
  }

  /** Live records matching a query (JSON or `<peersearch>` XML); throws `INVALID_SEARCH` at once. */
  search (query: SearchQuery): AsyncGenerator<GroupRecord> {
    const match = compileQuery(query)
    return this.matching(match)
  }

  private async * matching (match: RecordMatcher): AsyncGenerator<GroupRecord> {
    for await (const record of this.list()) if (match(record)) yield record
  }

  /** Whether the stateless ingress stages (size, envelope, group, shape, reserved id) take these bytes. */
  admits (bytes: Uint8Array): boolean {
    return !('action' in this.admit(bytes))
  }

  /** {@link admits} for a record decoded already (a stored record about to be served). */
  admitsDecoded (decoded: DecodedRecord): boolean {
    return !('action' in admitDecoded(decoded, { groupId: this.groupId, maxRecordSize: this.maxRecordSize, reserved: this.reserved }))
  }

  /**
   * Runs a record from another member through the ingress pipeline; stores it on accept, parks it
   * on defer (against `sender`'s budget: past it, `UNKNOWN_SIGNER_FLOOD`).
   */
  async applyRemote (bytes: Uint8Array, now: number = this.now(), sender: string = ''): Promise<IngressVerdict> {
    return this.apply(bytes, now, sender, now)
  }

  private async apply (bytes: Uint8Array, now: number, sender: string, parkedAt: number): Promise<IngressVerdict> {
    const admitted = this.admit(bytes)
    if ('action' in admitted) return admitted
    return this.lock.run(admitted.record.id, async () => {
      const stored = await this.store.get(this.groupId, admitted.record.id)
      const result = this.judgeRemote(admitted, now, sender, parkedAt, stored)
      if (result.action !== 'accept') return result
      if (!(await this.store.put(admitted))) return verdict('STALE', admitted)
      this.announce(admitted, stored)
      return result
    })
  }

  /** The stateless ingress stages (size, envelope, group, shape, reserved id): a verdict, or the decoded record to apply. */
  admit (bytes: Uint8Array): IngressVerdict | DecodedRecord {
    return admitIngress(bytes, { groupId: this.groupId, maxRecordSize: this.maxRecordSize, reserved: this.reserved })
  }

  /**
   * {@link applyRemote} for a page of records from one sender (sync): the same stages in the same
   * order and the same verdicts, with one read of the stored versions and one write for all
   * accepted records (a read and a commit per record were most of a cold join's time). A record whose id comes
   * again in the page is applied after the others, alone. Resolves with the verdicts in order.
   */
  async applyRemoteMany (records: readonly Uint8Array[], now: number = this.now(), sender: string = ''): Promise<IngressVerdict[]> {
    const admitted = records.map(bytes => this.admit(bytes))
    const decoded = admitted.filter((a): a is DecodedRecord => !('action' in a))
    const applied = await this.applyAdmittedMany(decoded, now, sender)
    let next = 0
    return admitted.map(a => 'action' in a ? a : applied[next++]!)
  }

  /** {@link applyRemoteMany} for records that passed {@link admit}. */
  async applyAdmittedMany (records: readonly DecodedRecord[], now: number = this.now(), sender: string = ''): Promise<IngressVerdict[]> {
    const verdicts: IngressVerdict[] = new Array(records.length)
    const page = new Map<string, { index: number, decoded: DecodedRecord }>()
    const again: number[] = []
    records.forEach((decoded, index) => {
      if (page.has(decoded.record.id)) again.push(index)
      else page.set(decoded.record.id, { index, decoded })
    })
    if (page.size > 0) {
      await this.lock.runAll(page.keys(), async () => {
        const entries = [...page.values()]
        const stored = await this.store.getMany(this.groupId, [...page.keys()])
        // the signatures of the records not stored already, checked on worker threads at once
        const unheld = entries.map(({ decoded }, i) => stored[i] === undefined || !sameBytes(stored[i].bytes, decoded.bytes))
        const checked = await this.verifier.verifyManyAsync(entries.filter((_, i) => unheld[i]).map(({ decoded }) => ({ signed: decoded, modifier: decoded.modifierBytes })))
        let nextChecked = 0
        const signatures = unheld.map(check => check ? checked[nextChecked++] : undefined)
        const accepted: number[] = []
        entries.forEach(({ index, decoded }, i) => {
          verdicts[index] = this.judgeRemote(decoded, now, sender, now, stored[i], signatures[i])
          if (verdicts[index].action === 'accept') accepted.push(i)
        })
        const wins = await this.store.putMany(accepted.map(i => entries[i]!.decoded))
        accepted.forEach((i, k) => {
          const { index, decoded } = entries[i]!
          if (wins[k] === true) this.announce(decoded, stored[i])
          else verdicts[index] = verdict('STALE', decoded)
        })
      })
    }
    for (const index of again) verdicts[index] = await this.apply(records[index]!.bytes, now, sender, now)
    return verdicts
  }

  /** The duplicate stage's other known hashes: the parked records (asking costs a record's hash: only when something is parked). */
  private knownHashes (): ((hash: Uint8Array) => boolean) | undefined {
    return this.deferred.size === 0 ? undefined : (hash: Uint8Array) => this.deferred.has(hash)
  }

  /** The stages after decoding, against the stored version; parks a record whose signer is unknown. Call under the record's lock. */
  private judgeRemote (admitted: DecodedRecord, now: number, sender: string, parkedAt: number, stored: DecodedRecord | undefined, signatureValid?: boolean): IngressVerdict {
    const known = this.knownHashes()
    const result = judgeIngress(admitted, {
      now,
      ...(signatureValid === undefined ? {} : { signatureValid }),
      lookupMember: this.lookupMember,
      verifier: this.verifier,
      reserved: this.reserved,
      ...(this.revokedAt === undefined ? {} : { revokedAt: this.revokedAt }),
      ...(known === undefined ? {} : { isKnown: known }),
      ...(stored === undefined ? {} : { stored })
    })
    if (result.action === 'defer' && !this.deferred.add(admitted, sender, parkedAt)) return verdict('UNKNOWN_SIGNER_FLOOD', admitted)
    // parked is still unvouched for, not known: a bundle carrying it again must not be forwarded
    if (result.reason === 'DUPLICATE' && this.deferred.size > 0 && this.deferred.has(admitted.hash)) return verdict('UNKNOWN_SIGNER', admitted, 'parked already')
    return result
  }

  /** Announces a stored remote record (`stored`: the version it replaced). */
  private announce (admitted: DecodedRecord, stored: DecodedRecord | undefined): void {
    // a second signature over the same body is the same record: kept (so members converge), not announced
    if (stored === undefined || !sameSignedContent(admitted, stored)) this.emit(changeTypeOf(admitted.record, stored?.record), admitted.record)
    if (stored !== undefined && isRace(stored.record, admitted.record) && !sameSignedContent(admitted, stored)) this.emitConflict(admitted.record, stored.record)
  }

  /**
   * Re-validates the parked records whose signer's credential is known now (call when member
   * credentials arrive); resolves with their verdicts. The others stay parked untouched: a record
   * is parked only for want of its signer, and retrying it again cost a read and a signature
   * check each time. A cold sync retried after every batch of 128 records, and a 32-member group's
   * few dozen parked presence records cost the joiner over a thousand checks on its event loop.
   */
  async retryDeferred (now: number = this.now()): Promise<IngressVerdict[]> {
    const verdicts: IngressVerdict[] = []
    const vouched = this.deferred.takeWhere(parked => this.lookupMember(parked.record.record.modifier) !== undefined)
    for (const parked of vouched) verdicts.push(await this.apply(parked.record.bytes, now, parked.sender, parked.at))
    return verdicts
  }

  /** Removes records and tombstones expired at `now`, emitting `expired` for live records; resolves with them. */
  async expire (now: number = this.now()): Promise<GroupRecord[]> {
    const removed = await this.store.expire(this.groupId, now)
    for (const { record } of removed) if (!record.deleted) this.emit('expired', record)
    return removed.map(found => found.record)
  }
}
