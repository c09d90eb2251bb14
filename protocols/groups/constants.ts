/** Default presence record lifetime, in seconds (Windows: default and minimum 300 s). */
export const DEFAULT_PRESENCE_LIFETIME_S = 300

/** Smallest presence record lifetime, in seconds. */
export const MIN_PRESENCE_LIFETIME_S = 300

/** Largest presence record lifetime, in seconds (one year). */
export const MAX_PRESENCE_LIFETIME_S = 365 * 24 * 3600

/** Default member data lifetime, in seconds (Windows: 2,419,200 s = 28 days). */
export const DEFAULT_MEMBER_DATA_LIFETIME_S = 2_419_200

/** Smallest member data lifetime, in seconds (Windows protocol spec: 2280). */
export const MIN_MEMBER_DATA_LIFETIME_S = 2280

/** Largest member data lifetime, in seconds (Windows docs: 10 years). */
export const MAX_MEMBER_DATA_LIFETIME_S = 10 * 365 * 24 * 3600

/** Default largest record, in bytes (1 MiB; Windows graphs allowed up to 60 MB). */
export const DEFAULT_MAX_RECORD_SIZE = 1024 * 1024

/** Smallest allowed `maxRecordSize`, in bytes (Windows: 1024). */
export const MIN_MAX_RECORD_SIZE = 1024

/** Largest allowed `maxRecordSize`, in bytes (Windows: 60 MB). */
export const MAX_MAX_RECORD_SIZE = 60 * 1024 * 1024

/** Most characters in a group comment (Windows: 255). */
export const MAX_COMMENT_LENGTH = 255

/** Datastore key prefix under which memberships are stored. */
export const MEMBERSHIP_KEY_PREFIX = '/peerhood/groups'
