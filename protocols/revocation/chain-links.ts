/**
 * The GMCs of a chain as the revocation rules see them. Each subject's PeerId is computed from
 * its key (an intermediate's URI PeerId is not checked by the validator), so nobody can hide an
 * administrator behind another name.
 */
import { readFacts } from '../certificates/certificate-facts.ts'
import { ed25519PeerId } from '../certificates/keys.ts'
import type { ChainLink } from './types.ts'

/** The links of a chain `[GRC, GMC1, …]` already validated (GMC1 first); undefined if one cannot be read. */
export function chainLinks (chain: readonly Uint8Array[]): ChainLink[] | undefined {
  const links: ChainLink[] = []
  for (const der of chain.slice(1)) {
    const facts = readFacts(der, false)
    if (facts === undefined) return undefined
    links.push({ peerId: ed25519PeerId(facts.publicKey), serialNumber: facts.serialNumber, notBefore: facts.notBefore })
  }
  return links
}
