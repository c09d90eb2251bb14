/**
 * Invitations: identity-bound invitations created per second, and parsed + verified per second
 * (cold: a fresh chain cache per parse, as for a pasted invitation; warm: a node's long-lived
 * cache), by an administrator at depth 2 (creator → administrator), beside raw Ed25519
 * verifications measured in the same run. A cold parse validates a 3-GMC chain and the
 * invitation signature, so it costs about 5 raw verifications; the ratio column says how many.
 *
 * Not yet listed in `scenarios/index.ts`; run it alone with
 * `npx tsc -p tsconfig.json && node dist/bench/scenarios/invitations.js`.
 */
import { generateKeyPairSync } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Ed25519PrivateKey } from '@libp2p/interface'
import { ChainCache } from '../../protocols/certificates/chain-cache.ts'
import { issueCredentials } from '../../protocols/certificates/issue.ts'
import { createGroup } from '../../protocols/groups/create-group.ts'
import { createInvitation, parseInvitation } from '../../protocols/invitations/index.ts'
import { type BenchResult, measureRate } from '../harness.ts'
import { rawVerifyRate } from './ed25519.ts'

/** Scenario `invitations`. */
export const name = 'invitations'

/** Distinct invitees (and invitations) cycled through. */
const POOL = 256

function rawKeys (count: number): Uint8Array[] {
  return Array.from({ length: count }, () => {
    const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' })
    return new Uint8Array(Buffer.from(jwk.x!, 'base64url'))
  })
}

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  const now = Date.now()
  const creatorKey = await generateKeyPair('Ed25519')
  const adminKey = await generateKeyPair('Ed25519')
  const group = await createGroup({ friendlyName: 'bench', creator: { publicKey: creatorKey.publicKey }, passwordRole: 'member', now })
  const adminChain = issueCredentials({ privateKey: creatorKey, chain: group.creatorChain }, { publicKey: adminKey.publicKey, displayName: 'Admin' }, { roles: ['administrator'], now }).chain
  const issuer = { privateKey: adminKey as Ed25519PrivateKey, chain: adminChain }
  const target = { groupId: group.groupId, properties: group.properties }
  const subjects = rawKeys(POOL)
  const at = now + 1000
  const addresses = ['/ip4/127.0.0.1/tcp/4001']

  const issuerCache = new ChainCache()
  let i = 0
  const create = (): string => createInvitation({ issuer, group: target, subject: { publicKey: subjects[i++ % POOL]! }, roles: ['member'], addresses, now: at, cache: issuerCache })
  const invitations = Array.from({ length: POOL }, create)

  const raw = rawVerifyRate({ durationMs: 500 })
  const createRate = measureRate(() => { create() }, { durationMs: 500, batch: 20 })
  let j = 0
  const coldRate = measureRate(() => { parseInvitation(invitations[j++ % POOL]!, { now: at }) }, { durationMs: 500, batch: 20 })
  const warmCache = new ChainCache()
  for (const text of invitations) parseInvitation(text, { now: at, cache: warmCache })
  const warmRate = measureRate(() => { parseInvitation(invitations[j++ % POOL]!, { now: at, cache: warmCache }) }, { durationMs: 500, batch: 50 })

  const limit = { name: 'raw ed25519 verify', value: raw, unit: 'ops/s' }
  const params = { issuerDepth: 2, inviteeDepth: 3, certificates: 4, roles: ['member'], addresses: 1, bytes: invitations[0]!.length }
  return [
    { scenario: 'invitations/ed25519-verify/raw', params: { messageBytes: 256 }, value: raw, unit: 'ops/s' },
    // ratio: raw verifications one operation costs
    { scenario: 'invitations/create/issuer-depth=2', params: { ...params, cache: 'warm issuer chain' }, value: createRate, unit: 'ops/s', limit, ratio: raw / createRate },
    { scenario: 'invitations/parse-verify/issuer-depth=2/cold', params: { ...params, cache: 'fresh per parse' }, value: coldRate, unit: 'ops/s', limit, ratio: raw / coldRate },
    { scenario: 'invitations/parse-verify/issuer-depth=2/warm', params: { ...params, cache: 'warm' }, value: warmRate, unit: 'ops/s', limit, ratio: raw / warmRate }
  ]
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await run()) {
    process.stdout.write(`${r.scenario.padEnd(48)} ${Math.round(r.value).toString().padStart(8)} ${r.unit}${r.ratio === undefined ? '' : `   = ${r.ratio.toFixed(2)} raw verifies each`}\n`)
  }
}
