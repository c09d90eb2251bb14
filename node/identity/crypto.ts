/**
 * The cryptography of identity exports: scrypt key derivation, the password check value and
 * AES-256-GCM with the header as additional data.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { CHECK_LABEL, FIELD_LENGTHS } from './format.ts'

/** Keys derived from a password. */
export interface DerivedKeys {
  /** AES-256-GCM key. */
  encryptionKey: Buffer
  /** Password check value (HMAC-SHA256 of {@link CHECK_LABEL} under the check key). */
  check: Buffer
}

/** scrypt cost parameters. */
export interface KdfParams {
  N: number
  r: number
  p: number
}

/** Refuses an empty password (`INVALID_ARGUMENT`); returns it in Unicode NFC. */
export function normalizePassword (password: string): string {
  if (typeof password !== 'string' || password.length === 0) throw new PeerhoodError('INVALID_ARGUMENT', 'the password must not be empty')
  return password.normalize('NFC')
}

/** Derives the encryption key and the check value from `password` and `salt`. */
export async function deriveKeys (password: string, salt: Uint8Array, params: KdfParams): Promise<DerivedKeys> {
  const maxmem = 2 * 128 * params.N * params.r + 1024 * 1024
  const derived = await new Promise<Buffer>((resolve, reject) => {
    scrypt(normalizePassword(password), salt, 64, { N: params.N, r: params.r, p: params.p, maxmem }, (err, key) => { err === null ? resolve(key) : reject(err) })
  })
  const check = createHmac('sha256', derived.subarray(32)).update(CHECK_LABEL).digest()
  return { encryptionKey: derived.subarray(0, 32), check }
}

/** Whether `check` is the check value of the derived keys (constant time). */
export function checkMatches (keys: DerivedKeys, check: Uint8Array): boolean {
  return check.length === keys.check.length && timingSafeEqual(keys.check, check)
}

/** Encrypts `plaintext` under `key` with the nonce `iv` (fresh for every export), authenticating `aad` too. */
export function seal (key: Buffer, iv: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): { ciphertext: Uint8Array, tag: Uint8Array } {
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: FIELD_LENGTHS.tag })
  cipher.setAAD(aad)
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return { ciphertext: new Uint8Array(ciphertext), tag: new Uint8Array(cipher.getAuthTag()) }
}

/** Decrypts and authenticates; `INVALID_EXPORT` when anything was changed. */
export function open (key: Buffer, iv: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array): Uint8Array {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: FIELD_LENGTHS.tag })
    decipher.setAAD(aad)
    decipher.setAuthTag(tag)
    return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]))
  } catch (err) {
    throw new PeerhoodError('INVALID_EXPORT', 'identity export is damaged or was changed', { cause: err })
  }
}

/** Fresh random salt and nonce. */
export function freshSaltAndIv (): { salt: Uint8Array, iv: Uint8Array } {
  return { salt: new Uint8Array(randomBytes(FIELD_LENGTHS.salt)), iv: new Uint8Array(randomBytes(FIELD_LENGTHS.iv)) }
}
