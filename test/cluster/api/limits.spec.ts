import assert from 'node:assert/strict'
import { connect, type Socket } from 'node:net'
import pWaitFor from 'p-wait-for'
import { type ApiServer, startApiServer } from '../../../node/api/server.ts'
import { generateToken } from '../../../node/api/token.ts'
import { createFakeNode } from '../../helpers/fake-node.ts'

/** Opens a TCP socket to the API and tracks whether the server closed it. */
async function openSocket (port: number): Promise<{ socket: Socket, closed: () => boolean }> {
  const socket = connect({ host: '127.0.0.1', port })
  let closed = false
  socket.on('close', () => { closed = true })
  socket.on('error', () => {})
  await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject) })
  return { socket, closed: () => closed }
}

describe('api/server: connection limits', function () {
  this.timeout(30_000)
  let server: ApiServer
  const sockets: Socket[] = []
  const token = generateToken()

  beforeEach(async () => {
    server = await startApiServer(await createFakeNode(), { token, maxConnections: 16, headersTimeoutMs: 500 })
  })

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy()
    await server.close()
  })

  it('caps open connections and closes idle and slow-header sockets', async () => {
    const idle = await Promise.all(Array.from({ length: 60 }, async () => openSocket(server.port)))
    sockets.push(...idle.map(i => i.socket))
    // over the cap: closed at once
    await pWaitFor(() => idle.filter(i => i.closed()).length >= 60 - 16, { timeout: 5_000 })
    // within the cap but sending nothing: closed by the headers timeout
    await pWaitFor(() => idle.every(i => i.closed()), { timeout: 10_000 })

    const slow = await openSocket(server.port)
    sockets.push(slow.socket)
    slow.socket.write('GET /v1/status HTTP/1.1\r\nhost: x\r\n')
    const drip = setInterval(() => { if (!slow.closed()) slow.socket.write('x') }, 100)
    try {
      await pWaitFor(() => slow.closed(), { timeout: 10_000 })
    } finally {
      clearInterval(drip)
    }

    const res = await fetch(`${server.url}/v1/status`, { headers: { authorization: `Bearer ${token}` } })
    assert.equal(res.status, 200)
  })

  it('keeps an idle keep-alive connection open well past the timeout it announces', async function () {
    this.timeout(60_000)
    const { socket, closed } = await openSocket(server.port)
    sockets.push(socket)
    let received = ''
    socket.setEncoding('utf8').on('data', (text: string) => { received += text })
    const request = `GET /v1/status HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\nauthorization: Bearer ${token}\r\nconnection: keep-alive\r\n\r\n`
    socket.write(request)
    await pWaitFor(() => /\r\n\r\n/.test(received), { timeout: 10_000 })
    assert.match(received, /^HTTP\/1\.1 200/)
    const announced = Number(/keep-alive: timeout=(\d+)/i.exec(received)?.[1])
    assert.ok(announced > 0, 'the server announces its keep-alive timeout')
    // the property itself is a time: the server must not close the idle connection just after the
    // time it announced, when a lagging client may still reuse it (node:http closes 1 s after it)
    const idleSince = Date.now()
    await pWaitFor(() => closed() || Date.now() - idleSince > announced * 1000 + 3_000, { timeout: 30_000, interval: 100 })
    assert.equal(closed(), false, `closed while a client could still reuse it, after ${Date.now() - idleSince} ms`)
    received = ''
    socket.write(request)
    await pWaitFor(() => /\r\n\r\n/.test(received) || closed(), { timeout: 10_000 })
    assert.match(received, /^HTTP\/1\.1 200/)
  })

  it('keeps an event stream open past the headers timeout', async () => {
    const controller = new AbortController()
    const res = await fetch(`${server.url}/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal })
    assert.equal(res.status, 200)
    const reader = res.body!.getReader()
    const started = Date.now()
    await pWaitFor(() => Date.now() - started > 1_500, { timeout: 5_000, interval: 100 })
    const open = await Promise.race([reader.closed.then(() => false, () => false), new Promise<boolean>(resolve => { setTimeout(() => { resolve(true) }, 100) })])
    assert.equal(open, true)
    controller.abort()
  })
})
