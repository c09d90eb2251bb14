import assert from 'node:assert/strict'
import type { Stream } from '@libp2p/interface'
import { type Multiaddr, multiaddr } from '@multiformats/multiaddr'
import { createPeerhood } from '../../../node/peerhood.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { APP_INVITE_PROTOCOL, MAX_WIRE_BYTES } from '../../../protocols/app-invitations/constants.ts'
import { COLLAB_PROTOCOL, MAX_FRAME_BYTES } from '../../../protocols/collaboration/constants.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { CREDENTIALS_PROTOCOL, MAX_MESSAGE_BYTES as CREDENTIALS_MAX_BYTES } from '../../../protocols/credentials/constants.ts'
import type { Credentials } from '../../../protocols/credentials/index.ts'
import { MEMBERSHIP_PROTOCOL, MAX_MESSAGE_BYTES as MEMBERSHIP_MAX_BYTES } from '../../../protocols/membership/constants.ts'
import type { Membership } from '../../../protocols/membership/index.ts'
import { PASSWORD_JOIN_PROTOCOL, MAX_MESSAGE_BYTES as PASSWORD_JOIN_MAX_BYTES } from '../../../protocols/password-join/constants.ts'
import type { PasswordJoin } from '../../../protocols/password-join/index.ts'

const LOOPBACK_ONLY = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: { enabled: false }, dht: { enabled: false } }

/** An unsigned varint, as libp2p's length prefixes are written. */
function varint (n: number): Uint8Array {
  const out: number[] = []
  while (n >= 0x80) { out.push((n % 0x80) | 0x80); n = Math.floor(n / 0x80) }
  out.push(n)
  return Uint8Array.from(out)
}

/** The five protocols, each with its responder's size limit. */
const PROTOCOLS: Array<{ protocol: string, maxBytes: number }> = [
  { protocol: MEMBERSHIP_PROTOCOL, maxBytes: MEMBERSHIP_MAX_BYTES },
  { protocol: CREDENTIALS_PROTOCOL, maxBytes: CREDENTIALS_MAX_BYTES },
  { protocol: PASSWORD_JOIN_PROTOCOL, maxBytes: PASSWORD_JOIN_MAX_BYTES },
  { protocol: COLLAB_PROTOCOL, maxBytes: MAX_FRAME_BYTES },
  { protocol: APP_INVITE_PROTOCOL, maxBytes: MAX_WIRE_BYTES }
]

/**
 * Makes `via` a tampering relay for `protocol`: each inbound stream is forwarded to the same
 * protocol on `to`, with `junk(maxBytes)` written first, and what `to` answers goes back as it
 * is. So a real initiator talks to a real responder that receives input it will not read.
 */
async function tamper (via: PeerhoodNode, to: Multiaddr, protocol: string, junk: Uint8Array): Promise<void> {
  await via.libp2p.unhandle(protocol)
  await via.libp2p.handle(protocol, async (inbound: Stream) => {
    // what arrives before the forward stream is open waits here
    const early: Uint8Array[] = []
    let outbound: Stream | undefined
    const forward = (data: Uint8Array): void => {
      try { if (outbound?.writeStatus === 'writable') outbound.send(data) } catch { /* the responder stopped reading */ }
    }
    inbound.addEventListener('message', (evt) => { if (outbound === undefined) early.push(evt.data.subarray()); else forward(evt.data.subarray()) })
    try {
      outbound = await via.libp2p.dialProtocol(to, protocol, { signal: AbortSignal.timeout(20_000), runOnLimitedConnection: true })
    } catch (err) {
      inbound.abort(err as Error)
      return
    }
    const out = outbound
    out.addEventListener('message', (evt) => { try { if (inbound.writeStatus === 'writable') inbound.send(evt.data.subarray()) } catch { /* gone */ } })
    out.addEventListener('remoteCloseWrite', () => { inbound.close().catch(() => {}) })
    out.addEventListener('close', (evt) => { if (evt.error !== undefined) inbound.abort(evt.error) })
    inbound.addEventListener('close', () => { out.abort(new Error('initiator gone')) })
    inbound.addEventListener('remoteCloseWrite', () => { out.close().catch(() => {}) })
    forward(junk)
    for (const data of early.splice(0)) forward(data)
  }, { runOnLimitedConnection: true, maxInboundStreams: 16 })
}

/** The error an API call rejected with, or a failure if it resolved. */
async function failure (call: Promise<unknown>): Promise<unknown> {
  try {
    await call
  } catch (err) {
    return err
  }
  return new Error('resolved')
}

describe('network: a refusal reaches the initiator\'s caller with its code', function () {
  this.timeout(120_000)
  const nodes: PeerhoodNode[] = []

  afterEach(async () => {
    await Promise.allSettled(nodes.splice(0).map(async n => n.stop()))
  })

  /**
   * Runs every initiator API of the five protocols from a node A to a node B that tampers with
   * the stream on its way to the real responder C; returns the code each call failed with.
   */
  async function codesThrough (junk: (maxBytes: number) => Uint8Array): Promise<Record<string, string>> {
    for (let i = 0; i < 3; i++) {
      const n = await createPeerhood({ config: LOOPBACK_ONLY })
      nodes.push(n)
      await n.start()
    }
    const [a, b, c] = nodes as [PeerhoodNode, PeerhoodNode, PeerhoodNode]
    const cAddress = multiaddr(c.status().addresses[0]!)
    for (const p of PROTOCOLS) await tamper(b, cAddress, p.protocol, junk(p.maxBytes))
    const bAddress = multiaddr(b.status().addresses[0]!)
    await a.libp2p.dial(bAddress)
    const services = a.libp2p.services as { membership: Membership, credentials: Credentials, passwordJoin: PasswordJoin }
    const { groupId } = await a.groups.create({ friendlyName: 'refusals' })
    await a.collaboration.signin('internet')
    const calls: Record<string, () => Promise<unknown>> = {
      [MEMBERSHIP_PROTOCOL]: async () => await services.membership.handshake(b.peerId),
      [CREDENTIALS_PROTOCOL]: async () => await services.credentials.renew(bAddress, groupId),
      [PASSWORD_JOIN_PROTOCOL]: async () => await services.passwordJoin.join(bAddress, groupId, 'correct horse battery staple'),
      [COLLAB_PROTOCOL]: async () => await a.collaboration.refresh(bAddress.toString()),
      [APP_INVITE_PROTOCOL]: async () => await a.invitations.invite(bAddress.toString(), { appId: 'org.example.chess' })
    }
    const codes: Record<string, string> = {}
    for (const [protocol, call] of Object.entries(calls)) {
      const err = await failure(call())
      codes[protocol] = isPeerhoodError(err) ? `${err.code}${err.details?.remote === true ? ' (remote)' : ''}` : `not a PeerhoodError: ${(err as Error)?.name}`
    }
    return codes
  }

  it('a frame over the responder\'s size limit: MESSAGE_TOO_LARGE, from the responder', async () => {
    const codes = await codesThrough(maxBytes => Buffer.concat([varint(maxBytes + 1), new Uint8Array(64)]))
    assert.deepEqual(codes, Object.fromEntries(PROTOCOLS.map(p => [p.protocol, 'MESSAGE_TOO_LARGE (remote)'])))
  })

  it('a frame that is not protobuf: INVALID_MESSAGE, from the responder', async () => {
    const codes = await codesThrough(() => Buffer.concat([varint(16), new Uint8Array(16).fill(0xff)]))
    assert.deepEqual(codes, Object.fromEntries(PROTOCOLS.map(p => [p.protocol, 'INVALID_MESSAGE (remote)'])))
  })
})
