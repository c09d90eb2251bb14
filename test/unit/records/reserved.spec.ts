/**
 * Issue 9, defects 5 and 6: reserved (`peerhood.*`) records are accepted only in their exact
 * shape, from the signer their type allows, under the id their type binds; nobody can squat or
 * shadow the group properties, and the reserved prefix is not hidden storage.
 */
import assert from 'node:assert/strict'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import type { Ed25519PrivateKey } from '@libp2p/interface'
import { ChainCache } from '../../../protocols/certificates/chain-cache.ts'
import { validateChain } from '../../../protocols/certificates/chain-validator.ts'
import { encodeChainData } from '../../../protocols/peer-groups/chain-data.ts'
import { reservedRecordTypes } from '../../../protocols/peer-groups/reserved-types.ts'
import { encodeRecord, encodeRecordBody } from '../../../protocols/records/codec.ts'
import { validateIngress } from '../../../protocols/records/ingress.ts'
import { boundRecordId } from '../../../protocols/records/record-id.ts'
import { reservedRecordId } from '../../../protocols/records/reserved.ts'
import { signRecord } from '../../../protocols/records/sign.ts'
import type { GroupRecord, MemberCredential } from '../../../protocols/records/types.ts'
import { DAY, type Holder, issueTo, makeGroup, T0 } from '../certificates/helpers.ts'

interface Member extends Holder { peerId: string, credential: MemberCredential }

function asMember (holder: Holder, groupId: string): Member {
  const result = validateChain(groupId, holder.chain, T0 + 1000)
  assert.ok(result.ok)
  const { peerId, roles, notBefore, notAfter } = result.leaf
  return { ...holder, peerId, credential: { peerId, roles: [...roles], notBefore, notAfter } }
}

