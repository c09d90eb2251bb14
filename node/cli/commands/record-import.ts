/**
 * `peerhood record import G FILE.ndjson`: adds every record of a file (one JSON object a line, in
 * the shape `POST /v1/groups/:id/records` takes) through the batch endpoint, with a progress bar.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { PeerhoodError } from '../../../protocols/common/errors.ts'
import type { ApiClient } from '../../api/client.ts'
import { MAX_BATCH_RECORDS } from '../../api/routes-records-batch.ts'
import type { RecordInputJson } from '../../api/routes-records.ts'
import { type Command, emit } from '../command.ts'
import { EXIT } from '../exit-codes.ts'
import { ProgressBar } from '../progress.ts'
import { targetGroup } from './group.ts'

/** Request bodies stay under this many bytes of record lines. */
const BATCH_BYTES = 8 * 1024 * 1024
/** Batches in flight: the node stores one while the next crosses the wire. */
const IN_FLIGHT = 2

type RecordLine = RecordInputJson & { type: string }

/** Parses one line of the file. Codes: `INVALID_ARGUMENT` with `details.line`. */
export function parseRecordLine (text: string, line: number): RecordLine {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new PeerhoodError('INVALID_ARGUMENT', `line ${line}: not a JSON object`, { details: { line } })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as { type?: unknown }).type !== 'string') {
    throw new PeerhoodError('INVALID_ARGUMENT', `line ${line}: a record is a JSON object with a "type"`, { details: { line } })
  }
  return value as RecordLine
}

/** Counts the lines of a file that hold something, for the progress bar's total. */
async function countRecords (path: string): Promise<number> {
  let n = 0
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) if (line.trim() !== '') n++
  return n
}

/** Batches of records, by count and bytes, with the line number of each batch's first record. */
async function * batches (path: string): AsyncGenerator<{ records: RecordLine[], firstLine: number }> {
  let records: RecordLine[] = []
  let bytes = 0
  let firstLine = 1
  let line = 0
  for await (const text of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    line++
    if (text.trim() === '') continue
    if (records.length === 0) firstLine = line
    records.push(parseRecordLine(text, line))
    bytes += text.length
    if (records.length >= MAX_BATCH_RECORDS || bytes >= BATCH_BYTES) {
      yield { records, firstLine }
      records = []
      bytes = 0
    }
  }
  if (records.length > 0) yield { records, firstLine }
}

/** Sends every batch, `IN_FLIGHT` at a time; `onStored` after each acknowledgement. */
async function importFile (client: ApiClient, groupId: string, path: string, onStored: (count: number) => void): Promise<number> {
  let imported = 0
  const running = new Set<Promise<void>>()
  let failure: unknown
  for await (const { records, firstLine } of batches(path)) {
    if (failure !== undefined) break
    const sent = client.addRecordsBatch(groupId, records).then(result => {
      imported += result.count
      onStored(result.count)
    }, (err: unknown) => {
      // a batch is all or nothing: name the file line of the record it refused
      if (err instanceof PeerhoodError && typeof err.details?.index === 'number') {
        failure = new PeerhoodError(err.code, err.message.replace(/^record \d+: /, `line ${firstLine + err.details.index}: `), { cause: err, details: { ...err.details, line: firstLine + err.details.index } })
      } else failure ??= err
    }).finally(() => { running.delete(sent) })
    running.add(sent)
    if (running.size >= IN_FLIGHT) await Promise.race(running)
  }
  await Promise.all(running)
  if (failure !== undefined) {
    if (failure instanceof PeerhoodError) throw new PeerhoodError(failure.code, `${failure.message} (${imported} records were imported before it)`, { cause: failure, details: { ...failure.details, imported } })
    throw failure
  }
  return imported
}

const recordImport: Command = {
  words: ['record', 'import'],
  positionals: ['group', 'file'],
  async run (ctx) {
    const { client, groupId } = await targetGroup(ctx)
    const path = ctx.args[1]!
    const total = await countRecords(path).catch((err: unknown) => {
      throw new PeerhoodError('INVALID_ARGUMENT', `cannot read ${path}`, { cause: err, details: { path } })
    })
    const bar = new ProgressBar({ write: text => { process.stderr.write(text) }, isTTY: ctx.flags.json !== true && process.stderr.isTTY, columns: process.stderr.columns })
    const started = performance.now()
    let stored = 0
    let imported: number
    try {
      imported = await importFile(client, groupId, path, count => { stored += count; bar.update(stored, total) })
    } finally {
      bar.clear()
    }
    const seconds = (performance.now() - started) / 1000
    const rate = seconds > 0 ? imported / seconds : imported
    emit(ctx, { groupId, imported, seconds, recordsPerSecond: rate }, () => `imported ${imported} records in ${seconds.toFixed(1)} s (${Math.round(rate)} records/s)`)
    return EXIT.OK
  }
}

/** `record import`. */
export const recordImportCommands: Command[] = [recordImport]
