/**
 * Signing records: Ed25519 by the modifier's key over the domain-separated body.
 */
import { sign, type KeyObject } from 'node:crypto'
import type { PrivateKey } from '@libp2p/interface'
import { ed25519PrivateKeyObject } from '../certificates/keys.ts'
import { type DecodedRecord, encodeRecord, encodeRecordBody, recordHash, type SignedRecordParts } from './codec.ts'
import { RECORD_SIGNATURE_DOMAIN } from './constants.ts'
import { peerIdStringToBytes } from './peer-ids.ts'
import type { GroupRecord } from './types.ts'

/** `utf8(RECORD_SIGNATURE_DOMAIN)`. */
export const RECORD_SIGNATURE_DOMAIN_BYTES: Uint8Array = new TextEncoder().encode(RECORD_SIGNATURE_DOMAIN)

const keyObjects = new WeakMap<PrivateKey, KeyObject>()

/** The signed message of a body: `utf8('peerhood/record/v1\n') || body` (a new buffer). */
export function recordSigningMessage (body: Uint8Array): Uint8Array {
  const message = new Uint8Array(RECORD_SIGNATURE_DOMAIN_BYTES.length + body.length)
  message.set(RECORD_SIGNATURE_DOMAIN_BYTES, 0)
  message.set(body, RECORD_SIGNATURE_DOMAIN_BYTES.length)
  return message
}

function keyObject (privateKey: PrivateKey): KeyObject {
  let key = keyObjects.get(privateKey)
  if (key === undefined) {
    key = ed25519PrivateKeyObject(privateKey)
    keyObjects.set(privateKey, key)
  }
  return key
}

/**
 * Signs encoded `RecordBody` bytes with the modifier's Ed25519 key (its node:crypto KeyObject is
 * cached per key). Throws `INVALID_ARGUMENT` for a key that is not Ed25519.
 */
export function signRecord (body: Uint8Array, privateKey: PrivateKey): SignedRecordParts {
  const signature = sign(null, recordSigningMessage(body), keyObject(privateKey))
  return { body, signature: new Uint8Array(signature.buffer, signature.byteOffset, signature.byteLength) }
}

/**
 * Encodes and signs a record version with its modifier's key: the SignedRecord bytes with their
 * parts, typed record and hash. `body` is `encodeRecordBody(record)` when the caller has it.
 */
export function sealRecord (record: GroupRecord, privateKey: PrivateKey, body: Uint8Array = encodeRecordBody(record)): DecodedRecord {
  const signed = signRecord(body, privateKey)
  const bytes = encodeRecord(signed)
  return { ...signed, bytes, record, modifierBytes: peerIdStringToBytes(record.modifier), hash: recordHash(bytes) }
}
