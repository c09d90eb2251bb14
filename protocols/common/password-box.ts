/**
 * Password-sealed text: scrypt derives 48 bytes from the password; the first 32 are an
 * AES-256-GCM key, the next 16 a check value stored in the header so that a wrong password is
 * told apart from damaged data. The header is authenticated as associated data.
 *
 * Sealed form: `<prefix><base64url(header JSON)>.<base64url(ciphertext ‖ 16-byte tag)>`, with
 * header `{"v":1,"kdf":"scrypt","N":…,"r":8,"p":1,"salt":…,"iv":…,"check":…}` (binary fields
 * base64url). Whitespace anywhere in the text is ignored, so it survives line-wrapped pasting.
 */
import { createCipheriv, createDecipheriv, scrypt, timingSafeEqual } from 'node:crypto'
import { PeerhoodError } from './errors.ts'
import { cryptoRandom, type RandomSource } from './random.ts'

/** Default scrypt cost N (2^15: about 32 MiB and 0.1 s). */
export const DEFAULT_SCRYPT_N = 1 << 15

/** Largest scrypt cost accepted (2^17: 128 MiB; bounds what a crafted text can make us spend). */
export const MAX_SCRYPT_N = 1 << 17

/** Options of {@link sealWithPassword}. */
export interface SealOptions {
  /** scrypt cost parameter N, a power of two. @default 32768 */
  scryptN?: number
  /** Randomness for the salt and IV. @default node:crypto */
  random?: RandomSource
}

interface Header {
  v: 1
  kdf: 'scrypt'
  N: number
  r: number
  p: number
  salt: string
  iv: string
  check: string
}

async function derive (password: string, salt: Uint8Array, h: Pick<Header, 'N' | 'r' | 'p'>): Promise<Buffer> {
  return await new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, 48, { N: h.N, r: h.r, p: h.p, maxmem: 256 * h.N * h.r + 1024 * 1024 }, (err, key) => {
      if (err === null) resolve(key)
      else reject(err)
    })
  })
}

function invalidExport (message: string, cause?: unknown): PeerhoodError {
  return new PeerhoodError('INVALID_EXPORT', message, cause === undefined ? {} : { cause })
}

/** Seals `plaintext` with `password`; `prefix` starts the text and is authenticated too. */
export async function sealWithPassword (plaintext: Uint8Array, password: string, prefix: string, options: SealOptions = {}): Promise<string> {
  if (password.length === 0) throw new PeerhoodError('INVALID_ARGUMENT', 'the password is empty')
  const random = options.random ?? cryptoRandom
  const N = options.scryptN ?? DEFAULT_SCRYPT_N
  if (!Number.isInteger(Math.log2(N)) || N < 2 || N > MAX_SCRYPT_N) throw new PeerhoodError('INVALID_ARGUMENT', 'scryptN is a power of two up to 2^17')
  const salt = random(16)
  const iv = random(12)
  const derived = await derive(password, salt, { N, r: 8, p: 1 })
  const header: Header = {
    v: 1,
    kdf: 'scrypt',
    N,
    r: 8,
    p: 1,
    salt: Buffer.from(salt).toString('base64url'),
    iv: Buffer.from(iv).toString('base64url'),
    check: derived.subarray(32, 48).toString('base64url')
  }
  const headerText = Buffer.from(JSON.stringify(header)).toString('base64url')
  const cipher = createCipheriv('aes-256-gcm', derived.subarray(0, 32), iv)
  cipher.setAAD(Buffer.from(prefix + headerText))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
  return `${prefix}${headerText}.${body.toString('base64url')}`
}

function parseHeader (text: string): Header {
  let h: Header
  try {
    h = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
  } catch (err) {
    throw invalidExport('unreadable header', err)
  }
  const ok = typeof h === 'object' && h !== null && h.v === 1 && h.kdf === 'scrypt' &&
    Number.isInteger(Math.log2(h.N)) && h.N >= 2 && h.N <= MAX_SCRYPT_N && h.r === 8 && h.p === 1 &&
    typeof h.salt === 'string' && typeof h.iv === 'string' && typeof h.check === 'string' &&
    Buffer.from(h.iv, 'base64url').length === 12 && Buffer.from(h.check, 'base64url').length === 16
  if (!ok) throw invalidExport('unsupported header')
  return h
}

/**
 * Opens text sealed with {@link sealWithPassword}. Throws `BAD_PASSWORD` when the password does
 * not match the check value, `INVALID_EXPORT` when the text is damaged or tampered with.
 */
export async function openWithPassword (sealed: string, password: string, prefix: string): Promise<Uint8Array> {
  if (password.length === 0) throw new PeerhoodError('INVALID_ARGUMENT', 'the password is empty')
  const text = sealed.replace(/\s+/g, '')
  if (!text.startsWith(prefix)) throw invalidExport(`does not start with ${prefix}`)
  const [headerText, bodyText, ...rest] = text.slice(prefix.length).split('.')
  if (headerText === undefined || bodyText === undefined || rest.length > 0) throw invalidExport('not header.body')
  const h = parseHeader(headerText)
  const derived = await derive(password, Buffer.from(h.salt, 'base64url'), h)
  if (!timingSafeEqual(derived.subarray(32, 48), Buffer.from(h.check, 'base64url'))) throw new PeerhoodError('BAD_PASSWORD', 'wrong password')
  const body = Buffer.from(bodyText, 'base64url')
  if (body.length < 16) throw invalidExport('body too short')
  try {
    const decipher = createDecipheriv('aes-256-gcm', derived.subarray(0, 32), Buffer.from(h.iv, 'base64url'))
    decipher.setAAD(Buffer.from(prefix + headerText))
    decipher.setAuthTag(body.subarray(body.length - 16))
    return new Uint8Array(Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]))
  } catch (err) {
    throw invalidExport('damaged or tampered with', err)
  }
}
