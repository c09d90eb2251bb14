/**
 * The recipient's side: who may deliver (`invitations.accept`), per-sender throttling, the
 * pending list bounded per sender and in total, expiry, the sender's cancellation, and the
 * answer (accepted ones launch their application or emit `invitation:accepted`).
 */
import { randomBytes } from 'node:crypto'
import { isPeerhoodError, PeerhoodError } from '../common/errors.ts'
import { remoteRefusal } from '../common/refusal.ts'
import type { Collaboration } from '../collaboration/types.ts'
import type { PeerGroups } from '../peer-groups/types.ts'
import { MAX_TRACKED_SENDERS } from './constants.ts'
import { launch } from './launcher.ts'
import { Message, Reply } from './pb/app-invite.ts'
import { type Bucket, checkContent, checkMessage, grantedExpiry, mayDeliver, recipientVerified, roomFor, takeToken, verdictError } from './rules.ts'
import { BucketTable, FinishedTable } from './table.ts'
import type { AcceptPolicy, AppInvitationsEvents, IncomingInvitation, LaunchInfo } from './types.ts'
import { reply } from './wire.ts'

/** What the recipient side needs of the service. */
export interface IncomingHost {
  policy: AcceptPolicy
  autoJoinSessions: boolean
  burst: number
  perMinute: number
  now: () => number
  collab: () => Collaboration | undefined
  groups: () => PeerGroups | undefined
  ask: (peerId: string, msg: Message) => Promise<Reply>
  emit: <K extends keyof AppInvitationsEvents>(type: K, detail: AppInvitationsEvents[K]['detail']) => void
  log: (line: string) => void
}

interface Held {
  inv: IncomingInvitation
  wireId: string
  timer: ReturnType<typeof setTimeout>
}

/** Received invitations. */
export class Incoming {
  readonly policy: AcceptPolicy
  readonly #host: IncomingHost
  readonly #pending = new Map<string, Held>()
  readonly #finished = new FinishedTable<IncomingInvitation>()
  readonly #buckets = new BucketTable<Bucket>(MAX_TRACKED_SENDERS)
  readonly #groupInvitations = new FinishedTable<string>()

  constructor (host: IncomingHost) {
    this.#host = host
    this.policy = host.policy
  }

