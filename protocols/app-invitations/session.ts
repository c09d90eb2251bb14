/**
 * The hosted collaboration session (the typical session of the .NET pages, §4.2): invite every
 * listed contact or People Near Me entry to an application, collect the answers until all have
 * answered or the timeout passes, cancel those that did not answer, and bring the acceptors into
 * a peer group: each acceptance that asks to join gets, in the reply of the acceptance exchange,
 * a group invitation bound to the acceptor's PeerId. Done when every acceptor is a connected
 * member of the group, or at the timeout.
 */
import { randomBytes } from 'node:crypto'
import { PeerhoodError } from '../common/errors.ts'
import type { PeerGroups } from '../peer-groups/types.ts'
import { sessionOutcome } from './rules.ts'
import type { AppInvitationsService } from './app-invitations.ts'
import type { HostSessionOptions, OutgoingInvitation, SessionInvitee, SessionResult } from './types.ts'

/** Default time a hosted session waits for answers and joins, in milliseconds. */
export const DEFAULT_SESSION_TIMEOUT_MS = 5 * 60_000

/** How often the host looks at the group's connected members while it waits, in milliseconds. */
const MEMBER_POLL_MS = 50

/** Runs one hosted session on `service` with the group service `groups`. */
export async function hostSession (service: AppInvitationsService, groups: PeerGroups | undefined, options: HostSessionOptions): Promise<SessionResult> {
  if (groups === undefined) throw new PeerhoodError('NOT_STARTED', 'this node has no peer groups service')
  if (options.invite.length === 0) throw new PeerhoodError('INVALID_ARGUMENT', 'a session invites at least one peer')
  const timeoutMs = options.timeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS
  const deadline = Date.now() + timeoutMs
  const groupId = options.groupId ?? (await groups.create({ friendlyName: options.groupName ?? `${options.appId} session` })).groupId
  const progress = (i: SessionInvitee): void => { options.onProgress?.({ ...i, groupId }) }
  const session = randomBytes(8).toString('hex')
  service.sessions.set(session, async (inv) => await groups.createInvitation(groupId, { peerId: inv.peerId }))
  try {
    // invitations outlive the session a little so an unanswered one ends cancelled, not expired
    const expiresInMs = Math.min(timeoutMs + 5_000, 24 * 60 * 60_000)
    const invitees: SessionInvitee[] = await Promise.all(options.invite.map(async (target): Promise<SessionInvitee> => {
      try {
        const sent = await service.invite(target, { appId: options.appId, message: options.message ?? '', data: options.data ?? new Uint8Array(0), expiresInMs, session })
        const invitee: SessionInvitee = { target, peerId: sent.peerId, invitationId: sent.id, outcome: 'pending' }
        progress(invitee)
        return invitee
      } catch (err) {
        const invitee: SessionInvitee = { target, peerId: '', invitationId: '', outcome: 'error', error: (err as PeerhoodError).code ?? 'INTERNAL' }
        progress(invitee)
        return invitee
      }
    }))
    const answers = new AbortController()
    const timer = setTimeout(() => { answers.abort() }, Math.max(0, deadline - Date.now()))
    // acceptors join while others still think it over: members are counted from the start
    const markJoined = (): void => {
      const connected = new Set(groups.connectedMembers(groupId).map(m => m.peerId))
      for (const i of invitees) {
        if (i.outcome === 'accepted' && connected.has(i.peerId)) {
          i.outcome = 'joined'
          progress(i)
        }
      }
    }
    try {
      await Promise.all(invitees.filter(i => i.outcome === 'pending').map(async (i) => {
        let inv: OutgoingInvitation
        try { inv = await service.waitForResponse(i.invitationId, { signal: answers.signal }) } catch { inv = await service.cancel(i.invitationId) }
        i.outcome = sessionOutcome(inv.state)
        // a contact invited on several endpoints: the one that accepted is the one that joins
        if (inv.state === 'accepted') { i.peerId = inv.peerId; i.invitationId = inv.id }
        if (inv.error !== undefined) i.error = inv.error
        progress(i)
        markJoined()
      }))
      while (!answers.signal.aborted && invitees.some(i => i.outcome === 'accepted')) {
        markJoined()
        if (!invitees.some(i => i.outcome === 'accepted')) break
        await new Promise(resolve => setTimeout(resolve, MEMBER_POLL_MS))
      }
    } finally {
      clearTimeout(timer)
    }
    markJoined()
    const accepted = invitees.filter(i => i.outcome === 'accepted' || i.outcome === 'joined')
    return { groupId, invitees, complete: accepted.every(i => i.outcome === 'joined') }
  } finally {
    service.sessions.delete(session)
  }
}
