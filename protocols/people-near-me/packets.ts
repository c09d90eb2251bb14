/**
 * Reading and writing the mDNS records of People Near Me, without sockets: what a received
 * response says about each service instance in it, the names added to the node's own answers,
 * and the goodbye. Every record is hostile until these functions have bounded and checked it.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { CODE_P2P, multiaddr } from '@multiformats/multiaddr'
import { MAX_ADDRESSES_PER_PERSON, MAX_PTRS_PER_PACKET, MAX_TXT_STRINGS_PER_PACKET, RECORD_TTL_SECONDS } from './constants.ts'
import { decodeNames, encodeNames, type NameRefusal, type NearNames } from './rules.ts'

/** One DNS resource record as multicast-dns (dns-packet) hands it over or takes it. */
export interface MdnsRecord {
  /** Owner name. */
  name: string
  /** Record type (`PTR`, `TXT`, …). */
  type: string
  /** Class, `IN` when we write it. */
  class?: string | number
  /** Time to live in seconds; 0 is a goodbye. */
  ttl?: number
  /** PTR: the instance name; TXT: a string, a buffer or an array of them. */
  data?: unknown
}

/** A response packet's sections that carry records. */
export interface MdnsResponse {
  /** Answers. */
  answers?: MdnsRecord[]
  /** Additional records (where the libp2p mDNS spec puts the TXT records). */
  additionals?: MdnsRecord[]
}

/** What one response says about one service instance. */
export type NearObservation =
  /** The instance said goodbye (PTR with TTL 0). */
  | { kind: 'goodbye', instance: string }
  /** The instance answered; `names` is undefined when it does not advertise People Near Me. */
  | { kind: 'answer', instance: string, peerId: string, addresses: string[], names: NearNames | undefined }
  /** The instance's records are refused (nothing of them is used). */
  | { kind: 'refused', instance: string, reason: PacketRefusal }

/** Why a packet or an instance's records are refused. */
export type PacketRefusal = NameRefusal | 'too-many-txt-strings' | 'no-peer-id'

/**
 * What `packet` says about the instances of `serviceTag`: at most {@link MAX_PTRS_PER_PACKET}
 * observations. A packet with more than {@link MAX_TXT_STRINGS_PER_PACKET} TXT strings is refused
 * whole (one `refused` observation with an empty instance).
 */
export function readResponse (packet: MdnsResponse, serviceTag: string): NearObservation[] {
  const records = [...(Array.isArray(packet.answers) ? packet.answers : []), ...(Array.isArray(packet.additionals) ? packet.additionals : [])]
  let txtStrings = 0
  for (const r of records) if (r.type === 'TXT') txtStrings += Array.isArray(r.data) ? r.data.length : 1
  if (txtStrings > MAX_TXT_STRINGS_PER_PACKET) return [{ kind: 'refused', instance: '', reason: 'too-many-txt-strings' }]
  const ptrs = records.filter(r => r.type === 'PTR' && r.name === serviceTag && typeof r.data === 'string').slice(0, MAX_PTRS_PER_PACKET)
  return ptrs.map(ptr => readInstance(records, ptr.data as string, ptr.ttl === 0))
}

function readInstance (records: MdnsRecord[], instance: string, goodbye: boolean): NearObservation {
  if (goodbye) return { kind: 'goodbye', instance }
  const strings = records
    .filter(r => r.type === 'TXT' && r.name === instance)
    .flatMap(r => Array.isArray(r.data) ? r.data : [r.data])
    .filter((s): s is Uint8Array | string => typeof s === 'string' || s instanceof Uint8Array)
  const who = addressesOf(strings)
  if (who === undefined) return { kind: 'refused', instance, reason: 'no-peer-id' }
  const decoded = decodeNames(strings)
  if (!decoded.ok) return { kind: 'refused', instance, reason: decoded.reason }
  return { kind: 'answer', instance, peerId: who.peerId, addresses: who.addresses, names: decoded.names }
}

const DNSADDR = 'dnsaddr='

/** The PeerId the first valid `dnsaddr=` names, and the addresses that name the same one. */
function addressesOf (strings: Array<Uint8Array | string>): { peerId: string, addresses: string[] } | undefined {
  let peerId: string | undefined
  const addresses: string[] = []
  for (const s of strings) {
    const text = typeof s === 'string' ? s : Buffer.from(s).toString('utf8')
    if (!text.startsWith(DNSADDR)) continue
    try {
      const ma = multiaddr(text.slice(DNSADDR.length))
      const named = ma.getComponents().findLast(c => c.code === CODE_P2P)?.value
      if (named === undefined) continue
      const canonical = peerIdFromString(named).toString()
      peerId ??= canonical
      if (canonical !== peerId || addresses.length >= MAX_ADDRESSES_PER_PERSON) continue
      const textForm = ma.toString()
      if (!addresses.includes(textForm)) addresses.push(textForm)
    } catch {
      // an unparseable address is skipped; the others still count
    }
  }
  return peerId === undefined ? undefined : { peerId, addresses }
}

/**
 * The node's own answer with the People Near Me TXT record added for its instance (the PTR of
 * `serviceTag` in `answers`), and that instance's name. Without `names`, or without such a PTR,
 * the answers are returned unchanged: a node that does not advertise answers as plain mDNS does.
 */
export function addNames (answers: MdnsRecord[], serviceTag: string, names: NearNames | undefined): { answers: MdnsRecord[], instance: string | undefined } {
  const ptr = answers.find(r => r.type === 'PTR' && r.name === serviceTag && typeof r.data === 'string' && r.ttl !== 0)
  const instance = ptr?.data as string | undefined
  if (instance === undefined || names === undefined) return { answers, instance }
  return { answers: [...answers, { name: instance, type: 'TXT', class: 'IN', ttl: RECORD_TTL_SECONDS, data: encodeNames(names) }], instance }
}

/** The goodbye of `instance`: its service PTR with TTL 0 (RFC 6762 §10.1). */
export function goodbyeRecords (serviceTag: string, instance: string): MdnsRecord[] {
  return [{ name: serviceTag, type: 'PTR', class: 'IN', ttl: 0, data: instance }]
}
