/**
 * What an identity export encrypts: the private key, its identity certificate and the display
 * name, as JSON with base64url bytes. Decoding checks that the three belong together.
 */
import { privateKeyToProtobuf } from '@libp2p/crypto/keys'
import { isPeerhoodError, PeerhoodError } from '../../protocols/common/errors.ts'
import { checkCertificate, decodePrivateKey, type IdentityFiles } from '../data-dir/identity-files.ts'

const MAX_DISPLAY_NAME = 255

/** The plaintext bytes of an identity. */
export function encodeIdentity (identity: IdentityFiles): Uint8Array {
  return Buffer.from(JSON.stringify({
    key: Buffer.from(privateKeyToProtobuf(identity.privateKey)).toString('base64url'),
    certificate: Buffer.from(identity.certificate).toString('base64url'),
    displayName: identity.displayName
  }))
}

/** Decodes and verifies decrypted plaintext. Code: `INVALID_EXPORT`. */
export function decodeIdentity (plaintext: Uint8Array): IdentityFiles {
  try {
    const body = JSON.parse(Buffer.from(plaintext).toString('utf8')) as Record<string, unknown>
    const { key, certificate, displayName } = body
    if (typeof key !== 'string' || typeof certificate !== 'string' || typeof displayName !== 'string' ||
      displayName.length === 0 || displayName.length > MAX_DISPLAY_NAME) {
      throw new PeerhoodError('INVALID_EXPORT', 'identity export content is incomplete')
    }
    const privateKey = decodePrivateKey(Buffer.from(key, 'base64url'), 'identity export')
    const der = new Uint8Array(Buffer.from(certificate, 'base64url'))
    checkCertificate(der, privateKey)
    return { privateKey, certificate: der, displayName }
  } catch (err) {
    if (isPeerhoodError(err, 'INVALID_EXPORT')) throw err
    throw new PeerhoodError('INVALID_EXPORT', 'identity export content is invalid', { cause: err })
  }
}
