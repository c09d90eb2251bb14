/**
 * The People Near Me service. It runs on the node's one mDNS responder (`@libp2p/mdns`), never a
 * second one: it wraps that responder's socket so the answers it already gives to every query
 * carry the nickname and endpoint name while advertising, listens to the responses every node's
 * queries draw, and keeps the bounded list of who is near.
 *
 * - Announcing: `advertise()` sends one mDNS query for the service tag. Every responder on the
 *   link answers by multicast, this node's own among them, with the names added, so a new host is
 *   seen by everyone within milliseconds instead of at their next query period; it also refreshes
 *   this node's own view of the others at once.
 * - Goodbye: `advertise(undefined)` and stopping send the service PTR with TTL 0. A node that is
 *   not advertising still answers queries with its PeerId and addresses, exactly as plain mDNS
 *   does (that is today's discovery); those answers carry no names, which also removes it from
 *   the lists of anyone who missed the goodbye.
 * - Staleness: every node queries each period and every answer refreshes `lastSeen`; a person not
 *   refreshed for `staleAfterMs` (3 periods) is removed at the next sweep (every half period).
 */
import { type ComponentLogger, type Logger, type PeerId, type Startable, serviceCapabilities, TypedEventEmitter } from '@libp2p/interface'
import { PeerhoodError } from '../common/errors.ts'
import {
  DEFAULT_MDNS_SERVICE, DEFAULT_QUERY_INTERVAL_MS, DEFAULT_SERVICE_TAG, MAX_PEOPLE_PER_NETWORK, MAX_PEOPLE_TOTAL
} from './constants.ts'
import { NearTable } from './near-table.ts'
import { addNames, goodbyeRecords, type MdnsRecord, type MdnsResponse, readResponse } from './packets.ts'
import { type NearNames, namesRefusal, networkOf, staleAfterMs } from './rules.ts'
import type { NearChangedDetail, NearPerson, PeopleNearMe, PeopleNearMeEvents, PeopleNearMeInit } from './index.ts'

/** Components the service uses (plus the mDNS service, looked up by name when it starts). */
export interface PeopleNearMeComponents {
  /** This node: its own answers are never listed. */
  peerId: PeerId
  /** Logs under `peerhood:people-near-me`. */
  logger: ComponentLogger
}

/** The part of a multicast-dns socket this service uses. */
interface MdnsSocket {
  respond: (response: MdnsRecord[] | (MdnsResponse & Record<string, unknown>), ...rest: unknown[]) => void
  query: (query: { questions: Array<{ name: string, type: string }> }) => void
  on: (event: 'response', fn: (packet: MdnsResponse, rinfo: { address: string }) => void) => unknown
  removeListener: (event: 'response', fn: (packet: MdnsResponse, rinfo: { address: string }) => void) => unknown
}

/** Longest wait for the goodbye to leave before the socket closes, in milliseconds. */
const GOODBYE_SEND_TIMEOUT_MS = 500

/** Implementation of {@link PeopleNearMe}. */
export class PeopleNearMeService extends TypedEventEmitter<PeopleNearMeEvents> implements PeopleNearMe, Startable {
  /** The mDNS service tag it reads and answers. */
  readonly serviceTag: string
  /** Removal after this long without a refresh, in milliseconds. */
  readonly staleAfterMs: number
  readonly #components: PeopleNearMeComponents
  readonly #mdnsService: string
  readonly #log: Logger
  readonly #table: NearTable
  readonly #sweepMs: number
  #names: NearNames | undefined
  #socket: MdnsSocket | undefined
  #originalRespond: MdnsSocket['respond'] | undefined
  #instance: string | undefined
  #sweepTimer: ReturnType<typeof setInterval> | undefined

