/**
 * Chains as record data: `peerhood.membership` and `peerhood.credentials` records carry one.
 */
import { PeerhoodError } from '../common/errors.ts'
import { MAX_CHAIN_GMCS } from '../certificates/constants.ts'
import { ChainData } from './pb/chain.ts'

/** Encodes a chain (DER certificates) as record data. */
export function encodeChainData (chain: readonly Uint8Array[]): Uint8Array {
  return ChainData.encode({ certificates: chain as Array<Uint8Array<ArrayBuffer>> })
}

/** Decodes record data into a chain. Code: INVALID_RECORD. */
export function decodeChainData (data: Uint8Array): Uint8Array[] {
  try {
    return ChainData.decode(data, { limits: { certificates: MAX_CHAIN_GMCS + 8 } }).certificates
  } catch (err) {
    throw new PeerhoodError('INVALID_RECORD', 'record data is not a certificate chain', { cause: err })
  }
}
