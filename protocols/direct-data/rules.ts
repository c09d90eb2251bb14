/**
 * Pure decisions of direct connections: what a message may be, whom to admit, how a
 * connection ended. No I/O here.
 */
import { type ErrorCode, PeerhoodError } from '../common/errors.ts'
import { MAX_GROUP_ID_BYTES, MAX_TYPE_LENGTH, NEIGHBOUR_PREFIX } from './constants.ts'
import type { Request } from './pb/direct.ts'
import type { DirectEndReason, DirectMessage } from './types.ts'

const TYPE_CHARS = new RegExp(`^[A-Za-z0-9._:-]{1,${MAX_TYPE_LENGTH}}$`)
const BRACED_GUID = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/

/** Whether `type` is a valid data type id: 1 to 128 of `A-Z a-z 0-9 . _ : -`, or a braced GUID. */
export function isValidType (type: unknown): type is string {
  return typeof type === 'string' && (TYPE_CHARS.test(type) || BRACED_GUID.test(type))
}

/** The code a message would be refused with, or `undefined` when it may be sent. */
export function messageProblem (message: DirectMessage, maxDataBytes: number): ErrorCode | undefined {
  if (message === null || typeof message !== 'object' || !isValidType(message.type)) return 'INVALID_ARGUMENT'
  if (!(message.data instanceof Uint8Array)) return 'INVALID_ARGUMENT'
  if (message.data.byteLength > maxDataBytes) return 'MAX_DATA_SIZE_EXCEEDED'
  return undefined
}

/** Throws `INVALID_ARGUMENT` or `MAX_DATA_SIZE_EXCEEDED` for a message that may not be sent. */
export function checkMessage (message: DirectMessage, maxDataBytes: number): void {
  const code = messageProblem(message, maxDataBytes)
  if (code === 'MAX_DATA_SIZE_EXCEEDED') {
    throw new PeerhoodError(code, `data is larger than ${maxDataBytes} bytes`, { details: { bytes: message.data.byteLength, limit: maxDataBytes } })
  }
  if (code !== undefined) throw new PeerhoodError(code, 'a message is a type id ([A-Za-z0-9._:-]{1,128} or a braced GUID) and a Uint8Array')
}

/** What the first message of a stream asks for. */
export type ParsedRequest = { kind: 'open' | 'neighbour', groupId: string } | { kind: 'invalid' }

/** Reads a `Request`: exactly one of `open` / `neighbor`, with a group id of sane length. */
export function parseRequest (request: Request): ParsedRequest {
  const { open, neighbor } = request
  if ((open === undefined) === (neighbor === undefined)) return { kind: 'invalid' }
  const groupId = (open ?? neighbor)!.groupId
  if (groupId.length === 0 || Buffer.byteLength(groupId) > MAX_GROUP_ID_BYTES) return { kind: 'invalid' }
  return { kind: open !== undefined ? 'open' : 'neighbour', groupId }
}

/** What the responder knows when it decides. */
export interface AdmissionFacts {
  /** The remote peer is a proven member of the group. */
  remoteMember: boolean
  /** This node is a member of the group. */
  localMember: boolean
  /** Whether the request opens a direct connection (a neighbour message takes no slot). */
  opens: boolean
  /** Direct connections open or opening now. */
  open: number
  /** The limit on them. */
  max: number
}

/** The responder's verdict: accept, or refuse with a code sent to the peer. */
export function admit (facts: AdmissionFacts): { accepted: true } | { accepted: false, code: ErrorCode } {
  if (!facts.remoteMember || !facts.localMember) return { accepted: false, code: 'NOT_A_MEMBER' }
  if (facts.opens && facts.open >= facts.max) return { accepted: false, code: 'MAX_CONNECTIONS_EXCEEDED' }
  return { accepted: true }
}

/** The stream and connection states that tell how a direct connection ended. */
export interface EndFacts {
  /** The read loop ended with an error (not a clean end of stream). */
  failed: boolean
  /** The frame was malformed or too large. */
  malformed: boolean
  /** `stream.status`. */
  streamStatus: string
  /** `connection.status`. */
  connectionStatus: string
}

/** Why a direct connection ended, from what its read loop saw. */
export function endReason (facts: EndFacts): DirectEndReason {
  if (facts.malformed) return 'protocol-error'
  if (facts.connectionStatus !== 'open') return 'connection-lost'
  if (facts.failed || facts.streamStatus === 'reset' || facts.streamStatus === 'aborted') return 'reset'
  return 'remote-close'
}

/** The `connectionId` of data received over the neighbour connection to `peerId`. */
export function neighbourConnectionId (peerId: string): string {
  return `${NEIGHBOUR_PREFIX}${peerId}`
}