  /**
   * An arriving invitation: refused (the user sees nothing) or held and announced. The sender is
   * the identity its endpoint certificate proves for `from` (its PeerId when it presents none).
   */
  onInvite (from: string, msg: Message): Reply {
    const collab = this.#host.collab()
    let identity = from
    try {
      if (msg.endpointCertificate.length > 0 && collab !== undefined) identity = collab.proveEndpoint(from, msg.endpointCertificate)
    } catch (err) {
      if (isPeerhoodError(err, 'INVALID_CONTACT') || isPeerhoodError(err, 'ENDPOINT_REVOKED')) return reply(Reply.Status.INVALID_CONTACT)
      throw err
    }
    const trusted = collab?.isTrustedContact(identity) ?? false
    if (!mayDeliver(this.policy, trusted)) return reply(Reply.Status.NOT_AUTHORIZED)
    // a retry of one already held (its reply was lost) is answered again, not held twice
    if (this.#find(from, msg.id) !== undefined) return reply(Reply.Status.OK)
    const now = this.#host.now()
    const { allowed, bucket } = takeToken(this.#buckets.get(from), now, this.#host.burst, this.#host.perMinute)
    this.#buckets.set(from, bucket)
    if (!allowed) return reply(Reply.Status.THROTTLED)
    if (!roomFor(this.#countFrom(from), this.#pending.size)) return reply(Reply.Status.THROTTLED)
    try {
      checkContent({ appId: msg.appId, message: msg.message, data: msg.data })
    } catch {
      return reply(Reply.Status.INVALID)
    }
    const expiresIn = grantedExpiry(msg.expiresInMs)
    if (expiresIn === 0) return reply(Reply.Status.EXPIRED)
    const contact = trusted ? collab?.contact(identity) : undefined
    const inv: IncomingInvitation = {
      id: randomBytes(12).toString('hex'),
      from,
      contact: identity,
      nickname: contact?.nickname ?? '',
      verified: recipientVerified(msg.contact, trusted),
      appId: msg.appId,
      message: msg.message,
      data: msg.data,
      state: 'pending',
      receivedAt: now,
      expiresAt: now + expiresIn,
      session: msg.join
    }
    const held: Held = { inv, wireId: msg.id, timer: setTimeout(() => { this.#end(held, 'expired') }, expiresIn) }
    this.#pending.set(inv.id, held)
    this.#host.emit('invitation:received', { ...inv })
    return reply(Reply.Status.OK)
  }

  /** The sender withdrew one: it leaves the list and the user is told. */
  onCancel (from: string, wireId: string): Reply {
    const held = this.#find(from, wireId)
    if (held === undefined) return reply(Reply.Status.UNKNOWN_INVITATION)
    this.#end(held, 'cancelled')
    return reply(Reply.Status.OK)
  }

  /** Answers one; the sender decides whether the answer still counts. */
  async answer (id: string, action: 'accepted' | 'declined', options: { message?: string, join?: boolean }): Promise<IncomingInvitation> {
    const responseMessage = checkMessage(options.message ?? '')
    const held = this.#pending.get(id)
    if (held === undefined) {
      const done = this.get(id)
      if (done.state === 'cancelled') throw new PeerhoodError('INVITE_CANCELLED', 'the sender cancelled the invitation')
      if (done.state === 'expired') throw new PeerhoodError('INVITATION_EXPIRED', 'the invitation expired')
      throw new PeerhoodError('INVITE_RESPONSE_NOT_AVAILABLE', 'the invitation was answered already', { details: { state: done.state } })
    }
    if (this.#host.now() >= held.inv.expiresAt) {
      this.#end(held, 'expired')
      throw new PeerhoodError('INVITATION_EXPIRED', 'the invitation expired')
    }
    const join = action === 'accepted' && held.inv.session && (options.join === true || this.#host.autoJoinSessions)
    const r = await this.#host.ask(held.inv.from, {
      kind: Message.Kind.RESPONSE, id: held.wireId, appId: '', message: responseMessage, data: new Uint8Array(0), expiresInMs: 0,
      contact: false, action: action === 'accepted' ? Message.Action.ACCEPTED : Message.Action.DECLINED, join, endpointCertificate: new Uint8Array(0)
    })
    if (r.status !== Reply.Status.OK) {
      const verdict = r.status === Reply.Status.CANCELLED ? 'CANCELLED' : r.status === Reply.Status.EXPIRED ? 'EXPIRED' : r.status === Reply.Status.ALREADY_ANSWERED ? 'ALREADY_ANSWERED' : 'UNKNOWN_INVITATION'
      this.#end(held, verdict === 'EXPIRED' ? 'expired' : 'cancelled', false)
      // a message the sender would not read comes back with its code
      throw remoteRefusal(r.refusal, 'response') ?? verdictError(verdict)
    }
    this.#end(held, action, false)
    if (r.groupInvitation !== '') {
      this.#groupInvitations.add(id, r.groupInvitation)
      await this.#join(id, r.groupInvitation)
    }
    if (action === 'accepted') await this.#launch(held.inv)
    return this.get(id)
  }

  /** Pending invitations, oldest first. */
  pending (): IncomingInvitation[] { return [...this.#pending.values()].map(h => ({ ...h.inv })) }

  /** One invitation, pending or finished. Code: `NOT_FOUND`. */
  get (id: string): IncomingInvitation {
    const inv = this.#pending.get(id)?.inv ?? this.#finished.get(id)
    if (inv === undefined) throw new PeerhoodError('NOT_FOUND', 'no such received invitation', { details: { id } })
    return { ...inv }
  }

  /** The group invitation a hosted session sent back for an accepted invitation. */
  groupInvitation (id: string): string | undefined { return this.#groupInvitations.get(id) }

  /** Drops the timers. */
  stop (): void {
    for (const h of this.#pending.values()) clearTimeout(h.timer)
    this.#pending.clear()
  }

  #end (held: Held, state: IncomingInvitation['state'], announce = true): void {
    if (!this.#pending.delete(held.inv.id)) return
    clearTimeout(held.timer)
    held.inv = { ...held.inv, state }
    this.#finished.add(held.inv.id, held.inv)
    if (!announce) return
    if (state === 'expired') this.#host.emit('invitation:expired', { id: held.inv.id, side: 'recipient' })
    if (state === 'cancelled') this.#host.emit('invitation:cancelled', { id: held.inv.id, from: held.inv.from })
  }

  /** Joins a hosted session's group with the invitation bound to this node; a failure is logged, the acceptance stands. */
  async #join (id: string, token: string): Promise<void> {
    const groups = this.#host.groups()
    if (groups === undefined) return
    try {
      const { groupId } = await groups.join(token)
      this.#host.emit('session:joined', { id, groupId })
    } catch (err) {
      this.#host.log(`[session] joining the group of invitation ${id} failed: ${(err as PeerhoodError).code ?? (err as Error)?.message}`)
    }
  }

  async #launch (inv: IncomingInvitation): Promise<void> {
    const collab = this.#host.collab()
    const trusted = collab?.isTrustedContact(inv.contact) ?? false
    const contact = trusted ? collab?.contact(inv.contact) : undefined
    const info: LaunchInfo = {
      ...(contact === undefined ? {} : { contact: { peerId: contact.peerId, nickname: contact.nickname, displayName: contact.displayName } }),
      endpoint: { peerId: inv.from, addresses: contact?.addresses ?? [] },
      invitation: { id: inv.id, appId: inv.appId, message: inv.message, data: Buffer.from(inv.data).toString('base64'), verified: inv.verified },
      sender: inv.from
    }
    const app = collab?.applications().find(a => a.id === inv.appId)
    if (app === undefined || app.launch === '') {
      this.#host.emit('invitation:accepted', info)
      return
    }
    try {
      const pid = await launch(app.launch, app.args, info, this.#host.log)
      this.#host.emit('invitation:launched', { id: inv.id, appId: inv.appId, pid })
    } catch (err) {
      this.#host.log(`[launch ${inv.appId}] failed: ${(err as Error)?.message}`)
    }
  }

  #find (from: string, wireId: string): Held | undefined {
    for (const h of this.#pending.values()) if (h.inv.from === from && h.wireId === wireId) return h
    return undefined
  }

  #countFrom (from: string): number {
    let n = 0
    for (const h of this.#pending.values()) if (h.inv.from === from) n++
    return n
  }
}
