/**
 * The group password as administrators hold it: a salted scrypt verifier, never the password.
 *
 * key = scrypt(NFC(password), salt ‖ utf8(groupId), N, r = 8, p = 1, 32 bytes)
 *
 * The group id in the salt ties a key to one group, so one password reused across groups yields
 * unrelated keys. The key is a password equivalent for joining (whoever holds it can answer the
 * challenge), so it is as secret as the password: only administrators store it.
 */
import { scrypt } from 'node:crypto'
import { PeerhoodError } from '../common/errors.ts'
import { cryptoRandom, type RandomSource } from '../certificates/serial.ts'
import { DEFAULT_SCRYPT_N, KEY_BYTES, MAX_PASSWORD_LENGTH, MAX_SCRYPT_N, MIN_PASSWORD_LENGTH, MIN_SCRYPT_N, SALT_BYTES, SCRYPT_P, SCRYPT_R } from './constants.ts'

/** scrypt cost parameters. */
export interface ScryptParams {
  /** Cost N, a power of two. */
  N: number
  /** Block size. */
  r: number
  /** Parallelisation. */
  p: number
}

/** A group password verifier: secret to the group's administrators. */
export interface PasswordVerifier extends ScryptParams {
  /** Random salt, 16 bytes. */
  salt: Uint8Array
  /** scrypt(password, salt ‖ groupId), 32 bytes. */
  key: Uint8Array
}

/** Options of {@link createPasswordVerifier}. */
export interface PasswordVerifierOptions {
  /** The group the password is for. */
  groupId: string
  /** scrypt cost N, a power of two from 2^10 to 2^18. @default 131072 (2^17) */
  scryptN?: number
  /** Randomness for the salt. @default node:crypto */
  random?: RandomSource
}

/** Whether N is a power of two within the accepted range. */
export function isAcceptedScryptN (N: number): boolean {
  return Number.isInteger(N) && N >= MIN_SCRYPT_N && N <= MAX_SCRYPT_N && (N & (N - 1)) === 0
}

/**
 * Checks a new group password against the policy (8 to 1024 characters after Unicode NFC, not
 * only white space); returns it in NFC. Throws `PASSWORD_DOES_NOT_MEET_POLICY`.
 */
export function checkPasswordPolicy (password: string): string {
  const normalized = typeof password === 'string' ? password.normalize('NFC') : ''
  const length = [...normalized].length
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH || normalized.trim() === '') {
    throw new PeerhoodError('PASSWORD_DOES_NOT_MEET_POLICY', `a group password is ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`, { details: { minLength: MIN_PASSWORD_LENGTH } })
  }
  return normalized
}

/** Derives the verifier key of `password` for `groupId` (one scrypt at the given cost). */
export async function derivePasswordKey (password: string, salt: Uint8Array, groupId: string, params: ScryptParams): Promise<Uint8Array> {
  const input = Buffer.concat([salt, Buffer.from(groupId, 'utf8')])
  const maxmem = 128 * params.N * params.r * params.p + 128 * params.N * params.r + 1024 * 1024
  return await new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), input, KEY_BYTES, { N: params.N, r: params.r, p: params.p, maxmem }, (err, key) => {
      if (err === null) resolve(new Uint8Array(key))
      else reject(new PeerhoodError('INVALID_ARGUMENT', 'scrypt failed', { cause: err }))
    })
  })
}

/**
 * Makes the verifier of a new group password (the creator sets it; administrators store it).
 * Codes: `PASSWORD_DOES_NOT_MEET_POLICY`, `INVALID_ARGUMENT` (a bad `scryptN`).
 */
export async function createPasswordVerifier (password: string, options: PasswordVerifierOptions): Promise<PasswordVerifier> {
  const normalized = checkPasswordPolicy(password)
  const N = options.scryptN ?? DEFAULT_SCRYPT_N
  if (!isAcceptedScryptN(N)) throw new PeerhoodError('INVALID_ARGUMENT', `scryptN is a power of two from ${MIN_SCRYPT_N} to ${MAX_SCRYPT_N}`, { details: { scryptN: N } })
  const salt = new Uint8Array((options.random ?? cryptoRandom)(SALT_BYTES))
  const params = { N, r: SCRYPT_R, p: SCRYPT_P }
  return { salt, ...params, key: await derivePasswordKey(normalized, salt, options.groupId, params) }
}

/** A verifier as JSON-safe data (binary fields base64url), for storage. */
export interface PasswordVerifierJson {
  salt: string
  N: number
  r: number
  p: number
  key: string
}

/** The JSON-safe form of a verifier. */
export function verifierToJson (v: PasswordVerifier): PasswordVerifierJson {
  return { salt: Buffer.from(v.salt).toString('base64url'), N: v.N, r: v.r, p: v.p, key: Buffer.from(v.key).toString('base64url') }
}

/** A verifier from its JSON-safe form; throws `INVALID_ARGUMENT` when it is not one. */
export function verifierFromJson (json: PasswordVerifierJson): PasswordVerifier {
  const salt = Buffer.from(String(json?.salt), 'base64url')
  const key = Buffer.from(String(json?.key), 'base64url')
  if (salt.length !== SALT_BYTES || key.length !== KEY_BYTES || !isAcceptedScryptN(json.N) || json.r !== SCRYPT_R || json.p !== SCRYPT_P) {
    throw new PeerhoodError('INVALID_ARGUMENT', 'not a password verifier')
  }
  return { salt: new Uint8Array(salt), N: json.N, r: json.r, p: json.p, key: new Uint8Array(key) }
}
