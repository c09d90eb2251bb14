/**
 * The identity files of a data directory: the private key (`identity.key`, 0600) and the identity
 * certificate (`identity.crt`, PEM) that names the key's PeerId. The key is the truth; the
 * certificate is derived from it and re-issued when missing, broken or stale.
 */
import { X509Certificate } from 'node:crypto'
import { chmod, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { createIdentityCertificate, readIdentityCertificate } from '../../protocols/certificates/identity-certificate.ts'
import { ed25519Spki } from '../../protocols/certificates/keys.ts'
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

/** Decodes a private key protobuf, refusing anything but an Ed25519 key. */
export function decodePrivateKey (bytes: Uint8Array, source: string): PrivateKey {
  let key: PrivateKey
  try {
    key = privateKeyFromProtobuf(bytes)
  } catch (err) {
    throw new PeerhoodError('INVALID_IDENTITY', `${source} is not a libp2p private key`, { cause: err, details: { path: source } })
  }
  if (key.type !== 'Ed25519') throw new PeerhoodError('INVALID_IDENTITY', `${source} holds a ${key.type} key; Peerhood needs Ed25519`, { details: { path: source } })
  return key
}

/** Reads `identity.key`, tightening its mode to 0600 if looser; undefined when there is none. */
export async function readKeyFile (dir: string): Promise<PrivateKey | undefined> {
  const path = join(dir, IDENTITY_KEY_FILE)
  const bytes = await readOptional(path)
  if (bytes === undefined) return undefined
  if (process.platform !== 'win32') {
    try {
      if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, SECRET_FILE_MODE)
    } catch (err) {
      throw unwritable(path, err, 'restrict the mode of')
    }
  }
  return decodePrivateKey(bytes, path)
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

async function readCertFile (dir: string, privateKey: PrivateKey): Promise<IdentityFiles | undefined> {
  const pem = await readOptional(join(dir, IDENTITY_CERT_FILE))
  if (pem === undefined) return undefined
  try {
    const certificate = new Uint8Array(new X509Certificate(pem).raw)
    return { privateKey, certificate, displayName: checkCertificate(certificate, privateKey) }
  } catch (err) {
    if (err instanceof Error && (!isPeerhoodError(err) || err.code === 'INVALID_IDENTITY')) return undefined
    throw err
  }
}

/** Writes `identity.crt` (PEM) atomically. */
export async function writeCertFile (dir: string, certificate: Uint8Array): Promise<void> {
  await writeFileAtomic(join(dir, IDENTITY_CERT_FILE), new X509Certificate(certificate).toString(), PUBLIC_FILE_MODE)
}

/**
 * Returns the identity certificate of `privateKey` from `identity.crt`, issuing (and writing) a
 * new one when there is none, it does not match the key, or `wanted` is another display name.
 * A new certificate names `wanted`, else `fallback`.
 */
export async function ensureCertificate (dir: string, privateKey: PrivateKey, wanted: string | undefined, fallback: string): Promise<IdentityFiles> {
  const existing = await readCertFile(dir, privateKey)
  if (existing !== undefined && (wanted === undefined || wanted === existing.displayName)) return existing
  const displayName = wanted ?? fallback
  const certificate = await createIdentityCertificate(privateKey, { displayName })
  await writeCertFile(dir, certificate)
  return { privateKey, certificate, displayName }
}