  constructor (components: PeopleNearMeComponents, init: PeopleNearMeInit = {}) {
    super()
    this.#components = components
    this.#log = components.logger.forComponent('peerhood:people-near-me')
    this.serviceTag = init.serviceTag ?? DEFAULT_SERVICE_TAG
    this.#mdnsService = init.mdnsService ?? DEFAULT_MDNS_SERVICE
    const interval = init.queryIntervalMs ?? DEFAULT_QUERY_INTERVAL_MS
    this.staleAfterMs = init.staleAfterMs ?? staleAfterMs(interval)
    this.#sweepMs = Math.max(100, Math.floor(this.staleAfterMs / 6))
    this.#table = new NearTable({
      maxPerNetwork: init.maxPerNetwork ?? MAX_PEOPLE_PER_NETWORK,
      maxTotal: init.maxTotal ?? MAX_PEOPLE_TOTAL,
      staleAfterMs: this.staleAfterMs
    })
  }

  readonly [Symbol.toStringTag] = '@peerhood/people-near-me'
  readonly [serviceCapabilities]: string[] = ['@peerhood/people-near-me']

  get advertising (): boolean { return this.#names !== undefined }

  async start (): Promise<void> {}

  /** Attaches to the mDNS socket (created by the mDNS service's `start`) and announces if advertising. */
  async afterStart (): Promise<void> {
    const socket = this.#findSocket()
    if (socket === undefined) {
      this.#log('no mDNS service "%s" running: People Near Me sees no one and is seen by no one', this.#mdnsService)
      return
    }
    this.#socket = socket
    const original = socket.respond
    this.#originalRespond = original
    // The one responder builds every answer about this node; the names ride along on it.
    socket.respond = (response, ...rest) => { original.call(socket, this.#withNames(response), ...rest) }
    socket.on('response', this.#onResponse)
    this.#sweepTimer = setInterval(this.#sweep, this.#sweepMs)
    this.#sweepTimer.unref?.()
    if (this.advertising) this.#announce()
  }

  /** Says goodbye while the socket is still open. */
  async beforeStop (): Promise<void> {
    if (this.advertising) await this.#goodbye()
  }

  async stop (): Promise<void> {
    if (this.#sweepTimer !== undefined) clearInterval(this.#sweepTimer)
    this.#sweepTimer = undefined
    const socket = this.#socket
    if (socket !== undefined) {
      socket.removeListener('response', this.#onResponse)
      if (this.#originalRespond !== undefined) socket.respond = this.#originalRespond
    }
    this.#socket = undefined
    this.#originalRespond = undefined
    this.#instance = undefined
    this.#table.clear()
  }

  async advertise (info: { nickname: string, endpointName: string } | undefined): Promise<void> {
    if (info === undefined) {
      if (!this.advertising) return
      this.#names = undefined
      await this.#goodbye()
      return
    }
    const names: NearNames = { nickname: info.nickname, endpointName: info.endpointName }
    const refusal = namesRefusal(names)
    if (refusal !== undefined) {
      throw new PeerhoodError('INVALID_ARGUMENT', `${refusal.field} refused: ${refusal.reason}`, { details: { key: refusal.field, reason: refusal.reason } })
    }
    this.#names = names
    this.#announce()
  }

  list (): NearPerson[] { return this.#table.list() }

  get (idOrPeerId: string): NearPerson | undefined { return this.#table.get(idOrPeerId) }

  #findSocket (): MdnsSocket | undefined {
    try {
      const service = (this.#components as unknown as Record<string, { mdns?: MdnsSocket } | undefined>)[this.#mdnsService]
      return service?.mdns
    } catch {
      return undefined // libp2p's components throw for a service that is not configured
    }
  }

  #withNames (response: Parameters<MdnsSocket['respond']>[0]): Parameters<MdnsSocket['respond']>[0] {
    try {
      if (Array.isArray(response)) {
        const { answers, instance } = addNames(response, this.serviceTag, this.#names)
        if (instance !== undefined) this.#instance = instance
        return answers
      }
      if (Array.isArray(response.answers)) {
        const { answers, instance } = addNames(response.answers, this.serviceTag, this.#names)
        if (instance !== undefined) this.#instance = instance
        return { ...response, answers }
      }
    } catch (err) {
      this.#log.error('could not add the names to an mDNS answer - %e', err)
    }
    return response
  }

  /** Draws an answer from every responder on the link, this node's (now with names) included. */
  #announce (): void {
    try {
      this.#socket?.query({ questions: [{ name: this.serviceTag, type: 'PTR' }] })
    } catch (err) {
      this.#log.error('announcement failed - %e', err)
    }
  }

  async #goodbye (): Promise<void> {
    const socket = this.#socket
    const respond = this.#originalRespond
    const instance = this.#instance
    if (socket === undefined || respond === undefined || instance === undefined) return
    await new Promise<void>(resolve => {
      const timer = setTimeout(resolve, GOODBYE_SEND_TIMEOUT_MS)
      try {
        respond.call(socket, goodbyeRecords(this.serviceTag, instance), () => { clearTimeout(timer); resolve() })
      } catch (err) {
        this.#log.error('goodbye failed - %e', err)
        clearTimeout(timer)
        resolve()
      }
    })
  }

  readonly #onResponse = (packet: MdnsResponse, rinfo: { address: string }): void => {
    try {
      const now = Date.now()
      const network = networkOf(String(rinfo?.address ?? ''))
      const self = this.#components.peerId.toString()
      for (const obs of readResponse(packet, this.serviceTag)) {
        if (obs.kind === 'answer' && obs.peerId === self) continue
        if (obs.instance === this.#instance) continue
        const result = this.#table.observe(obs, network, now)
        if (typeof result === 'string') {
          if (result !== 'unchanged' && result !== 'unknown-instance') this.#log.trace('ignored an announcement from %s: %s', network, obs.kind === 'refused' ? obs.reason : result)
          continue
        }
        this.#emit(result)
      }
    } catch (err) {
      this.#log.error('bad mDNS response - %e', err)
    }
  }

  readonly #sweep = (): void => {
    for (const change of this.#table.sweep(Date.now())) this.#emit(change)
  }

  #emit (detail: NearChangedDetail): void {
    this.safeDispatchEvent('near:changed', { detail })
  }
}
