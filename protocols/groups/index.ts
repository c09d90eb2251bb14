/**
 * Peer groups: creation, properties, and memberships (export/import, storage). The certificate
 * rules live in `../certificates/`.
 */
export { createGroup } from './create-group.ts'
export type { CreateGroupInit, CreatedGroup, GroupCreator } from './create-group.ts'
export { AUTH_SCHEMES, PASSWORD_ROLES, MUTABLE_PROPERTIES, IMMUTABLE_PROPERTIES, validateProperties, resolveSettings } from './properties.ts'
export type { GroupProperties, GroupFlags, AuthScheme, PasswordRole, GroupSettingsInit } from './properties.ts'
export { updateProperties } from './update-properties.ts'
export type { GroupPropertiesPatch } from './update-properties.ts'
export { exportMembership, importMembership, MEMBERSHIP_EXPORT_PREFIX } from './membership-export.ts'
export type { MembershipExport, ImportOptions, ImportedMembership } from './membership-export.ts'
export { DatastoreMembershipStore } from './membership-store.ts'
export type { MembershipStore, StoredMembership, DatastoreMembershipStoreInit } from './membership-store.ts'
export type { SealOptions } from '../common/password-box.ts'
export * from './constants.ts'
