/**
 * The responder role: reads the first message of an inbound stream, admits or refuses it, then
 * either hands the stream over as a direct connection or delivers its one neighbour message.
 */
import type { Connection, Logger, Stream } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import { accept, type Framed, readNeighbourData, readRequest, refuse } from './handshake.ts'
import { admit, neighbourConnectionId } from './rules.ts'
import type { DirectSettings } from './settings.ts'
import { asError } from '../common/signals.ts'
import type { DataIncomingEvent, DirectConnectionInfo } from './types.ts'

/** What the responder needs from the service. */
export interface InboundCore {
  settings: DirectSettings
  log: Logger
  /** Direct connections open or opening now. */
  openCount: () => number
  /** Reserves an id for a connection that is opening. */
  reserve: () => string
  /** Gives back an id whose connection never opened. */
  release: (connectionId: string) => void
  /** Registers and starts an accepted direct connection, and reports it connected. */
  attach: (framed: Framed, connection: Connection, info: DirectConnectionInfo) => void
  /** Reports incoming data. */
  deliver: (detail: DataIncomingEvent) => void
}

/** Handles one inbound stream of the protocol; never throws (a failed stream is reset). */
export async function handleInbound (core: InboundCore, stream: Stream, connection: Connection): Promise<void> {
  const { settings } = core
  const framed: Framed = { stream, lp: lpStream(stream, { maxDataLength: settings.maxFrameBytes }) }
  const signal = AbortSignal.timeout(settings.openTimeoutMs)
  const peerId = connection.remotePeer.toString()
  let reserved: string | undefined
  try {
    const request = await readRequest(framed, signal)
    if (request.kind === 'invalid') {
      await refuse(framed, 'INVALID_MESSAGE', signal)
      return
    }
    const { groupId } = request
    const verdict = admit({
      remoteMember: settings.isMember(groupId, peerId),
      localMember: settings.isLocalMember(groupId),
      opens: request.kind === 'open',
      open: core.openCount(),
      max: settings.maxConnections
    })
    if (!verdict.accepted) {
      core.log('refused %s from %p in %s: %s', request.kind, connection.remotePeer, groupId, verdict.code)
      await refuse(framed, verdict.code, signal)
      return
    }
    if (request.kind === 'neighbour') {
      await receiveNeighbour(core, framed, groupId, peerId, signal)
      return
    }
    reserved = core.reserve()
    await accept(framed, signal)
    const connectionId = reserved
    reserved = undefined
    core.attach(framed, connection, { connectionId, groupId, peerId, direction: 'inbound', openedAt: settings.now() })
  } catch (err) {
    if (reserved !== undefined) core.release(reserved)
    core.log('inbound stream from %p failed: %s', connection.remotePeer, asError(err).message)
    stream.abort(asError(err))
  }
}

async function receiveNeighbour (core: InboundCore, framed: Framed, groupId: string, peerId: string, signal: AbortSignal): Promise<void> {
  const frame = await readNeighbourData(framed, core.settings.maxDataBytes, signal)
  if (frame.kind !== 'data') {
    await refuse(framed, 'INVALID_MESSAGE', signal)
    return
  }
  const { type, data } = frame.message
  // delivered before the answer, so the sender's promise means "the peer has it"
  core.deliver({ groupId, connectionId: neighbourConnectionId(peerId), peerId, type, data })
  await accept(framed, signal)
  await framed.stream.close({ signal })
}
