/**
 * The membership service: runs the handshake with every peer that speaks it, keeps the set of
 * proven members per group (until they disconnect or their chain expires), and reports changes.
 */
import { TypedEventEmitter, type ComponentLogger, type Connection, type Logger, type PeerId, type Startable, type Stream } from '@libp2p/interface'
import type { ConnectionManager, Registrar } from '@libp2p/interface-internal'
import type { MemberInfo } from '../certificates/chain-result.ts'
import { HANDSHAKE_TIMEOUT_MS, MAX_INBOUND_STREAMS, MEMBERSHIP_PROTOCOL } from './constants.ts'
import { initiateHandshake, respondHandshake } from './handshake.ts'
import type { HandshakeResult, MemberLostEvent, MembershipEvents, MembershipInit } from './types.ts'
import { withTimeout } from '../common/signals.ts'
import { connectionTo } from '../common/connections.ts'

/** Components the service uses. */
export interface MembershipComponents {
  peerId: PeerId
  registrar: Registrar
  connectionManager: ConnectionManager
  logger: ComponentLogger
}

/** The membership service's public face. */
export interface Membership extends TypedEventEmitter<MembershipEvents> {
  /** Proven members of a group that are connected now. */
  provenMembers (groupId: string): MemberInfo[]
  /** Whether `peerId` has proven membership of `groupId` on its current connection. */
  isProven (groupId: string, peerId: string): boolean
  /** Groups `peerId` has proven. */
  groupsOf (peerId: string): string[]
  /** Runs the handshake with a connected peer now (e.g. after joining a group). */
  handshake (peer: PeerId, options?: { signal?: AbortSignal }): Promise<HandshakeResult>
  /** Runs the handshake again with every connected peer that speaks the protocol. */
  refresh (): Promise<void>
  /** Drops a peer's proof of a group now (its membership was revoked); its next handshake decides again. */
  expel (groupId: string, peerId: string): void
}

/** Implementation of {@link Membership}. */
export class MembershipService extends TypedEventEmitter<MembershipEvents> implements Membership, Startable {
  private readonly log: Logger
  private readonly now: () => number
  private readonly timeoutMs: number
  /** groupId → peerId → member */
  private readonly proven = new Map<string, Map<string, MemberInfo>>()
  private topologyId?: string

  constructor (private readonly components: MembershipComponents, private readonly init: MembershipInit) {
    super()
    this.log = components.logger.forComponent('peerhood:membership')
    this.now = init.now ?? Date.now
    this.timeoutMs = init.timeoutMs ?? HANDSHAKE_TIMEOUT_MS
  }

  readonly [Symbol.toStringTag] = '@peerhood/membership'

  async start (): Promise<void> {
    // the handshake is a few kilobytes: members behind NAT prove themselves over a relayed
    // (limited) connection too (docs/relay.md)
    await this.components.registrar.handle(MEMBERSHIP_PROTOCOL, async (stream, connection) => { await this.onInbound(stream, connection) }, { maxInboundStreams: MAX_INBOUND_STREAMS, runOnLimitedConnection: true })
    this.topologyId = await this.components.registrar.register(MEMBERSHIP_PROTOCOL, {
      notifyOnLimitedConnection: true,
      onConnect: (peer) => { this.handshake(peer).catch(err => { this.log('handshake with %p failed: %s', peer, err?.message) }) },
      onDisconnect: (peer) => { this.forget(peer.toString(), 'disconnected') }
    })
  }

  async stop (): Promise<void> {
    await this.components.registrar.unhandle(MEMBERSHIP_PROTOCOL)
    if (this.topologyId !== undefined) this.components.registrar.unregister(this.topologyId)
    this.proven.clear()
  }

  provenMembers (groupId: string): MemberInfo[] {
    const now = this.now()
    return [...(this.proven.get(groupId)?.values() ?? [])].filter(m => m.notAfter > now)
  }

  isProven (groupId: string, peerId: string): boolean {
    const m = this.proven.get(groupId)?.get(peerId)
    if (m === undefined) return false
    if (m.notAfter <= this.now()) {
      this.drop(groupId, peerId, 'expired')
      return false
    }
    return true
  }

  groupsOf (peerId: string): string[] {
    return [...this.proven.entries()].filter(([g, peers]) => peers.has(peerId) && this.isProven(g, peerId)).map(([g]) => g)
  }

  async handshake (peer: PeerId, options: { signal?: AbortSignal } = {}): Promise<HandshakeResult> {
    const signal = this.signalFor(options.signal)
    const connection = await connectionTo(this.components.connectionManager, peer, { signal })
    const stream = await connection.newStream(MEMBERSHIP_PROTOCOL, { signal, runOnLimitedConnection: true })
    try {
      const result = await initiateHandshake(stream, { remotePeer: peer.toString(), localPeer: this.components.peerId.toString(), init: this.init, now: this.now(), signal })
      this.record(peer.toString(), result)
      return result
    } catch (err: any) {
      stream.abort(err)
      throw err
    }
  }

  async refresh (): Promise<void> {
    const peers = this.components.connectionManager.getConnections().map(c => c.remotePeer)
    const unique = [...new Map(peers.map(p => [p.toString(), p])).values()]
    await Promise.allSettled(unique.map(async p => this.handshake(p)))
  }

  expel (groupId: string, peerId: string): void {
    this.drop(groupId, peerId, 'revoked')
  }

  /** Drops every proof of a group (this node left it). */
  forgetGroup (groupId: string): void {
    for (const peerId of [...(this.proven.get(groupId)?.keys() ?? [])]) this.drop(groupId, peerId, 'left')
    this.proven.delete(groupId)
  }

  private async onInbound (stream: Stream, connection: Connection): Promise<void> {
    const signal = this.signalFor()
    try {
      const result = await respondHandshake(stream, { remotePeer: connection.remotePeer.toString(), localPeer: this.components.peerId.toString(), init: this.init, now: this.now(), signal })
      this.record(connection.remotePeer.toString(), result)
    } catch (err: any) {
      this.log('inbound handshake from %p failed: %s', connection.remotePeer, err?.message)
      stream.abort(err)
    }
  }

  private record (peerId: string, result: HandshakeResult): void {
    for (const member of result.proven) {
      let peers = this.proven.get(member.groupId)
      if (peers === undefined) this.proven.set(member.groupId, peers = new Map())
      const before = peers.get(peerId)
      peers.set(peerId, member)
      if (before?.serialNumber !== member.serialNumber) this.safeDispatch('member:proven', { groupId: member.groupId, peerId, member })
    }
    for (const r of result.refused) this.safeDispatch('member:refused', { groupId: r.groupId, peerId, code: r.code, reason: r.reason })
  }

  private drop (groupId: string, peerId: string, reason: MemberLostEvent['reason']): void {
    const peers = this.proven.get(groupId)
    if (peers?.delete(peerId) === true) this.safeDispatch('member:lost', { groupId, peerId, reason })
  }

  private forget (peerId: string, reason: 'disconnected'): void {
    if (this.components.connectionManager.getConnections().some(c => c.remotePeer.toString() === peerId)) return
    for (const groupId of this.proven.keys()) this.drop(groupId, peerId, reason)
  }

  private signalFor (outer?: AbortSignal): AbortSignal {
    return withTimeout(outer, this.timeoutMs)
  }

  private safeDispatch<K extends keyof MembershipEvents> (type: K, detail: MembershipEvents[K]['detail']): void {
    this.safeDispatchEvent(type, { detail } as any)
  }
}
