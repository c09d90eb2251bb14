/**
 * Certificates: GMC chain verification for 1, 4 and 24 GMCs, cold (fresh chain cache, every
 * certificate read and every signature checked every time; the process-wide issuer-key cache
 * keeps its KeyObjects, as in a running node where one creator and a few administrators sign every
 * chain; for 24 GMCs also with that cache emptied before each call) and cached, beside raw Ed25519 verifications
 * measured in the same run; node:crypto's X.509 parse + verify of the same chain, as a reference;
 * the strict profile reader alone, per certificate, beside node:crypto's X.509 parse; and GMC
 * issuance per second.
 *
 * The machine may be shared, so each ratio pairs measurements taken back to back: the raw
 * verification rate and the chain time are measured in alternating short windows, and the
 * median of the per-window ratios is reported.
 */
import { X509Certificate, generateKeyPairSync, sign, verify } from 'node:crypto'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Ed25519PrivateKey } from '@libp2p/interface'
import { ChainCache } from '../../protocols/certificates/chain-cache.ts'
import { clearIssuerKeys } from '../../protocols/certificates/issuer-keys.ts'
import { validateChain } from '../../protocols/certificates/chain-validator.ts'
import { MAX_CHAIN_GMCS } from '../../protocols/certificates/constants.ts'
import { issueCredentials } from '../../protocols/certificates/issue.ts'
import { readProfileCertificate } from '../../protocols/certificates/profile-reader.ts'
import { createGroup } from '../../protocols/groups/create-group.ts'
import { type BenchResult, median, measureRate } from '../harness.ts'

/** Scenario `certificates`. */
export const name = 'certificates'

/** GMC counts measured. */
const LENGTHS = [1, 4, MAX_CHAIN_GMCS]
/** Alternating windows per figure (the median is reported). */
const WINDOWS = 5
/** Length of one window, in milliseconds (so each figure takes about 1 s). */
const WINDOW_MS = 200

interface Ladder {
  groupId: string
  chain: Uint8Array[]
  creatorKey: Ed25519PrivateKey
  now: number
}

/** A group and a chain of 24 GMCs: the creator, then administrators, each issued by the previous. */
async function buildLadder (): Promise<Ladder> {
  const now = Date.now()
  const creatorKey = await generateKeyPair('Ed25519')
  const group = await createGroup({ friendlyName: 'bench', creator: { publicKey: creatorKey.publicKey }, now })
  let holder = { privateKey: creatorKey as Ed25519PrivateKey, chain: group.creatorChain }
  const cache = new ChainCache()
  for (let i = 2; i <= MAX_CHAIN_GMCS; i++) {
    const key = await generateKeyPair('Ed25519')
    holder = { privateKey: key, chain: issueCredentials(holder, { publicKey: key.publicKey }, { roles: ['administrator'], now, cache }).chain }
  }
  return { groupId: group.groupId, chain: holder.chain, creatorKey, now }
}

function rawVerifier (): () => void {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const message = new Uint8Array(256).fill(7)
  const signature = sign(null, message, privateKey)
  return () => { verify(null, message, publicKey, signature) }
}

/** Median over alternating windows of: raw verify rate, and µs per call of `fn`. */
function paired (fn: () => void, batch: number): { rawPerS: number, us: number, ratioPerVerify: number[] } {
  const raw = rawVerifier()
  const rawRates: number[] = []
  const us: number[] = []
  const perVerify: number[] = []
  for (let w = 0; w < WINDOWS; w++) {
    const rate = measureRate(raw, { durationMs: WINDOW_MS, runs: 1, batch: 50 })
    const time = 1e6 / measureRate(fn, { durationMs: WINDOW_MS, runs: 1, batch })
    rawRates.push(rate)
    us.push(time)
    perVerify.push(time / (1e6 / rate))
  }
  return { rawPerS: median(rawRates), us: median(us), ratioPerVerify: perVerify }
}

/** Parses every certificate natively and checks each signature with its parent's key: no rule at all. */
function nativeParseAndVerify (chain: readonly Uint8Array[]): void {
  let parent: X509Certificate | undefined
  for (const der of chain) {
    const cert = new X509Certificate(der)
    if (!cert.verify((parent ?? cert).publicKey)) throw new Error('bad signature')
    parent = cert
  }
}

/**
 * The strict profile reader alone, µs per certificate, beside node:crypto's X.509 parse of the
 * same bytes. The reader's windows come first: the parsed X509Certificate objects leave garbage
 * whose collection would otherwise land in them.
 */
