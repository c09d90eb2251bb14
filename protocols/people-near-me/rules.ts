/**
 * Pure decisions of People Near Me: how names travel in TXT strings and which are refused, the
 * stable id of a person, when a person is stale, and which network a sender belongs to. No I/O.
 */
import { createHash } from 'node:crypto'
import { base32 } from 'multiformats/bases/base32'
import {
  ENDPOINT_NAME_KEY, ID_BYTES, ID_DOMAIN, MAX_NAME_CHUNKS, MAX_NAME_LENGTH, MAX_TXT_STRING_BYTES,
  MISSED_REFRESHES, NICKNAME_KEY, PNM_MARKER, PNM_PREFIX
} from './constants.ts'

/** The names a node advertises. */
export interface NearNames {
  /** Nickname, 1 to 255 characters. */
  nickname: string
  /** Endpoint (machine) name, 0 to 255 characters. */
  endpointName: string
}

/** Why a name or an announcement is refused (stable, counted, never shown to the sender). */
export type NameRefusal =
  | 'not-a-string' | 'empty' | 'too-long' | 'control-character' | 'malformed-unicode'
  | 'unknown-version' | 'duplicate-chunk' | 'missing-chunk' | 'too-many-chunks' | 'invalid-utf8' | 'no-marker'

/** Outcome of decoding an announcement's TXT strings. */
export type DecodeResult =
  | { ok: true, names: NearNames | undefined }
  | { ok: false, reason: NameRefusal }

// C0 and C1 controls, and the bidirectional overrides/isolates that can make one name display as
// another in a terminal or a list.
const FORBIDDEN = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u

/** Why `text` is not an acceptable name, or undefined when it is. The nickname may not be empty. */
export function nameRefusal (text: unknown, allowEmpty: boolean): NameRefusal | undefined {
  if (typeof text !== 'string') return 'not-a-string'
  if (text.length === 0) return allowEmpty ? undefined : 'empty'
  if (text.length > MAX_NAME_LENGTH) return 'too-long'
  if (!text.isWellFormed()) return 'malformed-unicode'
  if (FORBIDDEN.test(text)) return 'control-character'
  if (!allowEmpty && text.trim().length === 0) return 'empty'
  return undefined
}

/** Why `names` cannot be advertised, or undefined when they can. */
export function namesRefusal (names: NearNames): { field: 'nickname' | 'endpointName', reason: NameRefusal } | undefined {
  const nick = nameRefusal(names.nickname, false)
  if (nick !== undefined) return { field: 'nickname', reason: nick }
  const ep = nameRefusal(names.endpointName, true)
  if (ep !== undefined) return { field: 'endpointName', reason: ep }
  return undefined
}

/**
 * The TXT strings that carry `names` (valid ones: check {@link namesRefusal} first): the marker,
 * then each name as UTF-8 cut at character boundaries into chunks that keep every string within
 * 255 bytes (`pnm-n0=…`, `pnm-e0=…`). An empty endpoint name has no chunk.
 */
export function encodeNames (names: NearNames): string[] {
  return [PNM_MARKER, ...chunks(NICKNAME_KEY, names.nickname), ...chunks(ENDPOINT_NAME_KEY, names.endpointName)]
}

function chunks (key: string, text: string): string[] {
  const out: string[] = []
  let current = ''
  let bytes = 0
  const room = MAX_TXT_STRING_BYTES - `${key}${MAX_NAME_CHUNKS}=`.length
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8')
    if (bytes + size > room) {
      out.push(current)
      current = ''
      bytes = 0
    }
    current += ch
    bytes += size
  }
  if (current !== '') out.push(current)
  return out.map((c, i) => `${key}${i}=${c}`)
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The names in an announcement's TXT strings. Strings not starting with `pnm` are someone else's
 * (e.g. `dnsaddr=`) and skipped; with no People Near Me string at all the result is
 * `{ ok: true, names: undefined }` (the host answers mDNS but does not advertise). Anything
 * malformed (unknown version, duplicate, missing or extra chunks, bad UTF-8, a name refused by
 * {@link nameRefusal}) refuses the whole announcement.
 */
