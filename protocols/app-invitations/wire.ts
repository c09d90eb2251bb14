/**
 * The two roles of `/peerhood/app-invite/1.0.0`: the asking side sends one message and reads one
 * reply; the answering side reads one message in bounded size and time and writes one reply.
 */
import type { Stream } from '@libp2p/interface'
import { pbStream } from '@libp2p/utils'
import { PeerhoodError } from '../common/errors.ts'
import { readMessage, refusingBadInput, remoteRefusal } from '../common/refusal.ts'
import { MAX_WIRE_BYTES } from './constants.ts'
import { Message, Reply } from './pb/app-invite.ts'

/** A message with the given fields (the rest empty). */
export function message (fields: Partial<Message>): Message {
  return {
    kind: Message.Kind.KIND_UNSPECIFIED,
    id: '',
    appId: '',
    message: '',
    data: new Uint8Array(0),
    expiresInMs: 0,
    contact: false,
    action: Message.Action.ACTION_UNSPECIFIED,
    join: false,
    endpointCertificate: new Uint8Array(0),
    ...fields
  }
}

/** Sends `msg` on a new stream and reads the reply. */
export async function ask (stream: Stream, msg: Message, signal: AbortSignal): Promise<Reply> {
  const pb = pbStream(stream, { maxDataLength: MAX_WIRE_BYTES })
  await pb.write(msg, Message, { signal })
  const reply = await readMessage(pb, Reply, signal)
  await stream.close({ signal }).catch(() => {})
  return reply
}

/**
 * Reads the one message of an inbound stream, lets `answer` decide, writes its reply. A message
 * it will not read (too large, not protobuf, too slow) is refused with a Reply carrying the
 * code, then the error is rethrown.
 */
export async function answer (stream: Stream, signal: AbortSignal, decide: (msg: Message) => Promise<Reply> | Reply): Promise<{ msg: Message, reply: Reply }> {
  const pb = pbStream(stream, { maxDataLength: MAX_WIRE_BYTES })
  const msg = await refusingBadInput(stream, signal, code => Reply.encode(reply(Reply.Status.INVALID, '', code)), async () => await readMessage(pb, Message, signal))
  const decided = await decide(msg)
  await pb.write(decided, Reply, { signal })
  await stream.close({ signal }).catch(() => {})
  return { msg, reply: decided }
}

/** A reply with a status (and the refusal code of a message that was not read). */
export function reply (status: Reply.Status, groupInvitation = '', refusal?: string): Reply {
  return refusal === undefined ? { status, groupInvitation } : { status, groupInvitation, refusal }
}

/** The local error a refusal of an invitation stands for: its refusal code if it has one, else its status. */
export function refusalError (status: Reply.Status, refusal?: string): PeerhoodError {
  const refused = remoteRefusal(refusal, 'invitation message')
  if (refused !== undefined) return refused
  switch (status) {
    case Reply.Status.NOT_AUTHORIZED: return new PeerhoodError('NOT_AUTHORIZED', 'the recipient does not accept invitations from this node')
    case Reply.Status.THROTTLED: return new PeerhoodError('THROTTLED', 'the recipient refused the invitation for now (too many)')
    case Reply.Status.EXPIRED: return new PeerhoodError('INVITATION_EXPIRED', 'the invitation expired')
    case Reply.Status.INVALID_CONTACT: return new PeerhoodError('INVALID_CONTACT', 'the recipient refused this node\'s endpoint certificate', { details: { reason: 'refused-by-peer' } })
    default: return new PeerhoodError('INVALID_MESSAGE', `the recipient answered ${String(status)}`)
  }
}
