import assert from 'node:assert/strict'
import type { Connection, Stream } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import { createPeerhood } from '../../../node/peerhood.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { APP_INVITE_PROTOCOL, EXCHANGE_TIMEOUT_MS, MAX_WIRE_BYTES } from '../../../protocols/app-invitations/constants.ts'
import { Reply } from '../../../protocols/app-invitations/pb/app-invite.ts'
import { COLLAB_PROTOCOL, INBOUND_REQUEST_TIMEOUT_MS, MAX_FRAME_BYTES } from '../../../protocols/collaboration/constants.ts'
import { Frame } from '../../../protocols/collaboration/pb/collab.ts'
import { MAX_REFUSAL_BYTES } from '../../../protocols/common/refusal.ts'
import * as credentials from '../../../protocols/credentials/constants.ts'
import { RenewResponse } from '../../../protocols/credentials/pb/credentials.ts'
import { DIRECT_PROTOCOL, MAX_DATA_BYTES, OPEN_TIMEOUT_MS } from '../../../protocols/direct-data/constants.ts'
import { maxFrameBytes } from '../../../protocols/direct-data/frames.ts'
import { Answer } from '../../../protocols/direct-data/pb/direct.ts'
import { HANDSHAKE_TIMEOUT_MS, MAX_MESSAGE_BYTES as MEMBERSHIP_MAX_BYTES, MEMBERSHIP_PROTOCOL } from '../../../protocols/membership/constants.ts'
import { Offer } from '../../../protocols/membership/pb/membership.ts'
import * as passwordJoin from '../../../protocols/password-join/constants.ts'
import { Challenge } from '../../../protocols/password-join/pb/password-join.ts'
import { DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MESSAGE_TIMEOUT_MS, SYNC_PROTOCOL } from '../../../protocols/sync/constants.ts'
import { ResponderMessage, Status } from '../../../protocols/sync/pb/sync.ts'

/** An unsigned varint, as libp2p's length prefixes are written. */
function varint (n: number): Uint8Array {
  const out: number[] = []
  while (n >= 0x80) { out.push((n % 0x80) | 0x80); n = Math.floor(n / 0x80) }
  out.push(n)
  return Uint8Array.from(out)
}

/** The body of one length-prefixed frame (the first one of `data`). */
function firstFrame (data: Uint8Array): Uint8Array {
  let length = 0
  let i = 0
  for (let shift = 1; ; shift *= 0x80) {
    const b = data[i++]!
    length += (b & 0x7f) * shift
    if (b < 0x80) break
  }
  return data.subarray(i, i + length)
}

const LOOPBACK_ONLY = { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: { enabled: false }, dht: { enabled: false } }

interface Case {
  protocol: string
  /** Largest message the responder reads. */
  maxBytes: number
  /** The responder's own time limit for that read. */
  timeoutMs: number
  /** The code of the refusal the protocol answers with for a frame it will not read. */
  refusal: (data: Uint8Array) => string
  /** The code that refusal carries for a frame over the size limit. */
  oversizedCode: string
  /** The code that refusal carries for a frame that is not protobuf, or an empty message. */
  invalidCode: string
}

/** The five protocols whose refusal is the common `refusal` field (protocols/common/refusal.ts). */
function commonRefusal (protocol: string, maxBytes: number, timeoutMs: number, refusal: (body: Uint8Array) => string | undefined): Case {
  return { protocol, maxBytes, timeoutMs, refusal: (data) => refusal(firstFrame(data)) ?? '(none)', oversizedCode: 'MESSAGE_TOO_LARGE', invalidCode: 'INVALID_MESSAGE' }
}

const CASES: Case[] = [
  commonRefusal(MEMBERSHIP_PROTOCOL, MEMBERSHIP_MAX_BYTES, HANDSHAKE_TIMEOUT_MS, body => Offer.decode(body).refusal),
  {
    protocol: SYNC_PROTOCOL,
    maxBytes: DEFAULT_MAX_MESSAGE_BYTES,
    timeoutMs: DEFAULT_MESSAGE_TIMEOUT_MS,
    refusal: (data) => String(ResponderMessage.decode(firstFrame(data)).status?.code),
    oversizedCode: String(Status.Code.INVALID_MESSAGE),
    invalidCode: String(Status.Code.INVALID_MESSAGE)
  },
  commonRefusal(credentials.CREDENTIALS_PROTOCOL, credentials.MAX_MESSAGE_BYTES, credentials.DEFAULT_TIMEOUT_MS, body => RenewResponse.decode(body).refusal),
  commonRefusal(passwordJoin.PASSWORD_JOIN_PROTOCOL, passwordJoin.MAX_MESSAGE_BYTES, passwordJoin.DEFAULT_TIMEOUT_MS, body => Challenge.decode(body).refusal),
  {
    protocol: DIRECT_PROTOCOL,
    maxBytes: maxFrameBytes(MAX_DATA_BYTES),
    timeoutMs: OPEN_TIMEOUT_MS,
    refusal: (data) => { const a = Answer.decode(firstFrame(data)); return a.accepted ? 'ACCEPTED' : a.code },
    oversizedCode: 'INVALID_MESSAGE',
    invalidCode: 'INVALID_MESSAGE'
  },
  commonRefusal(COLLAB_PROTOCOL, MAX_FRAME_BYTES, INBOUND_REQUEST_TIMEOUT_MS, body => Frame.decode(body).refusal),
  commonRefusal(APP_INVITE_PROTOCOL, MAX_WIRE_BYTES, EXCHANGE_TIMEOUT_MS, body => Reply.decode(body).refusal)
]

