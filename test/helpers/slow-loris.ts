/**
 * A slow-loris attacker for tests: idle TCP sockets from one loopback address, each reopened a
 * moment after the node drops it, never sending a byte.
 */
import { connect, type Socket } from 'node:net'

/** Options of {@link startSlowLoris}. */
export interface SlowLorisInit {
  /** Port of the node on 127.0.0.1. */
  port: number
  /** Source address of the attacker's sockets (another loopback address than the honest peers'). @default '127.0.0.2' */
  localAddress?: string
  /** Sockets kept open. @default 20 */
  sockets?: number
  /** Delay before a dropped socket is reopened, in milliseconds. @default 200 */
  reopenMs?: number
}

/** A running attack. */
export interface SlowLoris {
  /** Sockets opened so far. */
  opened (): number
  /** Sockets open now. */
  open (): number
  /** Sockets the node has held open for at least `ms` milliseconds (handshakes it waits for). */
  held (ms: number): number
  /** Milliseconds since the attack started. */
  elapsedMs (): number
  /** Stops reopening and closes every socket. */
  stop (): void
}

/** Starts the attack. */
export function startSlowLoris (init: SlowLorisInit): SlowLoris {
  const live = new Map<Socket, number>()
  const started = Date.now()
  let opened = 0
  let stopped = false
  const open = (): void => {
    if (stopped) return
    const socket = connect({ host: '127.0.0.1', port: init.port, localAddress: init.localAddress ?? '127.0.0.2' })
    opened++
    live.set(socket, Date.now())
    socket.on('error', () => {})
    socket.on('close', () => {
      live.delete(socket)
      if (!stopped) setTimeout(open, init.reopenMs ?? 200)
    })
  }
  for (let i = 0; i < (init.sockets ?? 20); i++) open()
  return {
    opened: () => opened,
    open: () => live.size,
    held: ms => [...live.values()].filter(t => Date.now() - t >= ms).length,
    elapsedMs: () => Date.now() - started,
    stop: () => {
      stopped = true
      for (const s of live.keys()) s.destroy()
    }
  }
}
