/**
 * Where a node keeps its group memberships: any `interface-datastore` Datastore (the node's
 * LevelDB one, or `MemoryDatastore` in tests). Layout, one group per key prefix:
 *
 * | key | value |
 * |---|---|
 * | `/peerhood/groups/<groupId>/properties` | JSON of {@link GroupProperties} |
 * | `/peerhood/groups/<groupId>/chain` | the chain as PEM text (GRC first) |
 * | `/peerhood/groups/<groupId>/root-key` | libp2p protobuf of the group root key (owner only; stored as is: protect the datastore) |
 *
 * Group ids contain no `/` (see `group-id.ts`), so each is one key segment.
 */
import { privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { Ed25519PrivateKey } from '@libp2p/interface'
import { Key, type Datastore } from 'interface-datastore'
import { PeerhoodError } from '../common/errors.ts'
import { parseGroupId } from '../certificates/group-id.ts'
import { chainToPem, pemToChain } from '../certificates/pem.ts'
import { MEMBERSHIP_KEY_PREFIX } from './constants.ts'
import { validateProperties, type GroupProperties } from './properties.ts'
import { checkRootKey } from './root-key.ts'

/** One stored membership. */
export interface StoredMembership {
  /** The group. */
  groupId: string
  /** Its properties. */
  properties: GroupProperties
  /** This node's chain `[GRC, …, own GMC]`, DER. */
  chain: Uint8Array[]
  /** The group root key, when this node owns the group. */
  rootPrivateKey?: Ed25519PrivateKey
}

/** Persistent memberships by group id. */
export interface MembershipStore {
  /** The membership in `groupId`, or undefined. */
  get (groupId: string): Promise<StoredMembership | undefined>
  /** Stores (or replaces) a membership. */
  put (membership: StoredMembership): Promise<void>
  /** Whether a membership in `groupId` is stored. */
  has (groupId: string): Promise<boolean>
  /** Group ids of every stored membership, sorted. */
  list (): Promise<string[]>
  /** Forgets the membership in `groupId` (no error if there is none). */
  delete (groupId: string): Promise<void>
}

/** Options of {@link DatastoreMembershipStore}. */
export interface DatastoreMembershipStoreInit {
  /** Key prefix. @default '/peerhood/groups' */
  prefix?: string
}

const PROPERTIES = 'properties'
const CHAIN = 'chain'
const ROOT_KEY = 'root-key'

/** {@link MembershipStore} over an `interface-datastore` Datastore. */
export class DatastoreMembershipStore implements MembershipStore {
  readonly #datastore: Datastore
  readonly #prefix: string

  constructor (datastore: Datastore, init: DatastoreMembershipStoreInit = {}) {
    this.#datastore = datastore
    this.#prefix = init.prefix ?? MEMBERSHIP_KEY_PREFIX
  }

  #key (groupId: string, name: string): Key {
    parseGroupId(groupId) // throws INVALID_GROUP: never build a key from a malformed id
    return new Key(`${this.#prefix}/${groupId}/${name}`)
  }

  async has (groupId: string): Promise<boolean> {
    return await this.#datastore.has(this.#key(groupId, PROPERTIES))
  }

  async get (groupId: string): Promise<StoredMembership | undefined> {
    if (!await this.has(groupId)) return undefined
    try {
      const properties = JSON.parse(Buffer.from(await this.#datastore.get(this.#key(groupId, PROPERTIES))).toString('utf8')) as GroupProperties
      validateProperties(properties)
      const chain = pemToChain(Buffer.from(await this.#datastore.get(this.#key(groupId, CHAIN))).toString('utf8'))
      const stored: StoredMembership = { groupId, properties, chain }
      const rootKey = this.#key(groupId, ROOT_KEY)
      if (await this.#datastore.has(rootKey)) {
        stored.rootPrivateKey = checkRootKey(groupId, chain[0]!, privateKeyFromProtobuf(await this.#datastore.get(rootKey)))
      }
      return stored
    } catch (err) {
      throw new PeerhoodError('INTERNAL', 'stored membership is unreadable', { cause: err, details: { groupId } })
    }
  }

  async put (membership: StoredMembership): Promise<void> {
    const { groupId } = membership
    if (membership.properties.groupId !== groupId) throw new PeerhoodError('INVALID_ARGUMENT', 'properties belong to another group')
    const batch = this.#datastore.batch()
    batch.put(this.#key(groupId, PROPERTIES), Buffer.from(JSON.stringify(membership.properties)))
    batch.put(this.#key(groupId, CHAIN), Buffer.from(chainToPem(membership.chain)))
    if (membership.rootPrivateKey === undefined) batch.delete(this.#key(groupId, ROOT_KEY))
    else batch.put(this.#key(groupId, ROOT_KEY), privateKeyToProtobuf(membership.rootPrivateKey))
    await batch.commit()
  }

  async list (): Promise<string[]> {
    const ids: string[] = []
    const suffix = `/${PROPERTIES}`
    for await (const key of this.#datastore.queryKeys({ prefix: `${this.#prefix}/` })) {
      const text = key.toString()
      if (text.endsWith(suffix)) ids.push(text.slice(this.#prefix.length + 1, -suffix.length))
    }
    return ids.sort()
  }

  async delete (groupId: string): Promise<void> {
    parseGroupId(groupId)
    const batch = this.#datastore.batch()
    for await (const key of this.#datastore.queryKeys({ prefix: `${this.#prefix}/${groupId}/` })) batch.delete(key)
    await batch.commit()
  }
}
