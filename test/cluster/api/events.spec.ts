import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { ApiClient } from '../../../node/api/client.ts'
import { type ApiServer, startApiServer } from '../../../node/api/server.ts'
import { generateToken } from '../../../node/api/token.ts'
import type { PeerhoodEvent } from '../../../node/events.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { type FakeNode, createFakeNode } from '../../helpers/fake-node.ts'

describe('api/events (server-sent events)', () => {
  let node: FakeNode
  let server: ApiServer
  const token = generateToken()

  beforeEach(async () => {
    node = await createFakeNode()
    server = await startApiServer(node, { token, keepAliveMs: 50 })
  })

  afterEach(async () => {
    await server.close()
  })

  it('streams text/event-stream, starting with ": ok" and sending keep-alives', async () => {
    const controller = new AbortController()
    const res = await fetch(`${server.url}/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal })
    assert.equal(res.status, 200)
    assert.ok(res.headers.get('content-type')?.startsWith('text/event-stream'))
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    await pWaitFor(async () => {
      text += decoder.decode((await reader.read()).value, { stream: true })
      return text.includes(': keep-alive\n\n')
    }, { timeout: 5000 })
    assert.ok(text.startsWith(': ok\n\n'))
    node.events.emit('peer:connected', { peerId: 'p1' })
    await pWaitFor(async () => {
      text += decoder.decode((await reader.read()).value, { stream: true })
      return text.includes('event: peer:connected\ndata: {')
    }, { timeout: 5000 })
    controller.abort()
    await pWaitFor(() => node.events.subscriberCount === 0, { timeout: 5000 })
  })

  it('delivers matching events only and unsubscribes when the client aborts', async () => {
    const client = new ApiClient({ url: server.url, token })
    const controller = new AbortController()
    const got: PeerhoodEvent[] = []
    let opened = false
    const done = client.events({ types: ['peer:connected', 'member:'], group: 'G' }, e => { got.push(e) }, {
      signal: controller.signal,
      onOpen: () => { opened = true }
    })
    await pWaitFor(() => opened && node.events.subscriberCount === 1, { timeout: 5000 })

    node.events.emit('peer:connected', { peerId: 'p1' })            // no group: filtered out
    node.events.emit('peer:connected', { peerId: 'p2' }, 'G')       // match
    node.events.emit('peer:disconnected', { peerId: 'p2' }, 'G')    // wrong type
    node.events.emit('member:joined', { peerId: 'p3' }, 'H')        // wrong group
    node.events.emit('member:joined', { peerId: 'p4' }, 'G')        // match (prefix)
    await pWaitFor(() => got.length === 2, { timeout: 5000 })

    assert.deepEqual(got.map(e => [e.type, e.data.peerId, e.group]), [['peer:connected', 'p2', 'G'], ['member:joined', 'p4', 'G']])
    assert.equal(typeof got[0]!.time, 'number')

    controller.abort()
    await done
    await pWaitFor(() => node.events.subscriberCount === 0, { timeout: 5000 })
  })

  it('resolves when the server closes and leaves no subscriber', async () => {
    const client = new ApiClient({ url: server.url, token })
    let opened = false
    const done = client.events({}, () => {}, { onOpen: () => { opened = true } })
    await pWaitFor(() => opened && node.events.subscriberCount === 1, { timeout: 5000 })
    await server.close()
    await done
    assert.equal(node.events.subscriberCount, 0)
  })

  it('resolves at once when the signal is already aborted', async () => {
    const client = new ApiClient({ url: server.url, token })
    await client.events({}, () => {}, { signal: AbortSignal.abort() })
    assert.equal(node.events.subscriberCount, 0)
  })

  it('refuses a bad filter with INVALID_ARGUMENT', async () => {
    const client = new ApiClient({ url: server.url, token })
    await assert.rejects(client.events({ types: [''] }, () => {}), err => isPeerhoodError(err, 'INVALID_ARGUMENT'))
    assert.equal(node.events.subscriberCount, 0)
  })
})
