/**
 * The identity files of a data directory: the private key (`identity.key`, 0600) and the identity
 * certificate (`identity.crt`, PEM) that names the key's PeerId. The key is the truth; the
 * certificate is derived from it and re-issued when missing or naming another display name. Each
 * vouches for the other: a key whose halves disagree, or a certificate of another PeerId, stops
 * the node before anything is written (a damaged key must not become a new identity).
 */
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto'
import { chmod, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { createIdentityCertificate, readIdentityCertificate } from '../../protocols/certificates/identity-certificate.ts'
import { ed25519Spki, SPKI_ED25519_PREFIX } from '../../protocols/certificates/keys.ts'
import { isPeerhoodError, PeerhoodError } from '../../protocols/common/errors.ts'
import { readOptional, unwritable, writeFileAtomic } from './fs.ts'
import { IDENTITY_CERT_FILE, IDENTITY_KEY_FILE, PUBLIC_FILE_MODE, SECRET_FILE_MODE } from './layout.ts'

/** A private key with its certificate and the display name the certificate carries. */
export interface IdentityFiles {
  /** The node's private key. */
  privateKey: PrivateKey
  /** The identity certificate, DER. */
  certificate: Uint8Array
  /** Display name in the certificate subject. */
  displayName: string
}

const PKCS8_ED25519_SEED_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

/**
 * Whether the public half of a 64-byte Ed25519 private key (seed ‖ public key) is the one its
 * seed derives. libp2p trusts the stored half: one flipped bit there is another PeerId, one in
 * the seed signs for a key nobody can verify.
 */
function halvesAgree (raw: Uint8Array): boolean {
  if (raw.length !== 64) return false
  const seed = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_SEED_PREFIX, raw.subarray(0, 32)]), format: 'der', type: 'pkcs8' })
  const spki = createPublicKey(seed).export({ type: 'spki', format: 'der' })
  return Buffer.from(spki.subarray(SPKI_ED25519_PREFIX.length)).equals(Buffer.from(raw.subarray(32)))
}

/** Decodes a private key protobuf, refusing anything but an intact Ed25519 key. */
export function decodePrivateKey (bytes: Uint8Array, source: string): PrivateKey {
  let key: PrivateKey
  try {
    key = privateKeyFromProtobuf(bytes)
  } catch (err) {
    throw new PeerhoodError('INVALID_IDENTITY', `${source} is not a libp2p private key`, { cause: err, details: { path: source } })
  }
  if (key.type !== 'Ed25519') throw new PeerhoodError('INVALID_IDENTITY', `${source} holds a ${key.type} key; Peerhood needs Ed25519`, { details: { path: source } })
  if (!halvesAgree(key.raw)) {
    throw new PeerhoodError('INVALID_IDENTITY', `${source} is damaged: its public key is not the one its seed derives (restore it from an identity export)`, { details: { path: source } })
  }
  return key
}

/** Reads and checks `identity.key`; undefined when there is none. Writes nothing. */
export async function readKeyFile (dir: string): Promise<PrivateKey | undefined> {
  const path = join(dir, IDENTITY_KEY_FILE)
  const bytes = await readOptional(path)
  return bytes === undefined ? undefined : decodePrivateKey(bytes, path)
}

/** Tightens the mode of `identity.key` to 0600 when it is looser. */
export async function restrictKeyMode (dir: string): Promise<void> {
  if (process.platform === 'win32') return
  const path = join(dir, IDENTITY_KEY_FILE)
  try {
    if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, SECRET_FILE_MODE)
  } catch (err) {
    throw unwritable(path, err, 'restrict the mode of')
  }
}

/** Writes `identity.key` atomically with mode 0600. */
export async function writeKeyFile (dir: string, privateKey: PrivateKey): Promise<void> {
  await writeFileAtomic(join(dir, IDENTITY_KEY_FILE), privateKeyToProtobuf(privateKey), SECRET_FILE_MODE)
}

/**
 * Checks that `der` is an identity certificate of `privateKey` (its PeerId and its public key);
 * returns the display name. Throws `INVALID_IDENTITY` when it is not.
 */
export function checkCertificate (der: Uint8Array, privateKey: PrivateKey): string {
  const peerId = peerIdFromPrivateKey(privateKey).toString()
  let read: ReturnType<typeof readIdentityCertificate>
  try {
    read = readIdentityCertificate(der)
  } catch (err) {
    throw new PeerhoodError('INVALID_IDENTITY', 'not a valid identity certificate', { cause: err })
  }
  const spki = read.cert.publicKey.export({ type: 'spki', format: 'der' })
  if (read.peerId !== peerId || !spki.equals(ed25519Spki(privateKey.publicKey))) {
    throw new PeerhoodError('INVALID_IDENTITY', `identity certificate names ${read.peerId}, not ${peerId}`, { details: { peerId, certificatePeerId: read.peerId } })
  }
  return read.displayName
}

/**
 * Reads `identity.crt` and checks it names `privateKey`; undefined when there is none. A
 * certificate that is unreadable or names another PeerId means one of the two files is damaged
 * or foreign: `INVALID_IDENTITY`, and nothing is rewritten (the key may be the damaged one).
 */
export async function readCertFile (dir: string, privateKey: PrivateKey): Promise<IdentityFiles | undefined> {
  const path = join(dir, IDENTITY_CERT_FILE)
  const pem = await readOptional(path)
  if (pem === undefined) return undefined
  const refuse = (why: string, cause?: unknown): PeerhoodError => new PeerhoodError('INVALID_IDENTITY',
    `${path} ${why}: ${join(dir, IDENTITY_KEY_FILE)} or the certificate is damaged or foreign (delete ${IDENTITY_CERT_FILE} only if the key is right; it is then re-issued)`,
    { ...(cause === undefined ? {} : { cause }), details: { path, keyPath: join(dir, IDENTITY_KEY_FILE), peerId: peerIdFromPrivateKey(privateKey).toString() } })
  let certificate: Uint8Array
  try {
    certificate = new Uint8Array(new X509Certificate(pem).raw)
  } catch (err) {
    throw refuse('is not a readable certificate', err)
  }
  try {
    return { privateKey, certificate, displayName: checkCertificate(certificate, privateKey) }
  } catch (err) {
    if (isPeerhoodError(err, 'INVALID_IDENTITY')) throw refuse(`does not name the PeerId of the key (${err.message})`, err)
    throw err
  }
}

/** Writes `identity.crt` (PEM) atomically. */
export async function writeCertFile (dir: string, certificate: Uint8Array): Promise<void> {
  await writeFileAtomic(join(dir, IDENTITY_CERT_FILE), new X509Certificate(certificate).toString(), PUBLIC_FILE_MODE)
}

/**
 * Returns the identity certificate of `privateKey` from `identity.crt`, issuing (and writing) a
 * new one when there is none or `wanted` is another display name; a certificate of another key
 * is refused (`INVALID_IDENTITY`, see {@link readCertFile}). A new certificate names `wanted`,
 * else `fallback`.
 */
export async function ensureCertificate (dir: string, privateKey: PrivateKey, wanted: string | undefined, fallback: string): Promise<IdentityFiles> {
  const existing = await readCertFile(dir, privateKey)
  if (existing !== undefined && (wanted === undefined || wanted === existing.displayName)) return existing
  const displayName = wanted ?? fallback
  const certificate = await createIdentityCertificate(privateKey, { displayName })
  await writeCertFile(dir, certificate)
  return { privateKey, certificate, displayName }
}
