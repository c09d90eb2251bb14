import assert from 'node:assert/strict'
import { readFile, readdir, stat } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import pWaitFor from 'p-wait-for'
import { API_FILE } from '../../../node/api/constants.ts'
import { type ApiServer, startApiServer } from '../../../node/api/server.ts'
import { generateToken } from '../../../node/api/token.ts'
import { PeerhoodError, isPeerhoodError } from '../../../protocols/common/errors.ts'
import { type FakeNode, createFakeNode, fakePeer } from '../../helpers/fake-node.ts'
import { tempDir } from '../../helpers/temp-dir.ts'

describe('api/server', () => {
  let node: FakeNode
  let server: ApiServer
  let dir: { path: string, remove: () => Promise<void> }
  const token = generateToken()

  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
  const call = async (method: string, path: string, init: { body?: string, auth?: string | null } = {}): Promise<{ status: number, json: any, res: Response }> => {
    const headers: Record<string, string> = {}
    if (init.auth !== null) headers.authorization = init.auth ?? `Bearer ${token}`
    if (init.body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(server.url + path, { method, headers, ...(init.body === undefined ? {} : { body: init.body }) })
    const text = await res.text()
    return { status: res.status, json: res.headers.get('content-type')?.startsWith('application/json') === true ? JSON.parse(text) : text, res }
  }

  beforeEach(async () => {
    dir = await tempDir()
    node = await createFakeNode({ dataDir: dir.path })
    server = await startApiServer(node, { token, dataDir: dir.path })
  })

  afterEach(async () => {
    await server.close()
    await dir.remove()
  })

  it('listens on 127.0.0.1 on a free port', () => {
    assert.ok(server.port > 0)
    assert.equal(server.url, `http://127.0.0.1:${server.port}`)
  })

  it('answers 401 UNAUTHORIZED without or with a wrong token, on every path', async () => {
    for (const path of ['/v1/status', '/metrics', '/v1/events', '/nope']) {
      for (const auth of [null, 'Bearer wrong', `Basic ${token}`, `Bearer ${token}x`]) {
        const { status, json, res } = await call('GET', path, { auth })
        assert.equal(status, 401, `${path} ${auth}`)
        assert.equal(json.code, 'UNAUTHORIZED')
        assert.equal(res.headers.get('www-authenticate'), 'Bearer')
      }
    }
  })

  it('serves id, status and peers', async () => {
    node.connected = [fakePeer('12D3KooWPeerA')]
    const id = await call('GET', '/v1/id')
    assert.equal(id.status, 200)
    assert.deepEqual(id.json, { peerId: node.peerId.toString(), displayName: 'fake', addresses: node.status().addresses })
    const status = await call('GET', '/v1/status')
    assert.equal(status.json.peerId, node.peerId.toString())
    assert.equal(status.json.peers, 1)
    assert.equal(status.json.dataDir, dir.path)
    const peers = await call('GET', '/v1/peers')
    assert.deepEqual(peers.json, node.connected)
  })

  it('serves connect and ping with JSON bodies', async () => {
    const connect = await call('POST', '/v1/connect', { body: JSON.stringify({ multiaddr: '/ip4/127.0.0.1/tcp/1/p2p/12D3KooWPeerB' }) })
    assert.equal(connect.status, 200)
    assert.equal(connect.json.peerId, '12D3KooWPeerB')
    const ping = await call('POST', '/v1/ping', { body: JSON.stringify({ peer: '12D3KooWPeerB' }) })
    assert.deepEqual(ping.json, { peerId: '12D3KooWPeerB', rttMs: 1.5 })
    assert.deepEqual(node.calls, [
      { method: 'connect', arg: '/ip4/127.0.0.1/tcp/1/p2p/12D3KooWPeerB' },
      { method: 'ping', arg: '12D3KooWPeerB' }
    ])
  })

  it('serves Prometheus metrics as text', async () => {
    const { status, json, res } = await call('GET', '/metrics')
    assert.equal(status, 200)
    assert.ok(res.headers.get('content-type')?.startsWith('text/plain; version=0.0.4'))
    assert.match(json, /^peerhood_fake_total 3$/m)
  })

  it('reports a PeerhoodError as its status and { code, message }', async () => {
    const cases: Array<[PeerhoodError, number]> = [
      [new PeerhoodError('CONNECTION_FAILED', 'x'), 502],
      [new PeerhoodError('TIMEOUT', 'x'), 504],
      [new PeerhoodError('INVALID_MULTIADDR', 'x'), 400],
      [new PeerhoodError('CONNECT_SELF', 'x'), 400],
      [new PeerhoodError('GROUP_NOT_READY', 'x'), 503]
    ]
    for (const [err, expected] of cases) {
      node.behaviour.connect = async () => { throw err }
      const { status, json } = await call('POST', '/v1/connect', { body: '{"multiaddr":"/ip4/127.0.0.1/tcp/1"}' })
      assert.equal(status, expected, err.code)
      assert.equal(json.code, err.code)
      assert.equal(typeof json.message, 'string')
    }
  })

  it('hides unexpected errors behind 500 INTERNAL and tells onError', async () => {
    await server.close()
    const seen: unknown[] = []
    server = await startApiServer(node, { token, onError: err => { seen.push(err) } })
    node.behaviour.ping = async () => { throw new Error('secret internals') }
    const { status, json } = await call('POST', '/v1/ping', { body: '{"peer":"x"}' })
    assert.equal(status, 500)
    assert.deepEqual(Object.keys(json).sort(), ['code', 'message'])
    assert.equal(json.code, 'INTERNAL')
    assert.ok(!JSON.stringify(json).includes('secret'))
    assert.equal(seen.length, 1)
  })

  it('refuses bad bodies with 400 and names the missing key', async () => {
    const bad = await call('POST', '/v1/connect', { body: '{not json' })
    assert.equal(bad.status, 400)
    assert.equal(bad.json.code, 'INVALID_REQUEST')
    const missing = await call('POST', '/v1/connect', { body: '{}' })
    assert.equal(missing.status, 400)
    assert.equal(missing.json.code, 'INVALID_ARGUMENT')
    assert.equal(missing.json.details.key, 'multiaddr')
  })

  it('refuses a body over 1 MiB with 413 INVALID_REQUEST', async () => {
    const body = JSON.stringify({ multiaddr: 'x'.repeat(1024 * 1024) })
    const { status, json } = await call('POST', '/v1/connect', { body })
    assert.equal(status, 413)
    assert.equal(json.code, 'INVALID_REQUEST')
    assert.deepEqual(node.calls, [])
    // the connection is still usable
    assert.equal((await call('GET', '/v1/status')).status, 200)
  })

  it('answers 404 NOT_FOUND for unknown paths and 405 for wrong methods', async () => {
    const missing = await call('GET', '/v1/nope')
    assert.equal(missing.status, 404)
    assert.equal(missing.json.code, 'NOT_FOUND')
    const wrong = await call('DELETE', '/v1/status')
    assert.equal(wrong.status, 405)
    assert.equal(wrong.json.code, 'METHOD_NOT_ALLOWED')
    assert.equal(wrong.res.headers.get('allow'), 'GET')
  })

  it('aborts the handler\'s signal when the client goes away', async () => {
    let aborted = false
    let started = false
    node.behaviour.connect = async (_ma, options) => {
      started = true
      await new Promise<void>(resolve => { options?.signal?.addEventListener('abort', () => { resolve() }, { once: true }) })
      aborted = options?.signal?.aborted === true
      throw new PeerhoodError('TIMEOUT', 'gave up')
    }
    const controller = new AbortController()
    const pending = fetch(`${server.url}/v1/connect`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: '{"multiaddr":"/ip4/127.0.0.1/tcp/1"}',
      signal: controller.signal
    })
    await pWaitFor(() => started, { timeout: 5000 })
    controller.abort()
    await assert.rejects(pending, err => err instanceof Error && err.name === 'AbortError')
    await pWaitFor(() => aborted, { timeout: 5000 })
  })

  it('serves endpoints added to its router later', async () => {
    server.router.add('GET', '/v1/example/:id/items', async ({ params, query }) => ({ group: params.id, type: query.get('type') }))
    const { status, json } = await call('GET', '/v1/example/g1/items?type=t')
    assert.equal(status, 200)
    assert.deepEqual(json, { group: 'g1', type: 't' })
  })

  it('writes api.json with mode 0600 and removes it on close', async () => {
    const file = join(dir.path, API_FILE)
    assert.equal((await stat(file)).mode & 0o777, 0o600)
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), { url: server.url, port: server.port, pid: process.pid })
    await server.close()
    await server.close()
    assert.deepEqual(await readdir(dir.path), [])
  })

  it('reports PORT_IN_USE with the port when the port is taken', async () => {
    await assert.rejects(startApiServer(node, { token, port: server.port }), err => {
      return isPeerhoodError(err, 'PORT_IN_USE') && err.details?.port === server.port
    })
    // a plain TCP listener on the port too
    const blocker = createServer()
    await new Promise<void>(resolve => { blocker.listen(0, '127.0.0.1', resolve) })
    const port = (blocker.address() as { port: number }).port
    try {
      await assert.rejects(startApiServer(node, { token, port }), err => isPeerhoodError(err, 'PORT_IN_USE'))
    } finally {
      blocker.close()
    }
  })

  it('refuses an empty token', async () => {
    await assert.rejects(startApiServer(node, { token: '' }), err => isPeerhoodError(err, 'INVALID_ARGUMENT'))
  })
})
