/**
 * Shared test fixtures: fixed keys from labels, a seeded random source, groups and chains built
 * through the public API, and hand-built (forged) certificates that bypass issuance checks.
 */
import assert from 'node:assert/strict'
import { createHash, sign } from 'node:crypto'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import type { Ed25519PrivateKey } from '@libp2p/interface'
import { isPeerhoodError, type ErrorCode } from '../../../protocols/common/errors.ts'
import { readElement, readChildren, sequence, bitString } from '../../../protocols/certificates/der.ts'
import { readCertificateFields } from '../../../protocols/certificates/certificate-reader.ts'
import { ChainCache } from '../../../protocols/certificates/chain-cache.ts'
import type { ChainResult } from '../../../protocols/certificates/chain-result.ts'
import { issueCredentials, type IssueOptions } from '../../../protocols/certificates/issue.ts'
import { ed25519PeerId, ed25519PrivateKeyObject } from '../../../protocols/certificates/keys.ts'
import { rolesToMask, type Role } from '../../../protocols/certificates/roles.ts'
import { newSerialNumber, type RandomSource } from '../../../protocols/certificates/serial.ts'
import { buildMemberCertificate } from '../../../protocols/certificates/templates.ts'
import { createGroup, type CreatedGroup } from '../../../protocols/groups/create-group.ts'

/** A fixed "now": 2025-01-01T00:00:00Z. */
export const T0 = Date.UTC(2025, 0, 1)
/** One hour in milliseconds. */
export const HOUR = 3_600_000
/** One day in milliseconds. */
export const DAY = 24 * HOUR

/** A deterministic random source: SHA-256 of the label and a counter. */
export function seededRandom (label: string): RandomSource {
  let counter = 0
  return (length) => {
    const out = Buffer.alloc(length)
    for (let filled = 0; filled < length; filled += 32) {
      createHash('sha256').update(`${label}/${counter++}`).digest().copy(out, filled)
    }
    return out
  }
}

const keys = new Map<string, Promise<Ed25519PrivateKey>>()

/** The Ed25519 key whose seed is SHA-256 of `label` (memoised). */
export async function keyOf (label: string): Promise<Ed25519PrivateKey> {
  let key = keys.get(label)
  if (key === undefined) {
    key = generateKeyPairFromSeed('Ed25519', createHash('sha256').update(label).digest())
    keys.set(label, key)
  }
  return await key
}

/** A group made at {@link T0} with seeded randomness; the creator's key is `keyOf(label + '/creator')`. */
export async function makeGroup (label = 'group', classifier?: string): Promise<CreatedGroup & { creatorKey: Ed25519PrivateKey }> {
  const creatorKey = await keyOf(`${label}/creator`)
  const group = await createGroup({
    friendlyName: `Group ${label}`,
    ...(classifier === undefined ? {} : { classifier }),
    creator: { publicKey: creatorKey.publicKey, displayName: 'Creator' },
    now: T0,
    random: seededRandom(label)
  })
  return { ...group, creatorKey }
}

/** A member: its key and chain. */
export interface Holder {
  key: Ed25519PrivateKey
  chain: Uint8Array[]
}

/** Issues to `keyOf(label)` from `issuer`, with the given roles and options. */
export async function issueTo (issuer: Holder, label: string, roles: Role[], options: Partial<IssueOptions> = {}): Promise<Holder> {
  const key = await keyOf(label)
  const { chain } = issueCredentials({ privateKey: issuer.key, chain: issuer.chain }, { publicKey: key.publicKey, displayName: label }, {
    now: T0,
    random: seededRandom(`serial/${label}`),
    ...options,
    roles
  })
  return { key, chain }
}

/** The creator followed by administrators: a chain of `gmcs` GMCs, each admin issued by the previous. */
export async function adminLadder (group: CreatedGroup & { creatorKey: Ed25519PrivateKey }, gmcs: number, cache = new ChainCache()): Promise<Holder> {
  let holder: Holder = { key: group.creatorKey, chain: group.creatorChain }
  for (let i = 2; i <= gmcs; i++) holder = await issueTo(holder, `${group.groupId}/admin-${i}`, ['administrator'], { cache })
  return holder
}

/** Inputs of {@link forge}. */
export interface ForgeInit {
  issuerKey: Ed25519PrivateKey
  issuerCert: Uint8Array
  subjectKey: Ed25519PrivateKey
  groupId: string
  roles: Role[]
  depth: number
  notBefore: number
  notAfter: number
  serialNumber?: string
  /** PeerId written in the URI. @default the subject key's */
  peerId?: string
}

const forgeSerials = seededRandom('forged serials')

/** A GMC built directly from the template, with no issuance check at all. */
export function forge (init: ForgeInit): Uint8Array {
  return buildMemberCertificate({
    issuerKey: ed25519PrivateKeyObject(init.issuerKey),
    issuerName: readCertificateFields(init.issuerCert).subject,
    subjectPublicKey: init.subjectKey.publicKey.raw,
    peerId: init.peerId ?? ed25519PeerId(init.subjectKey.publicKey),
    displayName: 'forged',
    groupId: init.groupId,
    roles: rolesToMask(init.roles),
    depth: init.depth,
    serialNumber: init.serialNumber ?? newSerialNumber(forgeSerials),
    notBefore: init.notBefore,
    notAfter: init.notAfter
  })
}

/** The same certificate with its signature replaced by one from `key` (a forged signature). */
export function resign (der: Uint8Array, key: Ed25519PrivateKey): Uint8Array {
  const [tbs, algorithm] = readChildren(der, readElement(der, 0))
  const tbsBytes = der.subarray(tbs!.offset, tbs!.end)
  return sequence(tbsBytes, der.subarray(algorithm!.offset, algorithm!.end), bitString(sign(null, tbsBytes, ed25519PrivateKeyObject(key))))
}

/** Asserts a refused chain with this code (and reason / index when given). */
export function assertRefused (result: ChainResult, code: ErrorCode, reason?: string, index?: number): void {
  assert.equal(result.ok, false, 'expected the chain to be refused')
  if (result.ok) return
  assert.equal(result.code, code)
  if (reason !== undefined) assert.equal(result.reason, reason)
  if (index !== undefined) assert.equal(result.index, index)
}

/** Asserts that `fn` throws (or rejects with) a PeerhoodError with this code. */
export async function assertCode (fn: () => unknown, code: ErrorCode): Promise<void> {
  try {
    await fn()
  } catch (err) {
    assert.ok(isPeerhoodError(err), `expected a PeerhoodError, got ${String(err)}`)
    assert.equal(err.code, code)
    return
  }
  assert.fail(`expected ${code}`)
}
