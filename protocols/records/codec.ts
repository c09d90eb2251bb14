/**
 * Wire encoding of records: the typed {@link GroupRecord} ⇄ the protobuf `RecordBody`, and the
 * `SignedRecord` envelope (body bytes as signed + signature). Decoding never re-encodes the body,
 * so a signature always covers exactly the bytes that were received.
 */
import { PeerhoodError } from '../common/errors.ts'
import { toPbAttributes } from './attribute-codec.ts'
import { decodeRecordBody, idHex } from './body-decoder.ts'
import { peerIdStringToBytes } from './peer-ids.ts'
import { recordHash } from './record-hash.ts'
import { decodeSignedRecord } from './signed-decoder.ts'
import { RecordBody, SignedRecord } from './pb/record.ts'
import type { GroupRecord } from './types.ts'

/** Bytes of an Ed25519 signature. */
export const SIGNATURE_BYTES = 64

export { decodeRecordBody, recordHash }

/** A SignedRecord envelope: the body bytes exactly as signed, and the modifier's signature. */
export interface SignedRecordParts {
  /** Encoded `RecordBody`. */
  body: Uint8Array
  /** Ed25519 signature over `utf8('peerhood/record/v1\n') || body`. */
  signature: Uint8Array
}

/** A record as received or stored: its bytes, envelope, typed form and content hash. */
export interface DecodedRecord extends SignedRecordParts {
  /** The encoded SignedRecord. */
  bytes: Uint8Array
  /** The typed record. */
  record: GroupRecord
  /** Multihash bytes of the modifier (who signed). */
  modifierBytes: Uint8Array
  /** {@link recordHash} of `bytes`. */
  readonly hash: Uint8Array
}

/** A record id (16 bytes) as 32 lowercase hex characters. */
export function recordIdToHex (id: Uint8Array): string {
  return idHex(id)
}

/** The bytes of a record id given as 32 hex characters; throws `INVALID_ARGUMENT`. */
export function recordIdFromHex (id: string): Uint8Array {
  if (!/^[0-9a-fA-F]{32}$/.test(id)) throw new PeerhoodError('INVALID_ARGUMENT', 'a record id is 32 hex characters', { details: { id } })
  return Uint8Array.from(Buffer.from(id, 'hex'))
}

/** Whether `id` is a record id in canonical form (32 lowercase hex characters). */
export function isRecordId (id: string): boolean {
  return /^[0-9a-f]{32}$/.test(id)
}

/** Encodes a typed record as `RecordBody` bytes (the bytes to sign). */
export function encodeRecordBody (record: GroupRecord): Uint8Array<ArrayBuffer> {
  return RecordBody.encode({
    groupId: record.groupId,
    type: record.type,
    id: recordIdFromHex(record.id) as Uint8Array<ArrayBuffer>,
    version: record.version,
    creator: peerIdStringToBytes(record.creator) as Uint8Array<ArrayBuffer>,
    modifier: peerIdStringToBytes(record.modifier) as Uint8Array<ArrayBuffer>,
    created: record.created,
    modified: record.modified,
    expires: record.expires,
    attributes: toPbAttributes(record.attributes),
    data: record.data as Uint8Array<ArrayBuffer>,
    deleted: record.deleted
  })
}

/** Encodes a SignedRecord envelope. */
export function encodeRecord (signed: SignedRecordParts): Uint8Array<ArrayBuffer> {
  return SignedRecord.encode({ body: signed.body as Uint8Array<ArrayBuffer>, signature: signed.signature as Uint8Array<ArrayBuffer> })
}

function invalid (message: string, cause?: unknown): PeerhoodError {
  return new PeerhoodError('INVALID_RECORD', message, cause === undefined ? {} : { cause })
}

class Decoded implements DecodedRecord {
  readonly bytes: Uint8Array
  readonly body: Uint8Array
  readonly signature: Uint8Array
  readonly record: GroupRecord
  readonly modifierBytes: Uint8Array
  private digest?: Uint8Array

  constructor (bytes: Uint8Array, body: Uint8Array, signature: Uint8Array, record: GroupRecord, modifierBytes: Uint8Array) {
    this.bytes = bytes
    this.body = body
    this.signature = signature
    this.record = record
    this.modifierBytes = modifierBytes
  }

  // computed on first use, and not at all when gossip's message id already hashed these bytes:
  // ingress needs it only for parked records and to store an accepted one
  get hash (): Uint8Array {
    this.digest ??= recordHash(this.bytes)
    return this.digest
  }
}

/**
 * Decodes an encoded SignedRecord (no signature check); throws `INVALID_RECORD` /
 * `INVALID_ATTRIBUTES`. The views share `bytes`; `hash` is computed when first read.
 */
export function decodeRecord (bytes: Uint8Array): DecodedRecord {
  let signed: SignedRecordParts
  try {
    signed = decodeSignedRecord(bytes)
  } catch (err) {
    throw invalid('not a signed record', err)
  }
  if (signed.signature.length !== SIGNATURE_BYTES) throw invalid('a signature is 64 bytes')
  const { record, modifierBytes } = decodeRecordBody(signed.body)
  return new Decoded(bytes, signed.body, signed.signature, record, modifierBytes)
}
