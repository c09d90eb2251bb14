/**
 * The group database (Windows Peer Grouping records, `../shared/reference/windows-p2p-behaviour.md`
 * §3.5 and §5.5), pure of networking:
 *
 * - records are signed envelopes: a protobuf `RecordBody` and an Ed25519 signature by the last
 *   modifier over `utf8('peerhood/record/v1\n') || body` ({@link signRecord},
 *   {@link verifyRecordSignature}); the signer's key comes from its PeerId;
 * - one pure rules module ({@link localChangeProblem} on publish, {@link validateIngress} on
 *   ingress, with accept / ignore / reject / defer verdicts and stable {@link IngressReason}s);
 * - a deterministic conflict order ({@link compareRecords}) on signed bytes only, so every member converges;
 * - reserved `peerhood.*` types under one rules table ({@link ReservedTypes}: exact shape, writer, reserved id);
 * - typed attributes and Windows-style search ({@link compileQuery}: JSON or `<peersearch>` XML);
 * - a {@link RecordStore} over any `interface-datastore` with type and expiry indexes;
 * - a {@link GroupDatabase} facade per group that signs local changes, applies remote ones,
 *   parks records of unknown signers, expires records and dispatches `record:changed`.
 *
 * @packageDocumentation
 */
export { attributeOf, type AttributeInput, isAttributeName, normalizeAttributes, RESERVED_ATTRIBUTES, validateAttributes } from './attributes.ts'
export type { AddRecordInit, UpdateRecordInit } from './changes.ts'
export {
  type DecodedRecord, decodeRecord, decodeRecordBody, encodeRecord, encodeRecordBody, isRecordId,
  recordHash, recordIdFromHex, recordIdToHex, SIGNATURE_BYTES, type SignedRecordParts
} from './codec.ts'
export { compareRecords, type RecordVersionInfo, supersedes } from './conflict.ts'
export * from './constants.ts'
export { GroupDatabase } from './database.ts'
export type { GroupDatabaseInit, LocalChangeOptions, PublishedRecord, ReservedWrite } from './database-types.ts'
export { formatW3cDate, parseW3cDate } from './dates.ts'
export type { ConflictVersion, GroupDatabaseEvents, RecordChange, RecordChangeType, RecordConflict } from './events.ts'
export { admitIngress, type AdmitContext, type IngressContext, judgeIngress, type JudgeContext, type StoredVersion, validateIngress } from './ingress.ts'
export { INGRESS_REASONS, type IngressAction, type IngressReason, type IngressVerdict } from './reasons.ts'
export * from './rules.ts'
export * from './search/index.ts'
export { recordSigningMessage, sealRecord, signRecord } from './sign.ts'
export { type ListOptions, type RecordHashEntry, RecordStore, type RecordStoreInit } from './store.ts'
export type * from './types.ts'
export { RecordVerifier, type RecordVerifierInit, verifyRecordSignature } from './verify.ts'
