/**
 * Creating a group (Windows `PeerGroupCreate`): a fresh group root key, its self-signed Group
 * Root Certificate, the self-certifying group id, and the creator's GMC (roles creator +
 * administrator, "infinite" lifetime) issued under the GRC. Pure apart from the randomness,
 * which can be injected.
 */
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import type { Ed25519PrivateKey, PrivateKey, PublicKey } from '@libp2p/interface'
import type { MemberInfo } from '../certificates/chain-result.ts'
import { INFINITE_LIFETIME_MS } from '../certificates/constants.ts'
import { computeGroupId, validateClassifier } from '../certificates/group-id.ts'
import { issueCredentials } from '../certificates/issue.ts'
import { ed25519PeerId, ed25519PrivateKeyObject, ed25519RawPublicKey, ed25519Spki } from '../certificates/keys.ts'
import { cryptoRandom, floorToSecond, newSerialNumber, type RandomSource } from '../certificates/serial.ts'
import { buildRootCertificate } from '../certificates/templates.ts'
import { resolveSettings, validateSettings, type GroupProperties, type GroupSettingsInit } from './properties.ts'

/** The creator: its libp2p key (only the public half is used) and display name. */
export type GroupCreator =
  | { publicKey: PublicKey | Uint8Array, displayName?: string }
  | { privateKey: PrivateKey, displayName?: string }

/** Options of {@link createGroup}. */
export interface CreateGroupInit extends GroupSettingsInit {
  /** Classifier appended to the group id (`<authority>.<classifier>`). @default none */
  classifier?: string
  /** Who creates the group. Its display name defaults to its PeerId. */
  creator: GroupCreator
  /** Current time, epoch milliseconds. */
  now: number
  /** Lifetime of the GRC and of the creator's GMC, in milliseconds. @default 1000 years ("infinite") */
  lifetimeMs?: number
  /** Randomness for the root key seed and serial numbers. @default node:crypto */
  random?: RandomSource
}

/** A new group. */
export interface CreatedGroup {
  /** The self-certifying group id. */
  groupId: string
  /** The group root key: whoever holds it can issue any role. Keep it secret. */
  rootPrivateKey: Ed25519PrivateKey
  /** The Group Root Certificate, DER. */
  grc: Uint8Array
  /** The creator's chain `[GRC, creator GMC]`, DER. */
  creatorChain: Uint8Array[]
  /** What the creator's chain proves. */
  creator: MemberInfo
  /** The group properties (revision 1). */
  properties: GroupProperties
}

/**
 * Creates a group. Throws `INVALID_FRIENDLY_NAME`, `INVALID_CLASSIFIER` or
 * `INVALID_GROUP_PROPERTIES` before generating anything.
 */
export async function createGroup (init: CreateGroupInit): Promise<CreatedGroup> {
  const settings = resolveSettings(init)
  validateSettings(settings)
  if (init.classifier !== undefined) validateClassifier(init.classifier)
  const random = init.random ?? cryptoRandom
  const creatorKey = 'publicKey' in init.creator ? init.creator.publicKey : init.creator.privateKey.publicKey
  const creatorPeerId = ed25519PeerId(ed25519RawPublicKey(creatorKey))

  const rootPrivateKey = await generateKeyPairFromSeed('Ed25519', random(32))
  const groupId = computeGroupId(ed25519Spki(rootPrivateKey.publicKey), init.classifier)
  const notBefore = floorToSecond(init.now)
  const grc = buildRootCertificate({
    rootKey: ed25519PrivateKeyObject(rootPrivateKey),
    rootPublicKey: rootPrivateKey.publicKey.raw,
    groupId,
    friendlyName: settings.friendlyName,
    serialNumber: newSerialNumber(random),
    notBefore,
    notAfter: floorToSecond(notBefore + (init.lifetimeMs ?? INFINITE_LIFETIME_MS))
  })
  const issued = issueCredentials({ privateKey: rootPrivateKey, chain: [grc] }, {
    publicKey: creatorKey,
    displayName: init.creator.displayName
  }, { roles: ['creator', 'administrator'], now: init.now, random })

  const properties: GroupProperties = {
    groupId,
    ...(init.classifier === undefined ? {} : { classifier: init.classifier }),
    creatorPeerId,
    ...settings,
    revision: 1,
    created: Math.floor(init.now),
    modified: Math.floor(init.now)
  }
  return { groupId, rootPrivateKey, grc, creatorChain: issued.chain, creator: issued.member, properties }
}
