/**
 * The QUIC transport (`@chainsafe/libp2p-quic`), loaded on demand: its native module ships as
 * optional per-platform packages, so a platform without one still runs a node on TCP alone.
 */
import type { Transport } from '@libp2p/interface'

/** What loading QUIC gave: the transport factory, or why there is none. */
export type QuicLoad =
  | { transport: (components: any) => Transport, reason?: undefined }
  | { transport?: undefined, reason: string }

/** True for a `/quic-v1` listen or dial multiaddr (text form). */
export function isQuicAddress (ma: string): boolean {
  return /\/quic-v1(\/|$)/.test(ma)
}

let loaded: Promise<QuicLoad> | undefined

/** Imports the QUIC transport once per process; never throws (a missing native module is a reason). */
export async function loadQuic (): Promise<QuicLoad> {
  loaded ??= import('@chainsafe/libp2p-quic').then(
    (m): QuicLoad => ({ transport: m.quic() }),
    (err: unknown): QuicLoad => ({ reason: `@chainsafe/libp2p-quic did not load (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); TCP only` })
  )
  return loaded
}
