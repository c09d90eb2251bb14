/**
 * Who is issuing: checks an issuer's own chain and key once, and tells issuance what it may do.
 */
import type { PrivateKey } from '@libp2p/interface'
import { PeerhoodError } from '../common/errors.ts'
import { readFacts, signedBy, type CertificateFacts } from './certificate-facts.ts'
import type { ChainCache } from './chain-cache.ts'
import { assertValidChain } from './chain-validator.ts'
import { authorityMatches } from './group-id.ts'
import { ed25519RawPublicKey } from './keys.ts'
import { ROOT_ISSUER } from './roles.ts'

/** An issuer: a private key and the chain that ends with its certificate. */
export interface Issuer {
  /**
   * The key of the chain's last certificate: the member's own libp2p key, or the group root key
   * when `chain` is just `[GRC]`.
   */
  privateKey: PrivateKey
  /** `[GRC, …, own GMC]` as DER; `[GRC]` when issuing with the group root key. */
  chain: readonly Uint8Array[]
}

/** What an issuer may do, once checked. */
export interface ResolvedIssuer {
  /** The group. */
  groupId: string
  /** Role mask, or `ROOT_ISSUER` for the group root key. */
  roles: number
  /** The issuer certificate's validity, epoch milliseconds. */
  notBefore: number
  /** End of the issuer certificate's validity, epoch milliseconds. */
  notAfter: number
  /** The issuer certificate's subject name, DER (becomes the child's issuer name). */
  name: Uint8Array
  /** Number of GMCs in the issuer's chain (0 for the root key). */
  gmcs: number
}

function resolveRoot (facts: CertificateFacts, now: number): Omit<ResolvedIssuer, 'name' | 'gmcs'> & { publicKey: Uint8Array } {
  if (facts.type !== 'root') throw new PeerhoodError('INVALID_CERTIFICATE', 'not a group root certificate')
  let groupId: string
  try {
    groupId = decodeURIComponent(facts.encodedGroupId)
  } catch (err) {
    throw new PeerhoodError('INVALID_CERTIFICATE', 'bad group id in root certificate', { cause: err })
  }
  if (!authorityMatches(groupId, facts.spki) || !signedBy(facts, facts) || !facts.ca) {
    throw new PeerhoodError('INVALID_CERTIFICATE', 'group root certificate does not match its group id')
  }
  if (now < facts.notBefore || now > facts.notAfter) throw new PeerhoodError('INVALID_TIME_PERIOD', 'group root certificate not valid now')
  return { groupId, roles: ROOT_ISSUER, notBefore: facts.notBefore, notAfter: facts.notAfter, publicKey: facts.publicKey }
}

/**
 * Checks the issuer's chain (with the chain validator) at `now` and that `privateKey` is the key
 * of its last certificate; throws the validator's code, or `NOT_AUTHORIZED` for a foreign key.
 */
export function resolveIssuer (issuer: Issuer, now: number, cache?: ChainCache): ResolvedIssuer {
  const { chain } = issuer
  const last = chain[chain.length - 1]
  if (last === undefined) throw new PeerhoodError('INVALID_CERTIFICATE', 'empty issuer chain')
  const facts = readFacts(last)
  let resolved: Omit<ResolvedIssuer, 'name' | 'gmcs'> & { publicKey: Uint8Array }
  if (chain.length === 1) {
    if (facts === undefined) throw new PeerhoodError('INVALID_CERTIFICATE', 'not a group root certificate')
    resolved = resolveRoot(facts, now)
  } else {
    if (facts === undefined || facts.type !== 'member') throw new PeerhoodError('INVALID_CERTIFICATE', 'issuer chain does not end with a GMC')
    let groupId: string
    try {
      groupId = decodeURIComponent(facts.encodedGroupId)
    } catch (err) {
      throw new PeerhoodError('INVALID_CERTIFICATE', 'bad group id in issuer certificate', { cause: err })
    }
    const leaf = assertValidChain(groupId, chain, now, cache)
    resolved = { groupId, roles: leaf.roleMask, notBefore: leaf.notBefore, notAfter: leaf.notAfter, publicKey: leaf.publicKey }
  }
  if (!Buffer.from(ed25519RawPublicKey(issuer.privateKey.publicKey)).equals(resolved.publicKey)) {
    throw new PeerhoodError('NOT_AUTHORIZED', 'the private key is not the key of the issuer certificate')
  }
  const { publicKey: _, ...rest } = resolved
  return { ...rest, name: facts.subject, gmcs: chain.length - 1 }
}
