import assert from 'node:assert/strict'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import type { Libp2p, Stream } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { lpStream, pbStream } from '@libp2p/utils'
import { createLibp2p } from 'libp2p'
import { COLLAB_PROTOCOL, MAX_OBJECTS } from '../../../protocols/collaboration/constants.ts'
import { frame } from '../../../protocols/collaboration/frames.ts'
import { Frame, Kind, Request, Status } from '../../../protocols/collaboration/pb/collab.ts'
import { type CollabNode, eventsOf, startCollab, stopAll, code } from './nodes.ts'

/** A peer that speaks the collaboration protocol its own way: `script` answers every stream. */
async function rawPeer (script: (stream: Stream) => Promise<void>): Promise<Libp2p> {
  const node = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()]
  })
  await node.handle(COLLAB_PROTOCOL, async (stream) => { await script(stream).catch(() => {}) })
  await node.start()
  return node
}

async function writeFrames (stream: Stream, frames: Frame[]): Promise<void> {
  const pb = pbStream(stream, { maxDataLength: 1 << 20 })
  await pb.read(Request)
  for (const f of frames) await pb.write(f, Frame)
}

const object = (i: number, size = 8): Frame => frame({ object: { id: `org.example.o${i}`, data: new Uint8Array(size).fill(1), description: '', deleted: false } })

