import assert from 'node:assert/strict'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import type { Libp2p, Stream } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { lpStream } from '@libp2p/utils'
import { createLibp2p } from 'libp2p'
import { APP_INVITE_PROTOCOL } from '../../../protocols/app-invitations/constants.ts'
import { appInvitations } from '../../../protocols/app-invitations/index.ts'
import { Reply } from '../../../protocols/app-invitations/pb/app-invite.ts'
import { COLLAB_PROTOCOL } from '../../../protocols/collaboration/constants.ts'
import { collaboration } from '../../../protocols/collaboration/index.ts'
import { Frame } from '../../../protocols/collaboration/pb/collab.ts'
import { CREDENTIALS_PROTOCOL } from '../../../protocols/credentials/constants.ts'
import { credentials } from '../../../protocols/credentials/index.ts'
import { RenewResponse } from '../../../protocols/credentials/pb/credentials.ts'
import { MEMBERSHIP_PROTOCOL } from '../../../protocols/membership/constants.ts'
import { membership } from '../../../protocols/membership/index.ts'
import { Offer } from '../../../protocols/membership/pb/membership.ts'
import { PASSWORD_JOIN_PROTOCOL } from '../../../protocols/password-join/constants.ts'
import { passwordJoin } from '../../../protocols/password-join/index.ts'
import { Challenge } from '../../../protocols/password-join/pb/password-join.ts'

/** The responders' time limit here, in milliseconds (their defaults are 10 to 30 s). */
const TIMEOUT_MS = 300

/** Each protocol and how to read the refusal code out of its answer. */
const CASES: Array<{ protocol: string, refusal: (body: Uint8Array) => string | undefined }> = [
  { protocol: MEMBERSHIP_PROTOCOL, refusal: body => Offer.decode(body).refusal },
  { protocol: CREDENTIALS_PROTOCOL, refusal: body => RenewResponse.decode(body).refusal },
  { protocol: PASSWORD_JOIN_PROTOCOL, refusal: body => Challenge.decode(body).refusal },
  { protocol: COLLAB_PROTOCOL, refusal: body => Frame.decode(body).refusal },
  { protocol: APP_INVITE_PROTOCOL, refusal: body => Reply.decode(body).refusal }
]

const TCP_LOOPBACK = { addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] }, transports: [tcp()], connectionEncrypters: [noise()], streamMuxers: [yamux()] }

describe('network: a peer too slow to send its message', function () {
  this.timeout(60_000)
  const nodes: Libp2p[] = []

  afterEach(async () => {
    await Promise.allSettled(nodes.splice(0).map(async n => { await n.stop() }))
  })

  it('is refused with TIMEOUT at the responder\'s time limit, on the five protocols that used to reset', async () => {
    const responder = await createLibp2p({
      ...TCP_LOOPBACK,
      services: {
        identify: identify(),
        membership: membership({ localMemberships: () => [], verifyChain: () => { throw new Error('no chain is read here') }, timeoutMs: TIMEOUT_MS }),
        credentials: credentials({ issuerFor: () => undefined, currentChain: () => undefined, timeoutMs: TIMEOUT_MS }),
        passwordJoin: passwordJoin({ authorityFor: () => undefined, timeoutMs: TIMEOUT_MS }),
        collaboration: collaboration({ displayName: 'slow', inboundTimeoutMs: TIMEOUT_MS }),
        appInvitations: appInvitations({ exchangeTimeoutMs: TIMEOUT_MS })
      }
    })
    const dialer = await createLibp2p(TCP_LOOPBACK)
    nodes.push(responder, dialer)
    await Promise.all(nodes.map(async n => { await n.start() }))
    const seen: Record<string, string> = {}
    await Promise.all(CASES.map(async (c) => {
      const stream: Stream = await dialer.dialProtocol(responder.getMultiaddrs()[0]!, c.protocol, { signal: AbortSignal.timeout(20_000) })
      // a frame that announces 100 bytes and never brings them
      stream.send(Uint8Array.from([100, 1, 2, 3]))
      const lp = lpStream(stream)
      try {
        seen[c.protocol] = c.refusal((await lp.read({ signal: AbortSignal.timeout(20_000) })).subarray()) ?? '(no refusal code)'
      } catch (err) {
        seen[c.protocol] = `${(err as Error).name}`
      } finally {
        stream.abort(new Error('test over'))
      }
    }))
    assert.deepEqual(seen, Object.fromEntries(CASES.map(c => [c.protocol, 'TIMEOUT'])))
  })
})
