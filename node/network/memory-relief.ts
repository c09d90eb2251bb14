/**
 * Gives memory back after a connection flood. A flood grows V8's young generation to its
 * maximum and leaves freed pages pooled; with the node idle afterwards no collection runs that
 * would shrink them, so RSS stays where the flood left it (measured: 139 → 191 MB after 50
 * attackers × 20 streams, unchanged after a minute idle, heap used back to +2 MB). Once the
 * connections have fallen well below their high-water mark and stayed there a moment, one
 * memory-reducing collection (V8's "last resort" flavour, as under memory pressure) returns
 * those pages to the system.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { Libp2p } from '@libp2p/interface'

/** Options of {@link startMemoryRelief}. */
export interface MemoryReliefInit {
  /** Connections that must have gone since the high-water mark before memory is reduced. @default 32 */
  minDrop?: number
  /** Quiet time after the last closed connection before memory is reduced, in milliseconds. @default 5000 */
  quietMs?: number
  /** Told after each reduction, with RSS before and after in bytes (for the log). @default undefined */
  onRelief?: (rssBefore: number, rssAfter: number) => void
}

type GcFn = (options: { type: 'major', execution: 'sync', flavor: 'last-resort' }) => void

let gcFn: GcFn | undefined

/** V8's gc function, with the flavour option; exposed once for the process. */
function reducingGc (): GcFn {
  if (gcFn === undefined) {
    const exposed = (globalThis as { gc?: GcFn }).gc
    if (exposed !== undefined) {
      gcFn = exposed
    } else {
      setFlagsFromString('--expose-gc')
      gcFn = runInNewContext('gc') as GcFn
    }
  }
  return gcFn
}

/** Whether the connections have fallen far enough below their high-water mark for a reduction. */
export function floodSubsided (highWater: number, now: number, minDrop: number): boolean {
  return highWater - now >= minDrop && now * 2 <= highWater
}

/** Watches `libp2p`'s connections; returns the function that stops watching. */
export function startMemoryRelief (libp2p: Pick<Libp2p, 'getConnections' | 'addEventListener' | 'removeEventListener'>, init: MemoryReliefInit = {}): () => void {
  const minDrop = init.minDrop ?? 32
  const quietMs = init.quietMs ?? 5_000
  let highWater = libp2p.getConnections().length
  let timer: NodeJS.Timeout | undefined
  const reduce = (): void => {
    timer = undefined
    const now = libp2p.getConnections().length
    if (!floodSubsided(highWater, now, minDrop)) return
    const before = process.memoryUsage.rss()
    reducingGc()({ type: 'major', execution: 'sync', flavor: 'last-resort' })
    highWater = now
    init.onRelief?.(before, process.memoryUsage.rss())
  }
  const onOpen = (): void => { highWater = Math.max(highWater, libp2p.getConnections().length) }
  const onClose = (): void => {
    clearTimeout(timer)
    timer = setTimeout(reduce, quietMs)
    timer.unref()
  }
  libp2p.addEventListener('connection:open', onOpen)
  libp2p.addEventListener('connection:close', onClose)
  return () => {
    clearTimeout(timer)
    libp2p.removeEventListener('connection:open', onOpen)
    libp2p.removeEventListener('connection:close', onClose)
  }
}
