/**
 * A TCP proxy on 127.0.0.1 that holds every chunk the target sends back for a while: a peer whose
 * handshake is slow, as one on a loaded machine is.
 */
import { connect, createServer, type Server, type Socket } from 'node:net'

/** A running proxy. */
export interface SlowProxy {
  /** Port the proxy listens on (127.0.0.1). */
  port: number
  /** Closes the proxy and every socket it holds. */
  close (): Promise<void>
}

/** Proxies 127.0.0.1:`port` → 127.0.0.1:`targetPort`, delaying the target's bytes by `delayMs`. */
export async function startSlowProxy (targetPort: number, delayMs: number): Promise<SlowProxy> {
  const sockets = new Set<Socket>()
  const track = (s: Socket): Socket => { sockets.add(s); s.once('close', () => sockets.delete(s)); s.on('error', () => {}); return s }
  const server: Server = createServer(client => {
    track(client)
    const target = track(connect({ host: '127.0.0.1', port: targetPort }))
    client.on('data', chunk => { target.write(chunk) })
    // one delay for every chunk keeps them in order
    target.on('data', chunk => { setTimeout(() => { if (!client.destroyed) client.write(chunk) }, delayMs) })
    client.once('close', () => target.destroy())
    target.once('close', () => { setTimeout(() => client.destroy(), delayMs) })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port')
  return {
    port: address.port,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}
