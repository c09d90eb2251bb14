/**
 * Peerhood certificates: identity certificates (IDC), group root certificates (GRC) and Group
 * Member Certificates (GMC), all X.509 v3 with Ed25519 keys; the one chain validator; issuance
 * and renewal; PEM helpers.
 *
 * Formats are described where they are written: `templates.ts` (certificate layout), `uris.ts`
 * (subjectAltName URIs), `extensions.ts` (private extensions), `group-id.ts` (group ids).
 */
export { INFINITE, INFINITE_LIFETIME_MS, MAX_CHAIN_GMCS, PEERHOOD_OID_ARC, OID_CERTIFICATE_TYPE, OID_GROUP_ID, OID_ROLES, SERIAL_NUMBER_BYTES, type LifetimeMs } from './constants.ts'
export type { CertificateType } from './constants.ts'
export { ROLES, isRole, mayIssue, normalizeRoles, rolesToMask, maskToRoles, issuableMask, ROOT_ISSUER } from './roles.ts'
export type { Role } from './roles.ts'
export { computeGroupId, parseGroupId, isGroupId, validateClassifier, authorityMatches, MAX_CLASSIFIER_LENGTH } from './group-id.ts'
export type { GroupIdParts } from './group-id.ts'
export { validateChain, assertValidChain, checkRootBinding } from './chain-validator.ts'
export type { ChainInput } from './chain-validator.ts'
export type { ChainResult, ChainValid, ChainInvalid, ChainFailureReason, MemberInfo } from './chain-result.ts'
export { ChainCache } from './chain-cache.ts'
export type { ChainCacheInit } from './chain-cache.ts'
export { issueCredentials, renewCredentials } from './issue.ts'
export type { CredentialSubject, IssueOptions, RenewOptions, IssuedCredentials } from './issue.ts'
export type { Issuer } from './issuer.ts'
export { certToPem, chainToPem, pemToChain } from './pem.ts'
export { createIdentityCertificate, readIdentityCertificate, newSerialNumber } from './identity-certificate.ts'
export type { IdentityCertificateInit } from './identity-certificate.ts'
export { toWebCryptoKeyPair, ed25519PeerId } from './keys.ts'
export { readCertificateFields } from './certificate-reader.ts'
export type { CertificateFields, RawExtension } from './certificate-reader.ts'
export { decodePeerhoodExtensions } from './extensions.ts'
export type { PeerhoodExtensions } from './extensions.ts'
export type { RandomSource } from './serial.ts'
