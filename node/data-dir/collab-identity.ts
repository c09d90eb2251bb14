/**
 * The Collaboration identity of a node that is one endpoint among several of one person: a key
 * and identity certificate imported from another node (`collab-identity.key`, 0600, and
 * `collab-identity.crt`), separate from the node's own key (`identity.key`, its PeerId). Contacts
 * know the person by the identity's PeerId; the node proves it holds that identity with an
 * endpoint certificate the identity key signs for the node's PeerId. Without these files the
 * node's own key is its identity, as for every single node.
 */
import { X509Certificate } from 'node:crypto'
import { join } from 'node:path'
import { privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { isPeerhoodError, PeerhoodError } from '../../protocols/common/errors.ts'
import { readOptional, writeFileAtomic } from './fs.ts'
import { checkCertificate, decodePrivateKey, type IdentityFiles } from './identity-files.ts'
import { COLLAB_IDENTITY_CERT_FILE, COLLAB_IDENTITY_KEY_FILE, PUBLIC_FILE_MODE, SECRET_FILE_MODE } from './layout.ts'

/** Whether the directory holds a separate Collaboration identity. */
export async function hasCollabIdentity (dir: string): Promise<boolean> {
  return await readOptional(join(dir, COLLAB_IDENTITY_KEY_FILE)) !== undefined
}

/**
 * Reads the separate Collaboration identity, or undefined when there is none. A key and
 * certificate that do not belong together are `INVALID_IDENTITY`.
 */
export async function readCollabIdentity (dir: string): Promise<IdentityFiles | undefined> {
  const keyPath = join(dir, COLLAB_IDENTITY_KEY_FILE)
  const keyBytes = await readOptional(keyPath)
  if (keyBytes === undefined) return undefined
  const privateKey = decodePrivateKey(keyBytes, keyPath)
  const certPath = join(dir, COLLAB_IDENTITY_CERT_FILE)
  const pem = await readOptional(certPath)
  if (pem === undefined) throw new PeerhoodError('INVALID_IDENTITY', `${certPath} is missing beside ${keyPath}`, { details: { path: certPath } })
  try {
    const certificate = new Uint8Array(new X509Certificate(pem).raw)
    return { privateKey, certificate, displayName: checkCertificate(certificate, privateKey) }
  } catch (err) {
    if (isPeerhoodError(err, 'INVALID_IDENTITY')) throw err
    throw new PeerhoodError('INVALID_IDENTITY', `${certPath} is not a readable certificate`, { cause: err, details: { path: certPath } })
  }
}

/** Writes the separate Collaboration identity (key 0600, certificate PEM), each atomically. */
export async function writeCollabIdentity (dir: string, identity: { privateKey: PrivateKey, certificate: Uint8Array }): Promise<void> {
  await writeFileAtomic(join(dir, COLLAB_IDENTITY_KEY_FILE), privateKeyToProtobuf(identity.privateKey), SECRET_FILE_MODE)
  await writeFileAtomic(join(dir, COLLAB_IDENTITY_CERT_FILE), new X509Certificate(identity.certificate).toString(), PUBLIC_FILE_MODE)
}
