import assert from 'node:assert/strict'
import type { Connection, Stream } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import { createPeerhood } from '../../../node/peerhood.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { APP_INVITE_PROTOCOL, EXCHANGE_TIMEOUT_MS, MAX_WIRE_BYTES } from '../../../protocols/app-invitations/constants.ts'
import { COLLAB_PROTOCOL, INBOUND_REQUEST_TIMEOUT_MS, MAX_FRAME_BYTES } from '../../../protocols/collaboration/constants.ts'
import * as credentials from '../../../protocols/credentials/constants.ts'
import { DIRECT_PROTOCOL, MAX_DATA_BYTES, OPEN_TIMEOUT_MS } from '../../../protocols/direct-data/constants.ts'
import { maxFrameBytes } from '../../../protocols/direct-data/frames.ts'
import { Answer } from '../../../protocols/direct-data/pb/direct.ts'
import { HANDSHAKE_TIMEOUT_MS, MAX_MESSAGE_BYTES as MEMBERSHIP_MAX_BYTES, MEMBERSHIP_PROTOCOL } from '../../../protocols/membership/constants.ts'
import * as passwordJoin from '../../../protocols/password-join/constants.ts'
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
  /** The code of the refusal the protocol answers with, if it has one for a frame it cannot read. */
  refusal?: (data: Uint8Array) => string
  /** The code that refusal must carry. */
  refusalCode?: string
}

const CASES: Case[] = [
  { protocol: MEMBERSHIP_PROTOCOL, maxBytes: MEMBERSHIP_MAX_BYTES, timeoutMs: HANDSHAKE_TIMEOUT_MS },
  {
    protocol: SYNC_PROTOCOL,
    maxBytes: DEFAULT_MAX_MESSAGE_BYTES,
    timeoutMs: DEFAULT_MESSAGE_TIMEOUT_MS,
    refusal: (data) => String(ResponderMessage.decode(firstFrame(data)).status?.code),
    refusalCode: String(Status.Code.INVALID_MESSAGE)
  },
  { protocol: credentials.CREDENTIALS_PROTOCOL, maxBytes: credentials.MAX_MESSAGE_BYTES, timeoutMs: credentials.DEFAULT_TIMEOUT_MS },
  { protocol: passwordJoin.PASSWORD_JOIN_PROTOCOL, maxBytes: passwordJoin.MAX_MESSAGE_BYTES, timeoutMs: passwordJoin.DEFAULT_TIMEOUT_MS },
  {
    protocol: DIRECT_PROTOCOL,
    maxBytes: maxFrameBytes(MAX_DATA_BYTES),
    timeoutMs: OPEN_TIMEOUT_MS,
    refusal: (data) => { const a = Answer.decode(firstFrame(data)); return a.accepted ? 'ACCEPTED' : a.code },
    refusalCode: 'INVALID_MESSAGE'
  },
  { protocol: COLLAB_PROTOCOL, maxBytes: MAX_FRAME_BYTES, timeoutMs: INBOUND_REQUEST_TIMEOUT_MS },
  { protocol: APP_INVITE_PROTOCOL, maxBytes: MAX_WIRE_BYTES, timeoutMs: EXCHANGE_TIMEOUT_MS }
]

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

  it('one over the size limit is answered at once, with the protocol\'s refusal or a stream reset, on every protocol', async () => {
    const connection = await connectedPair()
    const seen: string[] = []
    for (const c of CASES) {
      // the prefix and the first KiB of a body that would exceed the limit
      const outcome = await probe(connection, c.protocol, Buffer.concat([varint(c.maxBytes + 1), new Uint8Array(1024)]))
      seen.push(`${c.protocol}: ${outcome.kind} after ${outcome.ms.toFixed(0)} ms`)
      assert.ok(outcome.kind === 'reset' || outcome.kind === 'refusal', `${c.protocol}: ${outcome.kind} after ${outcome.ms.toFixed(0)} ms (deadline ${DEADLINE_MS} ms)`)
      if (outcome.kind === 'refusal') {
        assert.ok(c.refusal !== undefined, `${c.protocol}: an answer the protocol does not define`)
        assert.equal(c.refusal(outcome.data), c.refusalCode, `${c.protocol}: the refusal's code`)
      }
      assert.equal(connection.status, 'open', `${c.protocol}: the connection itself was closed`)
    }
    if (process.env.PEERHOOD_TEST_VERBOSE !== undefined) console.log(seen.join('\n'))
  })

  it('empty ones without end are answered at once too', async () => {
    const connection = await connectedPair()
    for (const c of CASES) {
      // 16 Ki zero-length frames: each decodes as an empty message, which no protocol accepts
      const outcome = await probe(connection, c.protocol, new Uint8Array(16 * 1024))
      assert.notEqual(outcome.kind, 'silence', `${c.protocol}: silence for ${DEADLINE_MS} ms`)
      assert.notEqual(outcome.kind, 'closed', `${c.protocol}: closed without a word`)
    }
  })
})
