/**
 * Records validated per second at ingress: the full pipeline (size, decode, group, shape,
 * duplicate, Ed25519 signature with cached keys, membership, authorisation, expiry, lifetime,
 * freshness) over records from 50 signers with 1 KB of data each, divided by raw node:crypto
 * Ed25519 verifications per second (`rawVerifyRate`, 256-byte message) measured in the same
 * run. Target: ratio ≥ 0.9. A second row gives the signature check alone on the same records.
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { decodeRecord, encodeRecord, encodeRecordBody } from '../../protocols/records/codec.ts'
import { validateIngress, type IngressContext } from '../../protocols/records/ingress.ts'
import { signRecord } from '../../protocols/records/sign.ts'
import type { MemberCredential } from '../../protocols/records/types.ts'
import { RecordVerifier } from '../../protocols/records/verify.ts'
import { type BenchResult, median, measureRate } from '../harness.ts'
import { rawVerifyRate } from './ed25519.ts'

/** Scenario `records-validate`. */
export const name = 'records-validate'

const SIGNERS = 50
const RECORDS_PER_SIGNER = 20
const DATA_BYTES = 1024
const ROUNDS = 9
const ROUND_MS = 400
const GROUP = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'

async function fixture (now: number): Promise<{ records: Uint8Array[], ctx: IngressContext }> {
  const members = new Map<string, MemberCredential>()
  const records: Uint8Array[] = []
  for (let s = 0; s < SIGNERS; s++) {
    const key = await generateKeyPair('Ed25519')
    const peerId = peerIdFromPrivateKey(key).toString()
    members.set(peerId, { peerId, roles: ['member'], notBefore: now - 86_400_000, notAfter: now + 365 * 86_400_000 })
    for (let r = 0; r < RECORDS_PER_SIGNER; r++) {
      const body = encodeRecordBody({
        groupId: GROUP,
        type: 'com.example.chat',
        id: (s * RECORDS_PER_SIGNER + r).toString(16).padStart(32, '0'),
        version: 1,
        creator: peerId,
        modifier: peerId,
        created: now,
        modified: now,
        expires: now + 86_400_000,
        attributes: [{ name: 'author', type: 'string', value: `member${s}` }, { name: 'seq', type: 'int', value: r }],
        data: new Uint8Array(DATA_BYTES).fill(r),
        deleted: false
      })
      records.push(encodeRecord(signRecord(body, key)))
    }
  }
  // interleave signers, as gossip from a busy group would arrive
  records.sort((a, b) => a[a.length - 1]! - b[b.length - 1]!)
  const ctx: IngressContext = {
    groupId: GROUP,
    maxRecordSize: 64 * 1024,
    now,
    lookupMember: peerId => members.get(peerId),
    stored: () => undefined
  }
  return { records, ctx }
}

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  const { records, ctx } = await fixture(Date.now())
  for (const bytes of records) {
    const verdict = validateIngress(bytes, ctx)
    if (verdict.action !== 'accept') throw new Error(`bench fixture not accepted: ${verdict.reason}`)
  }
  const validate = (i: number): void => {
    if (validateIngress(records[i % records.length]!, ctx).action !== 'accept') throw new Error('not accepted')
  }
  // the signature check alone on the same records, to split the gap into Ed25519 over a 1.3 KB
  // message from 50 keys (inherent) and everything else the pipeline does
  const decoded = records.map(bytes => decodeRecord(bytes))
  const verifier = new RecordVerifier()
  const verifyOnly = (i: number): void => {
    const d = decoded[i % decoded.length]!
    if (!verifier.verify(d, d.modifierBytes)) throw new Error('bad signature')
  }
  // alternate short runs of the two, so drift on a busy machine hits both alike; the ratio is the
  // median of the per-round ratios
  const pipeline: number[] = []
  const signatures: number[] = []
  const raw: number[] = []
  const ratios: number[] = []
  const signatureRatios: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    raw.push(rawVerifyRate({ runs: 1, durationMs: ROUND_MS }))
    pipeline.push(measureRate(validate, { runs: 1, durationMs: ROUND_MS }))
    signatures.push(measureRate(verifyOnly, { runs: 1, durationMs: ROUND_MS }))
    ratios.push(pipeline[round]! / raw[round]!)
    signatureRatios.push(signatures[round]! / raw[round]!)
  }
  const value = median(pipeline)
  const limit = median(raw)
  const ratio = median(ratios)
  const params = { signers: SIGNERS, dataBytes: DATA_BYTES, records: records.length, recordBytes: records[0]!.length }
  return [{
    scenario: `records-validate/signers=${SIGNERS}/data=1KB`,
    params,
    value,
    unit: 'records/s',
    limit: { name: 'raw ed25519 verify', value: limit, unit: 'ops/s' },
    ratio,
    target: 'ratio ≥ 0.9',
    pass: ratio >= 0.9
  }, {
    scenario: `records-validate/signature-only/signers=${SIGNERS}/data=1KB`,
    params,
    value: median(signatures),
    unit: 'verifies/s',
    limit: { name: 'raw ed25519 verify', value: limit, unit: 'ops/s' },
    ratio: median(signatureRatios)
  }]
}
