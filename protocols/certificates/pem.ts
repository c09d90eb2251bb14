/**
 * PEM text for certificates and chains (RFC 7468), as `openssl` and people read them.
 */
import { PeerhoodError } from '../common/errors.ts'

const BEGIN = '-----BEGIN CERTIFICATE-----'
const END = '-----END CERTIFICATE-----'

/** One certificate as PEM (64-character lines, trailing newline). */
export function certToPem (der: Uint8Array): string {
  const base64 = Buffer.from(der.buffer, der.byteOffset, der.length).toString('base64')
  const lines = base64.match(/.{1,64}/g) ?? []
  return `${BEGIN}\n${lines.join('\n')}\n${END}\n`
}

/** A chain as concatenated PEM blocks, in chain order (GRC first). */
export function chainToPem (chain: readonly Uint8Array[]): string {
  return chain.map(certToPem).join('')
}

/** The DER certificates of PEM text, in order; throws `INVALID_CERTIFICATE` on a broken block. */
export function pemToChain (pem: string): Uint8Array[] {
  const out: Uint8Array[] = []
  const re = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g
  for (const match of pem.matchAll(re)) {
    const body = match[1]!.replace(/\s+/g, '')
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new PeerhoodError('INVALID_CERTIFICATE', 'bad PEM block')
    out.push(new Uint8Array(Buffer.from(body, 'base64')))
  }
  return out
}