function readerAlone (chain: readonly Uint8Array[]): BenchResult {
  const perCertificate = (fn: () => void, batch: number): number => {
    const rates = Array.from({ length: WINDOWS }, () => measureRate(fn, { durationMs: WINDOW_MS, runs: 1, batch }))
    return 1e6 / median(rates) / chain.length
  }
  const read = perCertificate(() => { for (const der of chain) readProfileCertificate(der) }, 20)
  let parsed: X509Certificate | undefined
  const parse = perCertificate(() => { for (const der of chain) parsed = new X509Certificate(der) }, 5)
  if (parsed === undefined) throw new Error('nothing parsed')
  return {
    scenario: 'certificates/profile-read/per-certificate',
    params: { certificates: chain.length, reader: 'profile-reader.ts (strict DER, JS)' },
    value: read,
    unit: 'µs',
    limit: { name: 'X509Certificate parse', value: parse, unit: 'µs' },
    ratio: read / parse
  }
}

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  const ladder = await buildLadder()
  const at = ladder.now + 1000
  const results: BenchResult[] = []
  const raw = rawVerifier()
  const rawPerS = median(Array.from({ length: WINDOWS }, () => measureRate(raw, { durationMs: WINDOW_MS, runs: 1, batch: 50 })))
  results.push({ scenario: 'certificates/ed25519-verify/raw', params: { messageBytes: 256, keyObject: 'cached' }, value: rawPerS, unit: 'ops/s' })

  for (const gmcs of LENGTHS) {
    const chain = ladder.chain.slice(0, gmcs + 1)
    if (!validateChain(ladder.groupId, chain, at).ok) throw new Error(`bench chain of ${gmcs} GMCs does not validate`)
    const cold = paired(() => { validateChain(ladder.groupId, chain, at, new ChainCache()) }, gmcs >= 24 ? 2 : 10)
    const ratio = median(cold.ratioPerVerify.map(r => r / gmcs))
    results.push({
      scenario: `certificates/chain-verify/gmcs=${gmcs}/cold`,
      params: { gmcs, certificates: gmcs + 1, cache: 'fresh per call' },
      value: cold.us,
      unit: 'µs',
      limit: { name: `${gmcs} × raw verify`, value: gmcs * 1e6 / cold.rawPerS, unit: 'µs' },
      ratio,
      ...(gmcs === MAX_CHAIN_GMCS ? { target: 'ratio ≤ 1.3', pass: ratio <= 1.3 } : {})
    })
    if (gmcs === MAX_CHAIN_GMCS) {
      // every issuer key imported again each call: what the first chain of a group costs
      const keysCold = paired(() => { clearIssuerKeys(); validateChain(ladder.groupId, chain, at, new ChainCache()) }, 2)
      results.push({
        scenario: `certificates/chain-verify/gmcs=${gmcs}/cold-issuer-keys`,
        params: { gmcs, certificates: gmcs + 1, cache: 'fresh per call', issuerKeys: 'imported every call' },
        value: keysCold.us,
        unit: 'µs',
        limit: { name: `${gmcs} × raw verify`, value: gmcs * 1e6 / keysCold.rawPerS, unit: 'µs' },
        ratio: median(keysCold.ratioPerVerify.map(r => r / gmcs))
      })
      results.push(readerAlone(chain))
      // what any native validator pays at least: parse every certificate, check every signature
      const floor = paired(() => { nativeParseAndVerify(chain) }, 2)
      results.push({
        scenario: `certificates/native-floor/gmcs=${gmcs}`,
        params: { gmcs, certificates: gmcs + 1, work: 'X509Certificate parse + verify only' },
        value: floor.us,
        unit: 'µs',
        limit: { name: `${gmcs} × raw verify`, value: gmcs * 1e6 / floor.rawPerS, unit: 'µs' },
        ratio: median(floor.ratioPerVerify.map(r => r / gmcs))
      })
    }
    const cache = new ChainCache()
    validateChain(ladder.groupId, chain, at, cache)
    const copies = chain.map(der => Uint8Array.from(der)) // fresh buffers, as from the wire
    const cached = paired(() => { validateChain(ladder.groupId, copies, at, cache) }, 2000)
    results.push({
      scenario: `certificates/chain-verify/gmcs=${gmcs}/cached`,
      params: { gmcs, certificates: gmcs + 1, cache: 'warm' },
      value: cached.us,
      unit: 'µs',
      limit: { name: 'one raw verify', value: 1e6 / cached.rawPerS, unit: 'µs' },
      ratio: median(cached.ratioPerVerify),
      target: '≤ 5 µs',
      pass: cached.us <= 5
    })
  }

  const subjects = await Promise.all(Array.from({ length: 16 }, async () => (await generateKeyPair('Ed25519')).publicKey))
  const issuer = { privateKey: ladder.creatorKey, chain: ladder.chain.slice(0, 2) }
  const cache = new ChainCache()
  let i = 0
  const issue = paired(() => { issueCredentials(issuer, { publicKey: subjects[i++ % subjects.length]! }, { roles: ['member'], now: at, cache }) }, 20)
  results.push({
    scenario: 'certificates/issue-gmc/from=creator',
    params: { issuer: 'creator', roles: ['member'], cache: 'warm' },
    value: 1e6 / issue.us,
    unit: 'ops/s',
    limit: { name: 'raw verify', value: issue.rawPerS, unit: 'ops/s' },
    ratio: (1e6 / issue.us) / issue.rawPerS
  })
  return results
}
