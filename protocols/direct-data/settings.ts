/**
 * The service's options with every default resolved and every limit checked, once, at
 * construction.
 */
import { PeerhoodError } from '../common/errors.ts'
import { CLOSE_TIMEOUT_MS, DEFAULT_MAX_CONNECTIONS, KEEP_ALIVE_MS, MAX_DATA_BYTES, MAX_NEIGHBOUR_STREAMS, OPEN_TIMEOUT_MS, SEND_TIMEOUT_MS } from './constants.ts'
import { maxFrameBytes } from './frames.ts'
import type { DirectDataInit } from './types.ts'

/** Largest `maxDataBytes` allowed: frames must fit libp2p's 4 MiB read buffer with room to spare. */
export const MAX_DATA_BYTES_CEILING = 1024 * 1024

/** Resolved options of the direct-data service. */
export interface DirectSettings {
  /** See {@link DirectDataInit.isMember}. */
  isMember: (groupId: string, peerId: string) => boolean
  /** See {@link DirectDataInit.isLocalMember}. */
  isLocalMember: (groupId: string) => boolean
  /** Direct connections open or opening at once. */
  maxConnections: number
  /** Largest `data` of one message, in bytes. */
  maxDataBytes: number
  /** Largest frame read, in bytes (data plus type, group id and tags). */
  maxFrameBytes: number
  /** Streams of the protocol per libp2p connection, each way (direct connections plus neighbour messages). */
  maxStreams: number
  /** In milliseconds. */
  openTimeoutMs: number
  /** In milliseconds. */
  sendTimeoutMs: number
  /** In milliseconds. */
  closeTimeoutMs: number
  /** In milliseconds; 0 for none. */
  keepAliveMs: number
  /** Epoch milliseconds. */
  now: () => number
}

function count (name: string, value: number, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new PeerhoodError('INVALID_ARGUMENT', `${name} must be an integer from ${min} to ${max}`, { details: { [name]: value } })
  }
  return value
}

/** Resolves defaults; throws `INVALID_ARGUMENT` for a missing callback or a limit out of range. */
export function resolveSettings (init: DirectDataInit): DirectSettings {
  if (typeof init?.isMember !== 'function' || typeof init.isLocalMember !== 'function') {
    throw new PeerhoodError('INVALID_ARGUMENT', 'directData needs isMember and isLocalMember callbacks')
  }
  const maxConnections = count('maxConnections', init.maxConnections ?? DEFAULT_MAX_CONNECTIONS, 1)
  const maxDataBytes = count('maxDataBytes', init.maxDataBytes ?? MAX_DATA_BYTES, 0, MAX_DATA_BYTES_CEILING)
  return {
    isMember: init.isMember,
    isLocalMember: init.isLocalMember,
    maxConnections,
    maxDataBytes,
    maxFrameBytes: maxFrameBytes(maxDataBytes),
    maxStreams: maxConnections + MAX_NEIGHBOUR_STREAMS,
    openTimeoutMs: count('openTimeoutMs', init.openTimeoutMs ?? OPEN_TIMEOUT_MS, 1),
    sendTimeoutMs: count('sendTimeoutMs', init.sendTimeoutMs ?? SEND_TIMEOUT_MS, 1),
    closeTimeoutMs: count('closeTimeoutMs', init.closeTimeoutMs ?? CLOSE_TIMEOUT_MS, 1),
    keepAliveMs: count('keepAliveMs', init.keepAliveMs ?? KEEP_ALIVE_MS, 0),
    now: init.now ?? Date.now
  }
}
