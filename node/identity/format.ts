/**
 * The identity export file (Windows' PeerIdentityExport), version 1. Two lines of text:
 *
 * ```
 * peerhood-identity-export v1
 * {"v":1,"kdf":"scrypt","N":131072,"r":8,"p":1,"salt":"…","iv":"…","check":"…","ciphertext":"…","tag":"…"}
 * ```
 *
 * Binary fields are base64url. The key comes from scrypt(password NFC, salt): 64 bytes, the first
 * 32 the AES-256-GCM key, the last 32 the check key. `check` is HMAC-SHA256(check key,
 * {@link CHECK_LABEL}): it tells a wrong password from a damaged file (a changed salt, scrypt
 * parameter or check value reads as a wrong password too; any other change as damage). The
 * plaintext is JSON
 * `{ key, certificate, displayName }` (libp2p private key protobuf and certificate DER, base64url);
 * the first line and every header field are GCM additional data, so any change to them is caught.
 */
import { PeerhoodError } from '../../protocols/common/errors.ts'

/** First line of an export file. */
export const EXPORT_MAGIC = 'peerhood-identity-export'

/** Format version this code writes. */
export const EXPORT_VERSION = 1

/** HMAC input of the password check value. */
export const CHECK_LABEL = 'peerhood-identity-export password check'

/** scrypt cost written into new exports (OWASP's minimum for scrypt: N=2^17, r=8, p=1). */
export const KDF_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const

/** Largest scrypt memory (128·N·r bytes) an import agrees to spend: 256 MiB. */
export const MAX_KDF_MEMORY = 256 * 1024 * 1024

/** Largest export file read, in bytes. */
export const MAX_EXPORT_SIZE = 64 * 1024

/** Byte lengths of the fixed-size fields. */
export const FIELD_LENGTHS = { salt: 16, iv: 12, check: 32, tag: 16 } as const

/** A parsed export file. */
export interface IdentityExport {
  /** Format version. */
  v: typeof EXPORT_VERSION
  /** Key derivation function. */
  kdf: 'scrypt'
  /** scrypt cost parameter (a power of two). */
  N: number
  /** scrypt block size. */
  r: number
  /** scrypt parallelisation. */
  p: number
  /** scrypt salt, 16 bytes. */
  salt: Uint8Array
  /** AES-GCM nonce, 12 bytes. */
  iv: Uint8Array
  /** Password check value, 32 bytes. */
  check: Uint8Array
  /** Encrypted plaintext. */
  ciphertext: Uint8Array
  /** AES-GCM tag, 16 bytes. */
  tag: Uint8Array
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url')

function invalid (message: string, details?: Record<string, unknown>): PeerhoodError {
  return new PeerhoodError('INVALID_EXPORT', message, details === undefined ? {} : { details })
}

/** The text of an export file. */
export function encodeExport (e: IdentityExport): string {
  const body = { v: e.v, kdf: e.kdf, N: e.N, r: e.r, p: e.p, salt: b64(e.salt), iv: b64(e.iv), check: b64(e.check), ciphertext: b64(e.ciphertext), tag: b64(e.tag) }
  return `${EXPORT_MAGIC} v${e.v}\n${JSON.stringify(body)}\n`
}

/** The GCM additional data: the first line and every header field, in a fixed order. */
export function headerBytes (e: IdentityExport): Uint8Array {
  return Buffer.from(`${EXPORT_MAGIC} v${e.v}\n${JSON.stringify([e.v, e.kdf, e.N, e.r, e.p, b64(e.salt), b64(e.iv), b64(e.check)])}`)
}

function bytes (body: Record<string, unknown>, name: string, length?: number): Uint8Array {
  const text = body[name]
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text)) throw invalid(`field ${name} is not base64url`, { field: name })
  const out = new Uint8Array(Buffer.from(text, 'base64url'))
  // canonical only: a changed character must change the bytes, or a garbled file could pass
  if (b64(out) !== text) throw invalid(`field ${name} is not canonical base64url`, { field: name })
  if (length !== undefined ? out.length !== length : out.length === 0) throw invalid(`field ${name} has the wrong length`, { field: name })
  return out
}

function kdfParam (body: Record<string, unknown>, name: 'N' | 'r' | 'p', ok: (n: number) => boolean): number {
  const n = body[name]
  if (typeof n !== 'number' || !Number.isInteger(n) || !ok(n)) throw invalid(`scrypt parameter ${name} is out of range`, { field: name })
  return n
}

/** Parses an export file's text, checking its structure (not its password). Code: `INVALID_EXPORT`. */
export function decodeExport (text: string): IdentityExport {
  if (text.length > MAX_EXPORT_SIZE) throw invalid('identity export is too large')
  const [first, ...rest] = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/)
  const version = /^peerhood-identity-export v(\d+)$/.exec(first?.trim() ?? '')?.[1]
  if (version === undefined) throw invalid('not a Peerhood identity export')
  if (Number(version) !== EXPORT_VERSION) throw invalid(`identity export version ${version} is not supported`, { version: Number(version) })
  let body: Record<string, unknown>
  try {
    body = JSON.parse(rest.join('\n'))
  } catch (err) {
    throw new PeerhoodError('INVALID_EXPORT', 'identity export body is not JSON', { cause: err })
  }
  if (typeof body !== 'object' || body === null || body.v !== EXPORT_VERSION || body.kdf !== 'scrypt') throw invalid('identity export header is invalid')
  const N = kdfParam(body, 'N', n => n >= 2 ** 14 && (n & (n - 1)) === 0)
  const r = kdfParam(body, 'r', n => n >= 1 && n <= 32 && 128 * N * n <= MAX_KDF_MEMORY)
  const p = kdfParam(body, 'p', n => n >= 1 && n <= 16)
  return {
    v: EXPORT_VERSION,
    kdf: 'scrypt',
    N,
    r,
    p,
    salt: bytes(body, 'salt', FIELD_LENGTHS.salt),
    iv: bytes(body, 'iv', FIELD_LENGTHS.iv),
    check: bytes(body, 'check', FIELD_LENGTHS.check),
    ciphertext: bytes(body, 'ciphertext'),
    tag: bytes(body, 'tag', FIELD_LENGTHS.tag)
  }
}