describe('cluster: collaboration against hostile and silent peers', function () {
  this.timeout(60_000)
  let nodes: CollabNode[] = []
  let raws: Libp2p[] = []
  afterEach(async () => {
    await stopAll(nodes)
    await Promise.all(raws.map(async r => { await r.stop() }))
    nodes = []
    raws = []
  })

  it('a snapshot over the object limit is refused with TOO_MANY_OBJECTS, nothing of it is kept, and the peer is penalised', async () => {
    const tooMany = [frame({ status: Status.OK }), frame({ begin: true }), ...Array.from({ length: MAX_OBJECTS + 1 }, (_, i) => object(i)), frame({ end: true })]
    const evil = await rawPeer(async (stream) => { await writeFrames(stream, tooMany) })
    const b = await startCollab('victim1')
    nodes = [b]
    raws = [evil]
    await b.node.start()
    await b.collab.signin('internet')
    const target = evil.getMultiaddrs()[0]!.toString()
    await assert.rejects(b.collab.subscribe(target), code('TOO_MANY_OBJECTS'))
    assert.deepEqual(eventsOf(b, 'request:status').at(-1), { peerId: evil.peerId.toString(), operation: 'subscribe', status: 'TOO_MANY_OBJECTS' })
    assert.throws(() => b.collab.endpoint(evil.peerId.toString()), code('NOT_FOUND'))
    assert.equal(eventsOf(b, 'endpoint:object-changed').length, 0)
    // penalised by PeerId: refused without asking again
    await assert.rejects(b.collab.refresh(target), code('THROTTLED'))
  })

  it('a push over a limit after a valid snapshot ends the subscription and leaves the held data as it was', async () => {
    const evil = await rawPeer(async (stream) => {
      await writeFrames(stream, [frame({ status: Status.OK }), frame({ begin: true, presence: { status: 'ONLINE' as any, text: '' } }), object(1), frame({ end: true }), object(2, 16 * 1024 + 1)])
    })
    const b = await startCollab('victim2')
    nodes = [b]
    raws = [evil]
    await b.node.start()
    await b.collab.signin('internet')
    const data = await b.collab.subscribe(evil.getMultiaddrs()[0]!.toString())
    assert.deepEqual(data.objects.map(o => o.id), ['org.example.o1'])
    const peerId = evil.peerId.toString()
    await import('p-wait-for').then(async ({ default: pWaitFor }) => { await pWaitFor(() => b.collab.endpoint(peerId).presence.status === 'offline', { timeout: 10_000 }) })
    assert.deepEqual(b.collab.endpointObjects(peerId).map(o => o.id), ['org.example.o1'])
    assert.ok(!eventsOf(b, 'endpoint:object-changed').some(d => d.object.id === 'org.example.o2'))
  })

  it('a frame over the size bound is refused (MESSAGE_TOO_LARGE)', async () => {
    const evil = await rawPeer(async (stream) => {
      await writeFrames(stream, [frame({ status: Status.OK }), frame({ begin: true }), object(1, 64 * 1024)])
    })
    const b = await startCollab('victim3')
    nodes = [b]
    raws = [evil]
    await b.node.start()
    await b.collab.signin('internet')
    await assert.rejects(b.collab.refresh(evil.getMultiaddrs()[0]!.toString()), code('MESSAGE_TOO_LARGE'))
    assert.equal(eventsOf(b, 'request:status').at(-1)?.status, 'MESSAGE_TOO_LARGE')
  })

  it('a peer that floods its subscription is cut off and penalised', async () => {
    const flood = Array.from({ length: 3000 }, (_, i) => frame({ presence: { status: 'AWAY' as any, text: String(i) } }))
    const evil = await rawPeer(async (stream) => {
      await writeFrames(stream, [frame({ status: Status.OK }), frame({ begin: true, presence: { status: 'ONLINE' as any, text: '' } }), frame({ end: true }), ...flood])
    })
    const b = await startCollab('victim5')
    nodes = [b]
    raws = [evil]
    await b.node.start()
    await b.collab.signin('internet')
    await b.collab.subscribe(evil.getMultiaddrs()[0]!.toString())
    const peerId = evil.peerId.toString()
    await import('p-wait-for').then(async ({ default: pWaitFor }) => { await pWaitFor(() => b.collab.endpoint(peerId).presence.status === 'offline', { timeout: 10_000 }) })
    assert.ok(eventsOf(b, 'endpoint:presence-changed').length < 1100)
    await assert.rejects(b.collab.refresh(peerId), code('THROTTLED'))
  })

  it('a peer that sends a request that does not decode is penalised: its next requests are refused THROTTLED', async () => {
    const a = await startCollab('target6')
    nodes = [a]
    await a.node.start()
    await a.collab.signin('internet')
    const evil = await createLibp2p({ addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] }, transports: [tcp()], connectionEncrypters: [noise()], streamMuxers: [yamux()] })
    raws = [evil]
    await evil.start()
    const ask = async (bytes: Uint8Array): Promise<Frame | undefined> => {
      const stream = await evil.dialProtocol(a.node.getMultiaddrs()[0]!, COLLAB_PROTOCOL)
      const lp = lpStream(stream, { maxDataLength: 1 << 20 })
      await lp.write(bytes)
      try { return Frame.decode(await lp.read({ signal: AbortSignal.timeout(5_000) })) } catch { return undefined }
    }
    // an unknown request kind (enum value 99) does not decode: refused with that code
    assert.equal((await ask(new Uint8Array([0x08, 99])))?.refusal, 'INVALID_MESSAGE')
    const next = await ask(Request.encode({ kind: Kind.CARD }))
    assert.equal(next?.status, Status.THROTTLED)
  })

  it('a peer that never answers: subscribe and refresh time out with TIMEOUT and a request:status event', async () => {
    const held: Stream[] = []
    const silent = await rawPeer(async (stream) => { held.push(stream) })
    const b = await startCollab('victim4', { requestTimeoutMs: 700 })
    nodes = [b]
    raws = [silent]
    await b.node.start()
    await b.collab.signin('internet')
    const target = silent.getMultiaddrs()[0]!.toString()
    const started = Date.now()
    await assert.rejects(b.collab.subscribe(target), code('TIMEOUT'))
    assert.ok(Date.now() - started < 10_000)
    assert.deepEqual(eventsOf(b, 'request:status').at(-1), { peerId: silent.peerId.toString(), operation: 'subscribe', status: 'TIMEOUT' })
    await assert.rejects(b.collab.refresh(target), code('TIMEOUT'))
    assert.deepEqual(eventsOf(b, 'request:status').at(-1), { peerId: silent.peerId.toString(), operation: 'refresh', status: 'TIMEOUT' })
    // nothing held, nothing penalised: a silent peer is not a hostile one
    await assert.rejects(b.collab.unsubscribe(target), code('NOT_FOUND'))
  })
})
