/**
 * Constants of collaboration: the wire protocol and the limits of Windows Peer Collaboration
 * (§4.6 of the behaviour reference). Durations in milliseconds, sizes in bytes.
 */

/** Protocol id of cards, snapshots and subscriptions. */
export const COLLAB_PROTOCOL = '/peerhood/collab/1.0.0'

/** Largest object data (Windows: 16 KB). */
export const MAX_OBJECT_BYTES = 16 * 1024

/** Most published objects (Windows: 128). */
export const MAX_OBJECTS = 128

/** Largest application data (Windows: 16 KB). */
export const MAX_APPLICATION_DATA_BYTES = 16 * 1024

/** Most registered applications (Windows: 64 per registration type). */
export const MAX_APPLICATIONS = 64

/** Longest application description, presence text or endpoint name, in characters (Windows: 255). */
export const MAX_TEXT_CHARS = 255

/** Longest object or application id, in characters. */
export const MAX_ID_CHARS = 255

/** Longest launch command or argument kept locally, in characters (never sent). */
export const MAX_LAUNCH_CHARS = 4096

/** Most launch arguments of one application. */
export const MAX_LAUNCH_ARGS = 64

/** Subscribe, unsubscribe and refresh time-out (Windows: 30 s). */
export const REQUEST_TIMEOUT_MS = 30_000

/** Time an inbound exchange may take to read its request. */
export const INBOUND_REQUEST_TIMEOUT_MS = 10_000

/** Largest frame either way: one 16 KiB item and its id and description, with room to spare. */
export const MAX_FRAME_BYTES = 24 * 1024

/** Most open inbound subscriptions (watchers of this node), in total. */
export const MAX_WATCHERS = 256

/** Frames waiting to be pushed to one watcher before it gets a whole new snapshot instead. */
export const MAX_PENDING_FRAMES = 64

/** Frames per second a subscription may push, sustained (more is junk: the subscription ends, the peer is penalised). */
export const MAX_FRAMES_PER_SECOND = 100

/** Frames a subscription may push in a burst (a whole new snapshot is at most 195). */
export const MAX_FRAME_BURST = 1000

/** Most remote endpoints whose data this node holds (subscriptions and refreshed snapshots). */
export const MAX_ENDPOINTS = 64

/** Period of the keep-alive frame on a subscription (libp2p closes streams idle for 120 s). */
export const KEEP_ALIVE_MS = 30_000

/** How long a peer that pushed junk is refused and not subscribed to again. */
export const PENALTY_MS = 10 * 60_000

/** Most penalised peers remembered (the oldest penalty is forgotten first). */
export const MAX_PENALISED = 1024

/** How often watched contacts that are not subscribed are tried again. */
export const WATCH_RETRY_MS = 30_000

/** How often the `internet` scope checks which watched contacts to look for (each has its own backoff). */
export const FIND_TICK_MS = 1_000

/** How long a watched endpoint whose relayed subscription broke keeps its presence before it shows offline (the finder opens a new circuit meanwhile). */
export const RELAY_GRACE_MS = 30_000

/** The user picture object id of Windows (`PEER_COLLAB_OBJECTID_USER_PICTURE`). */
export const USER_PICTURE_OBJECT_ID = 'dd15f41f-fc4e-4922-b035-4c06a754d01d'

/** How long an endpoint's proven identity counts for the People Near Me trusted mark before it must be proven again. */
export const NEAR_PROOF_TTL_MS = 60 * 60_000

/** Most People Near Me proofs remembered (the least recently proven goes first). */
export const MAX_NEAR_PROOFS = 1024

/** A People Near Me entry whose proof was tried (and failed, or proved a stranger) is not tried again before this long. */
export const NEAR_PROBE_RETRY_MS = 10 * 60_000

/** Most proofs of People Near Me entries in flight at once. */
export const NEAR_PROBE_CONCURRENCY = 2

/** Proofs of People Near Me entries started at once before the rate paces them. */
export const NEAR_PROBE_BURST = 8

/** Proofs of People Near Me entries started per minute, sustained (a flood of announcements dials no faster). */
export const NEAR_PROBES_PER_MINUTE = 30

/** How often the People Near Me trusted marks are checked again (proofs lapse, paced proofs wait), in milliseconds. */
export const NEAR_TRUST_TICK_MS = 10_000

/** Most endpoint revocations kept of one identity: more are refused (`TOO_MANY_REVOCATIONS`), never one dropped. */
export const MAX_REVOCATIONS_PER_IDENTITY = 64

/** Most endpoint revocations kept in total (of my identity and of my contacts'). */
export const MAX_REVOCATIONS_TOTAL = 4096
