/** "Infinite" lifetime, as Windows defines it: 1000 years, in milliseconds. */
export const INFINITE_LIFETIME_MS = 1000 * 365.25 * 24 * 3600 * 1000

/** URI scheme of the subjectAltName entries Peerhood writes. */
export const PEERHOOD_URI_SCHEME = 'peerhood'
