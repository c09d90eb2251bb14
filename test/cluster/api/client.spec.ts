import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { writeApiFile } from '../../../node/api/api-file.ts'
import { ApiClient } from '../../../node/api/client.ts'
import { API_FILE, TOKEN_FILE } from '../../../node/api/constants.ts'
import { type ApiServer, startApiServer } from '../../../node/api/server.ts'
import { loadOrCreateToken } from '../../../node/api/token.ts'
import { PeerhoodError, isPeerhoodError } from '../../../protocols/common/errors.ts'
import { type FakeNode, createFakeNode, fakePeer } from '../../helpers/fake-node.ts'
import { tempDir } from '../../helpers/temp-dir.ts'

describe('api/client', () => {
  let dir: { path: string, remove: () => Promise<void> }
  let node: FakeNode
  let server: ApiServer
  let client: ApiClient

  beforeEach(async () => {
    dir = await tempDir()
    node = await createFakeNode({ dataDir: dir.path })
    server = await startApiServer(node, { token: await loadOrCreateToken(dir.path), dataDir: dir.path })
    client = await ApiClient.fromDataDir(dir.path)
  })

  afterEach(async () => {
    await server.close()
    await dir.remove()
  })

  it('finds the node through the data directory and calls every endpoint', async () => {
    node.connected = [fakePeer('12D3KooWPeerA')]
    assert.equal(client.url, server.url)
    assert.equal((await client.id()).peerId, node.peerId.toString())
    assert.equal((await client.status()).peers, 1)
    assert.deepEqual(await client.peers(), node.connected)
    assert.equal((await client.connect('/ip4/127.0.0.1/tcp/1/p2p/12D3KooWPeerB')).peerId, '12D3KooWPeerB')
    assert.equal((await client.ping('12D3KooWPeerB')).rttMs, 1.5)
    assert.match(await client.metrics(), /peerhood_fake_total 3/)
  })

  it('sends any request through request<T>()', async () => {
    server.router.add('POST', '/v1/echo/:id', async ({ params, body }) => ({ id: params.id, body }))
    server.router.add('DELETE', '/v1/echo/:id', async () => undefined)
    assert.deepEqual(await client.request('POST', '/v1/echo/a', { x: 1 }), { id: 'a', body: { x: 1 } })
    assert.equal(await client.request('DELETE', '/v1/echo/a'), undefined)
  })

  it('throws the server\'s code', async () => {
    node.behaviour.connect = async () => { throw new PeerhoodError('CONNECTION_FAILED', 'no route', { details: { tried: 2 } }) }
    await assert.rejects(client.connect('/ip4/127.0.0.1/tcp/1/p2p/x'), err => {
      return isPeerhoodError(err, 'CONNECTION_FAILED') && err.details?.tried === 2 && err.details?.httpStatus === 502
    })
    await assert.rejects(client.request('GET', '/v1/nope'), err => isPeerhoodError(err, 'NOT_FOUND'))
    await assert.rejects(client.request('PUT', '/v1/status'), err => isPeerhoodError(err, 'METHOD_NOT_ALLOWED'))
    const wrong = new ApiClient({ url: server.url, token: 'wrong' })
    await assert.rejects(wrong.status(), err => isPeerhoodError(err, 'UNAUTHORIZED'))
  })

  it('maps an unknown code or a non-JSON error to INTERNAL', async () => {
    const odd = createServer((req, res) => {
      if (req.url === '/v1/odd') res.writeHead(418, { 'content-type': 'application/json' }).end('{"code":"NO_SUCH_CODE","message":"m"}')
      else res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>bad gateway</h1>')
    })
    await new Promise<void>(resolve => { odd.listen(0, '127.0.0.1', resolve) })
    const url = `http://127.0.0.1:${(odd.address() as { port: number }).port}`
    try {
      const c = new ApiClient({ url, token: 't' })
      await assert.rejects(c.request('GET', '/v1/odd'), err => isPeerhoodError(err, 'INTERNAL') && err.details?.httpStatus === 418)
      await assert.rejects(c.status(), err => isPeerhoodError(err, 'INTERNAL') && err.details?.httpStatus === 502)
    } finally {
      odd.close()
    }
  })

  it('reports NODE_NOT_RUNNING for an empty data directory', async () => {
    const empty = await tempDir()
    try {
      await assert.rejects(ApiClient.fromDataDir(empty.path), err => isPeerhoodError(err, 'NODE_NOT_RUNNING'))
      // api.json without a token file
      await writeApiFile(empty.path, { url: server.url, port: server.port, pid: process.pid })
      await assert.rejects(ApiClient.fromDataDir(empty.path), err => isPeerhoodError(err, 'NODE_NOT_RUNNING'))
    } finally {
      await empty.remove()
    }
  })

  it('reports NODE_NOT_RUNNING for a stale api.json pointing to a closed port', async () => {
    const { url, port } = server
    await server.close()
    // the node died without removing its files: api.json names a live pid but nobody listens
    await writeFile(join(dir.path, API_FILE), JSON.stringify({ url, port, pid: process.pid }))
    const stale = await ApiClient.fromDataDir(dir.path)
    await assert.rejects(stale.status(), err => isPeerhoodError(err, 'NODE_NOT_RUNNING'))
    await assert.rejects(stale.events({}, () => {}), err => isPeerhoodError(err, 'NODE_NOT_RUNNING'))
  })

  it('reads the token from api-token', async () => {
    await writeFile(join(dir.path, TOKEN_FILE), 'not-the-token\n')
    const c = await ApiClient.fromDataDir(dir.path)
    await assert.rejects(c.status(), err => isPeerhoodError(err, 'UNAUTHORIZED'))
  })
})
