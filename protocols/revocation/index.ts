/**
 * Revocation (issue 15): the record, the index and the pure rules.
 */
export { chainLinks } from './chain-links.ts'
export { decodeRevocationData, encodeRevocationData, REVOCATION_RECORD_MAX_SIZE, REVOCATION_RECORD_TYPE, revocationOf, type RevocationData } from './record.ts'
export { RevocationIndex } from './revocation-index.ts'
export { chainRevocation, passesThrough, recordRevoked, revocationAuthorityProblem, type Revoker } from './rules.ts'
export { type ChainLink, MAX_REASON_LENGTH, MAX_REVOKED_SERIALS, type Revocation } from './types.ts'