describe('records/reserved types (issue 9, defects 5 and 6)', () => {
  let groupId: string
  let creator: Member
  let admin: Member
  let mallory: Member
  let bob: Member
  let properties: Record<string, unknown>
  const cache = new ChainCache()
  const table = reservedRecordTypes(cache)

  before(async () => {
    const group = await makeGroup('reserved')
    groupId = group.groupId
    properties = { ...group.properties }
    creator = asMember({ key: group.creatorKey, chain: group.creatorChain }, groupId)
    admin = asMember(await issueTo(creator, 'reserved/admin', ['administrator']), groupId)
    mallory = asMember(await issueTo(admin, 'reserved/mallory', ['member']), groupId)
    bob = asMember(await issueTo(admin, 'reserved/bob', ['member']), groupId)
    assert.equal(creator.peerId, peerIdFromPrivateKey(group.creatorKey).toString())
  })

  function rec (by: Member, overrides: Partial<GroupRecord>): GroupRecord {
    return {
      groupId, type: 'chat', id: boundRecordId(groupId, overrides.creator ?? by.peerId, new Uint8Array(8).fill(15)), version: 1, creator: by.peerId, modifier: by.peerId,
      created: T0 + 1000, modified: T0 + 1000, expires: T0 + DAY, attributes: [], data: new Uint8Array(0), deleted: false, ...overrides
    }
  }

  function verdictOf (record: GroupRecord, key: Ed25519PrivateKey, maxRecordSize = 1024) {
    const bytes = encodeRecord(signRecord(encodeRecordBody(record), key))
    const members = new Map([creator, admin, mallory, bob].map(m => [m.peerId, m.credential]))
    return validateIngress(bytes, { groupId, maxRecordSize, now: T0 + 2000, lookupMember: id => members.get(id), reserved: table })
  }

  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))
  const propertiesId = () => reservedRecordId(groupId, 'peerhood.properties', creator.peerId)

  it('accepts each reserved type in its exact shape from its allowed writer', () => {
    const cases: Array<[Member, Partial<GroupRecord>]> = [
      [bob, { type: 'peerhood.membership', id: reservedRecordId(groupId, 'peerhood.membership', bob.peerId), data: encodeChainData(bob.chain) }],
      [bob, { type: 'peerhood.presence', id: reservedRecordId(groupId, 'peerhood.presence', bob.peerId), data: json({ addresses: ['/ip4/127.0.0.1/tcp/4001'], status: 'online' }) }],
      [creator, { type: 'peerhood.properties', id: propertiesId(), data: json({ ...properties, revision: 2 }) }],
      [admin, { type: 'peerhood.credentials', data: encodeChainData(bob.chain), attributes: [{ name: 'subject', type: 'string', value: bob.peerId }] }]
    ]
    for (const [by, overrides] of cases) assert.equal(verdictOf(rec(by, overrides), by.key).reason, 'ACCEPTED', overrides.type)
  })

  it('defect 5: nobody but the creator writes, squats or shadows the group properties', () => {
    const hijack = json({ ...properties, revision: 99, friendlyName: 'owned' })
    const refusals: Array<[string, GroupRecord]> = [
      // an application record squatting the properties id
      ['squat with an application record', rec(mallory, { id: propertiesId(), data: new Uint8Array(8) })],
      // properties records of a member: under its own reserved id, the creator's, or one sorting first
      ['member properties under its own id', rec(mallory, { type: 'peerhood.properties', id: reservedRecordId(groupId, 'peerhood.properties', mallory.peerId), data: hijack })],
      ['member properties under the creator\'s id', rec(mallory, { type: 'peerhood.properties', id: propertiesId(), data: hijack })],
      ['member properties sorting first', rec(mallory, { type: 'peerhood.properties', id: '00'.repeat(16), data: hijack })],
      // the creator's record, version 2, written by an administrator
      ['an administrator\'s version of the creator\'s record', rec(creator, { type: 'peerhood.properties', id: propertiesId(), version: 2, modifier: admin.peerId, data: json({ ...properties, revision: 2 }) })]
    ]
    for (const [name, record] of refusals) {
      const signer = record.modifier === admin.peerId ? admin : mallory
      const v = verdictOf(record, signer.key)
      assert.deepEqual([v.action, v.reason], ['reject', 'INVALID_RESERVED_RECORD'], name)
    }
  })

  it('defect 6: reserved types are refused in any other shape or from any other writer, whatever their size', () => {
    const membershipId = reservedRecordId(groupId, 'peerhood.membership', mallory.peerId)
    const padded = Buffer.concat([encodeChainData(mallory.chain), Uint8Array.of(0x12, 0x03, 1, 2, 3)])
    const refusals: Array<[string, GroupRecord]> = [
      ['a type not in the table', rec(mallory, { type: 'peerhood.stash', data: new Uint8Array(30_000) })],
      ['membership stuffed with bytes', rec(mallory, { type: 'peerhood.membership', id: membershipId, data: new Uint8Array(30_000).fill(7) })],
      ['membership with padding after its chain', rec(mallory, { type: 'peerhood.membership', id: membershipId, data: padded })],
      ['membership carrying someone else\'s chain', rec(mallory, { type: 'peerhood.membership', id: membershipId, data: encodeChainData(bob.chain) })],
      ['membership under a random id', rec(mallory, { type: 'peerhood.membership', data: encodeChainData(mallory.chain) })],
      ['membership with attributes', rec(mallory, { type: 'peerhood.membership', id: membershipId, data: encodeChainData(mallory.chain), attributes: [{ name: 'x', type: 'string', value: 'y'.repeat(500) }] })],
      ['credentials stored by a member who did not issue them', rec(mallory, { type: 'peerhood.credentials', data: encodeChainData(bob.chain), attributes: [{ name: 'subject', type: 'string', value: bob.peerId }] })],
      ['presence with extra fields', rec(mallory, { type: 'peerhood.presence', id: reservedRecordId(groupId, 'peerhood.presence', mallory.peerId), data: json({ addresses: [], status: 'online', stash: 'x'.repeat(200) }) })],
      ['presence with text for addresses', rec(mallory, { type: 'peerhood.presence', id: reservedRecordId(groupId, 'peerhood.presence', mallory.peerId), data: json({ addresses: ['/hidden bytes'], status: 'online' }) })],
      ['presence with too many addresses', rec(mallory, { type: 'peerhood.presence', id: reservedRecordId(groupId, 'peerhood.presence', mallory.peerId), data: json({ addresses: Array.from({ length: 33 }, (_, i) => `/ip4/10.0.0.${i}/tcp/1`), status: 'online' }) })]
    ]
    for (const [name, record] of refusals) {
      const v = verdictOf(record, mallory.key, 64 * 1024)
      assert.deepEqual([v.action, v.reason], ['reject', 'INVALID_RESERVED_RECORD'], name)
    }
    // the group's limit still holds for reserved types, and a type's own limit is not widened by the group's
    const big = verdictOf(rec(mallory, { type: 'peerhood.presence', id: reservedRecordId(groupId, 'peerhood.presence', mallory.peerId), data: json({ addresses: ['/ip4/1.2.3.4'.repeat(2_000)], status: 'online' }) }), mallory.key, 1024 * 1024)
    assert.equal(big.reason, 'MAX_RECORD_SIZE_EXCEEDED')
  })

  it('derives reserved ids in one frozen way (a change is a wire format change)', () => {
    const id = reservedRecordId('a'.repeat(52), 'peerhood.properties', '12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN')
    assert.equal(id, '706872641fad454dc2af07369d17e649')
    assert.notEqual(reservedRecordId('a'.repeat(52), 'peerhood.presence', '12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN'), id)
  })
})
