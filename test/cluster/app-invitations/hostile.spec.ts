import assert from 'node:assert/strict'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import type { Libp2p } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { lpStream, pbStream } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import { APP_INVITE_PROTOCOL } from '../../../protocols/app-invitations/index.ts'
import { Message, Reply } from '../../../protocols/app-invitations/pb/app-invite.ts'
import { message } from '../../../protocols/app-invitations/wire.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { addressOf, type InviteNode, startNode, stopAll } from './nodes.ts'

describe('cluster: application invitations against a hostile peer', function () {
  this.timeout(60_000)
  let nodes: InviteNode[] = []
  let raws: Libp2p[] = []
  afterEach(async () => {
    await stopAll(nodes)
    await Promise.all(raws.map(async r => { await r.stop() }))
    nodes = []
    raws = []
  })

  async function invite (raw: Libp2p, to: string, id: string): Promise<Reply> {
    const stream = await raw.dialProtocol(multiaddr(to), APP_INVITE_PROTOCOL)
    const pb = pbStream(stream)
    await pb.write(message({ kind: Message.Kind.INVITE, id, appId: 'org.example.chess', expiresInMs: 60_000 }), Message)
    return await pb.read(Reply)
  }

  it('a peer that sends junk is refused afterwards, even a valid invitation, and the recipient sees nothing', async () => {
    const a = await startNode('ann', { accept: 'anyone' })
    nodes = [a]
    const raw = await createLibp2p({ addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] }, transports: [tcp()], connectionEncrypters: [noise()], streamMuxers: [yamux()] })
    raws = [raw]
    await raw.start()
    // a valid one first: the peer is not refused for who it is
    assert.equal((await invite(raw, addressOf(a), 'first')).status, Reply.Status.OK)
    const junk = lpStream(await raw.dialProtocol(multiaddr(addressOf(a)), APP_INVITE_PROTOCOL))
    await junk.write(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]))
    // the recipient judges the junk and says so, then ends the stream
    assert.equal(Reply.decode(await junk.read()).refusal, 'INVALID_MESSAGE')
    const again = await invite(raw, addressOf(a), 'again')
    assert.equal(again.status, Reply.Status.THROTTLED)
    assert.equal(again.refusal, 'THROTTLED')
    assert.deepEqual(a.inv.received().map(i => i.from), [raw.peerId.toString()])
  })

  it('an answer the sender refuses with a code fails with that code', async () => {
    const a = await startNode('amy', { accept: 'anyone' })
    nodes = [a]
    const raw = await createLibp2p({ addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] }, transports: [tcp()], connectionEncrypters: [noise()], streamMuxers: [yamux()] })
    raws = [raw]
    await raw.start()
    // the sender refuses the answer as a responder refuses a message it will not read
    await raw.handle(APP_INVITE_PROTOCOL, async (stream) => {
      const pb = pbStream(stream)
      await pb.read(Message)
      await pb.write({ status: Reply.Status.INVALID, groupInvitation: '', refusal: 'MESSAGE_TOO_LARGE' }, Reply)
      await stream.close()
    })
    assert.equal((await invite(raw, addressOf(a), 'answer-me')).status, Reply.Status.OK)
    const [received] = a.inv.received()
    await assert.rejects(a.inv.accept(received!.id), (err) => isPeerhoodError(err, 'MESSAGE_TOO_LARGE'))
  })
})
