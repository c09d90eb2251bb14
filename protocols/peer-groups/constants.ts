/** Record type of a member's own chain (Windows' membership records). */
export const MEMBERSHIP_RECORD_TYPE = 'peerhood.membership'

/** Record type of a chain an administrator issued and stored for its subject. */
export const CREDENTIALS_RECORD_TYPE = 'peerhood.credentials'

/** Record type of the group properties, published by the creator. */
export const PROPERTIES_RECORD_TYPE = 'peerhood.properties'

/** Record type of presence (addresses, online status). */
export const PRESENCE_RECORD_TYPE = 'peerhood.presence'

/** Attribute naming the subject of a credentials record. */
export const SUBJECT_ATTRIBUTE = 'subject'

/** Default lifetime of an application record without `expires`, in milliseconds (1 day). */
export const DEFAULT_RECORD_LIFETIME_MS = 24 * 3600 * 1000

/** How often expired records are swept, in milliseconds. */
export const EXPIRY_INTERVAL_MS = 10_000

/** Default period of the time-based solicitation (a reconciliation with one member per group), in milliseconds. */
export const RESYNC_INTERVAL_MS = 300_000

/** Datastore prefix of per-group runtime state (synchronised flag). */
export const GROUP_STATE_PREFIX = '/peerhood/group-state'

/** How long `connectGroup` looks for a member before `NO_MEMBERS_FOUND`, in milliseconds (Windows advised ~30 s). */
export const CONNECT_TIMEOUT_MS = 30_000
