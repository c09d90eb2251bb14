/**
 * The initiator roles: open a direct connection (dial, `Open`, read the verdict), and send one
 * neighbour message over an existing libp2p connection.
 */
import type { Connection, PeerId, Stream } from '@libp2p/interface'
import type { ConnectionManager } from '@libp2p/interface-internal'
import { lpStream } from '@libp2p/utils'
import { PeerhoodError } from '../common/errors.ts'
import { DIRECT_PROTOCOL } from './constants.ts'
import { type Framed, requestNeighbour, requestOpen, type Verdict } from './handshake.ts'
import type { DirectSettings } from './settings.ts'
import { asError, withTimeout } from '../common/signals.ts'
import { connectionTo } from '../common/connections.ts'

/** Why an open failed, as the `failed` event's `reason` reports it. */
export class OpenFailure extends Error {
  constructor (readonly reason: string, options?: { cause?: unknown }) {
    super(`direct connection failed: ${reason}`, options)
    this.name = 'OpenFailure'
  }
}

function abortReason (outer: AbortSignal | undefined, signal: AbortSignal, otherwise: string): string {
  if (outer?.aborted === true) return 'ABORTED'
  return signal.aborted ? 'TIMEOUT' : otherwise
}

async function newStream (connection: Connection, settings: DirectSettings, signal: AbortSignal): Promise<Framed> {
  const stream = await connection.newStream(DIRECT_PROTOCOL, { signal, maxOutboundStreams: settings.maxStreams, runOnLimitedConnection: true })
  return { stream, lp: lpStream(stream, { maxDataLength: settings.maxFrameBytes }) }
}

async function closeQuietly (stream: Stream, signal: AbortSignal): Promise<void> {
  await stream.close({ signal }).catch((err: unknown) => { stream.abort(asError(err)) })
}

/** Opens a direct connection; throws {@link OpenFailure}. */
export async function openDirect (connectionManager: ConnectionManager, peer: PeerId, groupId: string, settings: DirectSettings, outer?: AbortSignal): Promise<{ framed: Framed, connection: Connection }> {
  const signal = withTimeout(outer, settings.openTimeoutMs)
  let connection: Connection
  let framed: Framed
  try {
    connection = await connectionTo(connectionManager, peer, { signal })
    framed = await newStream(connection, settings, signal)
  } catch (err) {
    throw new OpenFailure(abortReason(outer, signal, 'UNREACHABLE'), { cause: err })
  }
  let verdict: Verdict
  try {
    verdict = await requestOpen(framed, groupId, signal)
  } catch (err) {
    framed.stream.abort(asError(err))
    throw new OpenFailure(abortReason(outer, signal, 'PROTOCOL_ERROR'), { cause: err })
  }
  if (verdict.accepted) return { framed, connection }
  await closeQuietly(framed.stream, signal)
  throw new OpenFailure(verdict.code)
}

/**
 * Sends one ready data frame as a neighbour message and waits for the peer's verdict. Codes:
 * `TIMEOUT`; `CONNECTION_FAILED` (refused, with its code in `details.reason`, or the stream broke).
 */
export async function sendNeighbour (connection: Connection, groupId: string, frame: Uint8Array, settings: DirectSettings, outer?: AbortSignal): Promise<void> {
  const signal = withTimeout(outer, settings.openTimeoutMs)
  let framed: Framed | undefined
  let verdict: Verdict
  try {
    framed = await newStream(connection, settings, signal)
    verdict = await requestNeighbour(framed, groupId, frame, signal)
  } catch (err) {
    framed?.stream.abort(asError(err))
    const reason = abortReason(outer, signal, framed === undefined ? 'UNREACHABLE' : 'PROTOCOL_ERROR')
    if (reason === 'TIMEOUT') throw new PeerhoodError('TIMEOUT', 'neighbour message timed out', { cause: err })
    throw new PeerhoodError('CONNECTION_FAILED', 'neighbour message failed', { details: { reason }, cause: err })
  }
  await closeQuietly(framed.stream, signal)
  if (!verdict.accepted) throw new PeerhoodError('CONNECTION_FAILED', 'the peer refused the message', { details: { reason: verdict.code } })
}