/** A frame whose body is not protobuf: a varint that never ends. */
const GARBAGE = Buffer.concat([varint(16), new Uint8Array(16).fill(0xff)])

/** A fraction of the shortest responder timeout: an answer later than this is a dialer left waiting. */
const DEADLINE_MS = Math.min(...CASES.map(c => c.timeoutMs)) / 5

type Outcome = { kind: 'reset', ms: number } | { kind: 'refusal', ms: number, data: Uint8Array } | { kind: 'closed' | 'silence', ms: number }

/** Opens `protocol`, writes `payload`, and reports what the dialer sees first. */
async function probe (connection: Connection, protocol: string, payload: Uint8Array): Promise<Outcome> {
  const stream: Stream = await connection.newStream(protocol, { signal: AbortSignal.timeout(10_000) })
  const started = performance.now()
  const outcome = new Promise<Outcome>((resolve) => {
    // silence is what the dialer would otherwise see until the responder's own timeout
    const timer = setTimeout(() => { resolve({ kind: 'silence', ms: performance.now() - started }) }, DEADLINE_MS)
    const chunks: Uint8Array[] = []
    stream.addEventListener('message', (evt) => { chunks.push(evt.data.subarray()) })
    const settle = (kind: 'reset' | 'closed'): void => {
      clearTimeout(timer)
      const ms = performance.now() - started
      if (chunks.length > 0) resolve({ kind: 'refusal', ms, data: Buffer.concat(chunks) })
      else resolve({ kind, ms })
    }
    stream.addEventListener('close', (evt) => { settle(evt.error !== undefined ? 'reset' : 'closed') }, { once: true })
    stream.addEventListener('remoteCloseWrite', () => { settle('closed') }, { once: true })
  })
  stream.send(payload)
  const result = await outcome
  stream.abort(new Error('test over'))
  return result
}

describe('network: frames a protocol will not read', function () {
  this.timeout(120_000)
  const nodes: PeerhoodNode[] = []

  afterEach(async () => {
    await Promise.allSettled(nodes.splice(0).map(async n => n.stop()))
  })

  /** Two started nodes on 127.0.0.1 and the first one's connection to the second. */
  async function connectedPair (): Promise<Connection> {
    for (let i = 0; i < 2; i++) {
      const n = await createPeerhood({ config: LOOPBACK_ONLY })
      nodes.push(n)
      await n.start()
    }
    return await nodes[0]!.libp2p.dial(multiaddr(nodes[1]!.status().addresses[0]!))
  }

  /** Sends a payload on every protocol and checks each answers at once with one small refusal carrying its code. */
  async function expectRefusals (payloadOf: (c: Case) => Uint8Array, codeOf: (c: Case) => string): Promise<void> {
    const connection = await connectedPair()
    const seen: Record<string, string> = {}
    for (const c of CASES) {
      const outcome = await probe(connection, c.protocol, payloadOf(c))
      if (process.env.PEERHOOD_TEST_VERBOSE !== undefined) console.log(`${c.protocol}: ${outcome.kind} after ${outcome.ms.toFixed(0)} ms`)
      // one small frame, whatever the peer sent
      seen[c.protocol] = outcome.kind !== 'refusal'
        ? `${outcome.kind} after ${outcome.ms.toFixed(0)} ms (deadline ${DEADLINE_MS} ms)`
        : outcome.data.byteLength > MAX_REFUSAL_BYTES + 2 ? `${outcome.data.byteLength} bytes of refusal` : c.refusal(outcome.data)
      assert.equal(connection.status, 'open', `${c.protocol}: the connection itself was closed`)
    }
    assert.deepEqual(seen, Object.fromEntries(CASES.map(c => [c.protocol, codeOf(c)])))
  }

  it('one over the size limit is answered at once with the protocol\'s refusal and its code, on every protocol', async () => {
    // the prefix and the first KiB of a body that would exceed the limit
    await expectRefusals(c => Buffer.concat([varint(c.maxBytes + 1), new Uint8Array(1024)]), c => c.oversizedCode)
  })

  it('one that is not protobuf is answered at once with the protocol\'s refusal and its code, on every protocol', async () => {
    await expectRefusals(() => GARBAGE, c => c.invalidCode)
  })

  it('empty ones without end are answered at once too, with the refusal of a malformed message', async () => {
    const connection = await connectedPair()
    for (const c of CASES) {
      // 16 Ki zero-length frames: each decodes as an empty message, which no protocol accepts
      const outcome = await probe(connection, c.protocol, new Uint8Array(16 * 1024))
      assert.notEqual(outcome.kind, 'silence', `${c.protocol}: silence for ${DEADLINE_MS} ms`)
      assert.notEqual(outcome.kind, 'closed', `${c.protocol}: closed without a word`)
      assert.equal(outcome.kind, 'refusal', `${c.protocol}: ${outcome.kind}`)
      if (outcome.kind === 'refusal') assert.equal(c.refusal(outcome.data), c.invalidCode, `${c.protocol}: the refusal's code`)
    }
  })
})
