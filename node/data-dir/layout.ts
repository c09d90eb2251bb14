/**
 * What lives in a data directory, and under which names.
 */

/** The libp2p private key (protobuf, `privateKeyToProtobuf`), mode 0600. */
export const IDENTITY_KEY_FILE = 'identity.key'

/** The self-signed identity certificate, PEM. */
export const IDENTITY_CERT_FILE = 'identity.crt'

/** The node's configuration, every default written out, pretty JSON. */
export const CONFIG_FILE = 'config.json'

/** LevelDB folder: records, peer store, DHT records. */
export const DATASTORE_DIR = 'datastore'

/** Exclusive lock of a running node: JSON `{ pid, startedAt }`. */
export const LOCK_FILE = 'node.lock'

/** Where a running node's control API listens (written by the API). */
export const API_INFO_FILE = 'api.json'

/** Bearer token of the control API, mode 0600 (written by the API). */
export const API_TOKEN_FILE = 'api-token'

/** Environment variable naming the data directory. */
export const DATA_DIR_ENV = 'PEERHOOD_DATA'

/** Name of the default data directory, in the home directory. */
export const DEFAULT_DATA_DIR_NAME = '.peerhood'

/** Mode of the data directory: only its owner may enter it. */
export const DATA_DIR_MODE = 0o700

/** Mode of secret files (the private key). */
export const SECRET_FILE_MODE = 0o600

/** Mode of files that hold nothing secret. */
export const PUBLIC_FILE_MODE = 0o644

/**
 * The Collaboration identity this node signs in as when it is not the node's own key (an identity
 * imported with `identity import --as-endpoint`): libp2p private key protobuf, mode 0600.
 */
export const COLLAB_IDENTITY_KEY_FILE = 'collab-identity.key'

/** The identity certificate of {@link COLLAB_IDENTITY_KEY_FILE}, PEM. */
export const COLLAB_IDENTITY_CERT_FILE = 'collab-identity.crt'