export function decodeNames (strings: ReadonlyArray<Uint8Array | string>): DecodeResult {
  let marker: string | undefined
  const parts: Record<string, Map<number, Uint8Array>> = { [NICKNAME_KEY]: new Map(), [ENDPOINT_NAME_KEY]: new Map() }
  let seen = false
  for (const raw of strings) {
    const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw
    if (!startsWithAscii(bytes, PNM_PREFIX)) continue
    seen = true
    const eq = bytes.indexOf(0x3d)
    if (eq < 0) return { ok: false, reason: 'unknown-version' }
    const key = Buffer.from(bytes.subarray(0, eq)).toString('latin1')
    const value = bytes.subarray(eq + 1)
    if (key === PNM_PREFIX) {
      if (marker !== undefined) return { ok: false, reason: 'duplicate-chunk' }
      marker = `${key}=${Buffer.from(value).toString('latin1')}`
      continue
    }
    const m = /^(pnm-[ne])(\d)$/.exec(key)
    if (m === null) continue // a later version's field: ignored, still bounded by the packet limits
    const index = Number(m[2])
    if (index >= MAX_NAME_CHUNKS) return { ok: false, reason: 'too-many-chunks' }
    const map = parts[m[1]!]!
    if (map.has(index)) return { ok: false, reason: 'duplicate-chunk' }
    map.set(index, value)
  }
  if (!seen) return { ok: true, names: undefined }
  if (marker === undefined) return { ok: false, reason: 'no-marker' }
  if (marker !== PNM_MARKER) return { ok: false, reason: 'unknown-version' }
  const nickname = join(parts[NICKNAME_KEY]!)
  const endpointName = join(parts[ENDPOINT_NAME_KEY]!)
  if (typeof nickname !== 'string') return { ok: false, reason: nickname.reason }
  if (typeof endpointName !== 'string') return { ok: false, reason: endpointName.reason }
  const refusal = namesRefusal({ nickname, endpointName })
  if (refusal !== undefined) return { ok: false, reason: refusal.reason }
  return { ok: true, names: { nickname, endpointName } }
}

function join (map: Map<number, Uint8Array>): string | { reason: NameRefusal } {
  const pieces: Uint8Array[] = []
  for (let i = 0; i < map.size; i++) {
    const piece = map.get(i)
    if (piece === undefined) return { reason: 'missing-chunk' }
    pieces.push(piece)
  }
  try {
    return UTF8.decode(Buffer.concat(pieces))
  } catch {
    return { reason: 'invalid-utf8' }
  }
}

function startsWithAscii (bytes: Uint8Array, prefix: string): boolean {
  if (bytes.length < prefix.length) return false
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix.charCodeAt(i)) return false
  return true
}

/**
 * The stable id of the person behind a PeerId: 16 lowercase base32 characters of a
 * domain-separated SHA-256. It does not change when the nickname, endpoint name or addresses
 * change (Windows' `PEER_PEOPLE_NEAR_ME.id`), and it says nothing the PeerId does not.
 */
export function nearId (peerId: string): string {
  const digest = createHash('sha256').update(ID_DOMAIN).update('\0').update(peerId).digest()
  return base32.baseEncode(digest.subarray(0, ID_BYTES))
}

/** After how long without a refresh a person is removed, in milliseconds, for a query period. */
export function staleAfterMs (queryIntervalMs: number): number {
  return queryIntervalMs * MISSED_REFRESHES
}

/** Whether a person last seen at `lastSeen` is gone at `now` (both ms since the epoch). */
export function isStale (lastSeen: number, now: number, staleMs: number): boolean {
  return now - lastSeen > staleMs
}

/**
 * The network a sender address belongs to, for the per-network bound: its IPv4 /24 or its IPv6
 * /64 (IPv4-mapped IPv6 counts as IPv4). Unparseable text is its own network.
 */
export function networkOf (address: string): string {
  const plain = address.replace(/%.*$/, '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(plain)
  if (v4 !== null) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`
  if (plain.includes(':')) {
    const [head = '', tail = ''] = plain.toLowerCase().split('::')
    const left = head === '' ? [] : head.split(':')
    const right = tail === '' ? [] : tail.split(':')
    const groups = plain.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left
    return `${groups.slice(0, 4).map(g => g.replace(/^0+(?=.)/, '')).join(':')}::/64`
  }
  return plain
}
