import assert from 'node:assert/strict'
import { encodeRecord, encodeRecordBody } from '../../../protocols/records/codec.ts'
import { authorizationProblem, lifetimeProblem, localChangeProblem, signedRecordSize, sizeProblem, successionProblem, typeProblem, type LocalChange } from '../../../protocols/records/rules.ts'
import { signRecord } from '../../../protocols/records/sign.ts'
import { credential, DAY, member, record, T0, type TestMember } from './helpers.ts'
import { reservedRecordTypes } from '../../../protocols/peer-groups/reserved-types.ts'
import { reservedRecordId } from '../../../protocols/records/reserved.ts'

describe('records/rules', () => {
  let alice: TestMember
  let bob: TestMember

  before(async () => {
    alice = await member(1)
    bob = await member(2)
  })

  function change (overrides: Partial<LocalChange> = {}): LocalChange {
    return { record: record(alice.peerId), size: 200, maxRecordSize: 65536, credential: credential(alice.peerId), ...overrides }
  }

  describe('authorisation', () => {
    it('lets any member with a credential add and change its own records', () => {
      for (const role of ['member', 'inviting-member', 'administrator', 'creator'] as const) {
        assert.equal(authorizationProblem(record(alice.peerId), credential(alice.peerId, [role])), undefined, role)
      }
    })

    it('refuses a member changing another member\'s record: NOT_AUTHORIZED', () => {
      const rec = record(alice.peerId, { modifier: bob.peerId, version: 2 })
      assert.equal(authorizationProblem(rec, credential(bob.peerId, ['member']))?.code, 'NOT_AUTHORIZED')
      assert.equal(authorizationProblem(rec, credential(bob.peerId, ['inviting-member']))?.code, 'NOT_AUTHORIZED')
    })

    it('lets an administrator (or the group creator) change anyone\'s record', () => {
      const rec = record(alice.peerId, { modifier: bob.peerId, version: 2 })
      assert.equal(authorizationProblem(rec, credential(bob.peerId, ['administrator'])), undefined)
      assert.equal(authorizationProblem(rec, credential(bob.peerId, ['creator'])), undefined)
    })

    it('refuses a credential that is not the modifier\'s, or holds no role: NOT_AUTHORIZED', () => {
      assert.equal(authorizationProblem(record(alice.peerId), credential(bob.peerId, ['administrator']))?.code, 'NOT_AUTHORIZED')
      assert.equal(authorizationProblem(record(alice.peerId), credential(alice.peerId, []))?.code, 'NOT_AUTHORIZED')
    })

    it('refuses a local change by a node with no credential: NOT_AUTHORIZED', () => {
      assert.equal(localChangeProblem(change({ credential: undefined }))?.code, 'NOT_AUTHORIZED')
    })
  })

  describe('lifetime', () => {
    const cred = (): ReturnType<typeof credential> => credential(alice.peerId, ['member'], T0 - DAY, T0 + 10 * DAY)

    it('accepts a record modified and expiring within the modifier\'s credential', () => {
      assert.equal(lifetimeProblem(record(alice.peerId, { expires: T0 + 10 * DAY }), cred()), undefined)
    })

    it('refuses an expiry beyond the modifier\'s credential: INVALID_RECORD_EXPIRATION', () => {
      assert.equal(lifetimeProblem(record(alice.peerId, { expires: T0 + 10 * DAY + 1 }), cred())?.code, 'INVALID_RECORD_EXPIRATION')
    })

    it('refuses an expiry not after the modification: INVALID_RECORD_EXPIRATION', () => {
      assert.equal(lifetimeProblem(record(alice.peerId, { expires: T0 }), cred())?.code, 'INVALID_RECORD_EXPIRATION')
    })

    it('refuses a modification outside the credential\'s validity: INVALID_TIME_PERIOD', () => {
      const early = record(alice.peerId, { created: T0 - 2 * DAY, modified: T0 - 2 * DAY })
      assert.equal(lifetimeProblem(early, cred())?.code, 'INVALID_TIME_PERIOD')
      const late = record(alice.peerId, { modified: T0 + 11 * DAY, expires: T0 + 12 * DAY })
      assert.equal(lifetimeProblem(late, cred())?.code, 'INVALID_TIME_PERIOD')
    })

    it('refuses a creation after the modification: INVALID_RECORD', () => {
      assert.equal(lifetimeProblem(record(alice.peerId, { created: T0 + 1 }), cred())?.code, 'INVALID_RECORD')
    })
  })

  describe('succession', () => {
    const previous = (): ReturnType<typeof record> => record(alice.peerId, { version: 3, expires: T0 + 5 * DAY })

    it('accepts version + 1 keeping or extending the expiry', () => {
      assert.equal(successionProblem(record(alice.peerId, { version: 4, expires: T0 + 5 * DAY }), previous(), { strict: true }), undefined)
      assert.equal(successionProblem(record(alice.peerId, { version: 4, expires: T0 + 6 * DAY }), previous(), { strict: true }), undefined)
    })

    it('refuses shortening the expiry on update: INVALID_RECORD_EXPIRATION', () => {
      assert.equal(successionProblem(record(alice.peerId, { version: 4, expires: T0 + 4 * DAY }), previous(), { strict: true })?.code, 'INVALID_RECORD_EXPIRATION')
    })

    it('lets a tombstone end earlier than the record', () => {
      assert.equal(successionProblem(record(alice.peerId, { version: 4, deleted: true, expires: T0 + DAY }), previous(), { strict: true }), undefined)
    })

    it('refuses a version that is not the previous + 1 on publish: INVALID_RECORD', () => {
      assert.equal(successionProblem(record(alice.peerId, { version: 3, expires: T0 + 5 * DAY }), previous(), { strict: true })?.code, 'INVALID_RECORD')
      assert.equal(successionProblem(record(alice.peerId, { version: 5, expires: T0 + 5 * DAY }), previous(), { strict: true })?.code, 'INVALID_RECORD')
    })

    it('refuses changing type, id, creator, creation time or group: INVALID_RECORD', () => {
      const changed = [
        { type: 'other' },
        { id: 'ffffffffffffffffffffffffffffffff' },
        { creator: bob.peerId },
        { created: T0 - 1 },
        { groupId: 'another' }
      ]
      for (const fields of changed) {
        const next = record(alice.peerId, { version: 4, expires: T0 + 5 * DAY, ...fields })
        assert.equal(successionProblem(next, previous(), { strict: true })?.code, 'INVALID_RECORD', JSON.stringify(fields))
        assert.equal(successionProblem(next, previous())?.code, 'INVALID_RECORD', JSON.stringify(fields))
      }
    })

    it('leaves ordering of received versions to the conflict order (not strict)', () => {
      assert.equal(successionProblem(record(alice.peerId, { version: 9, expires: T0 + DAY }), previous()), undefined)
    })
  })

  describe('types, size and attributes', () => {
    it('refuses reserved types for applications: NOT_AUTHORIZED, unless system', () => {
      assert.equal(typeProblem('peerhood.membership', false)?.code, 'NOT_AUTHORIZED')
      assert.equal(typeProblem('peerhood.membership', true), undefined)
      assert.equal(localChangeProblem(change({ record: record(alice.peerId, { type: 'peerhood.presence' }) }))?.code, 'NOT_AUTHORIZED')
      // issue 9, defect 6: even the node writes a reserved type only in its exact shape, under its reserved id
      assert.equal(localChangeProblem(change({ record: record(alice.peerId, { type: 'peerhood.presence' }), system: true }))?.code, 'INVALID_RESERVED_RECORD')
      const presence = record(alice.peerId, {
        type: 'peerhood.presence',
        id: reservedRecordId(record(alice.peerId).groupId, 'peerhood.presence', alice.peerId),
        data: new TextEncoder().encode(JSON.stringify({ addresses: [], status: 'online' }))
      })
      assert.equal(localChangeProblem(change({ record: presence, system: true, reserved: reservedRecordTypes() })), undefined)
      assert.equal(localChangeProblem(change({ record: presence, system: true }))?.code, 'INVALID_RESERVED_RECORD')
    })

    it('refuses malformed types: INVALID_RECORD', () => {
      for (const type of ['', 'a/b', 'a b', '.x', 'x'.repeat(129)]) assert.equal(typeProblem(type, true)?.code, 'INVALID_RECORD', type)
      for (const type of ['x', '6d1f2a1e-4f0b-4b8e-9a3c-1b2c3d4e5f60', 'com.example:chat_v2']) assert.equal(typeProblem(type, false), undefined, type)
    })

    it('refuses records larger than the group\'s max record size: MAX_RECORD_SIZE_EXCEEDED', () => {
      assert.equal(sizeProblem(1000, 1000), undefined)
      assert.equal(sizeProblem(1001, 1000)?.code, 'MAX_RECORD_SIZE_EXCEEDED')
      assert.equal(localChangeProblem(change({ size: 70000 }))?.code, 'MAX_RECORD_SIZE_EXCEEDED')
    })

    it('computes the encoded size before signing', () => {
      for (const n of [0, 10, 127, 128, 5000, 20000]) {
        const body = encodeRecordBody(record(alice.peerId, { data: new Uint8Array(n) }))
        assert.equal(signedRecordSize(body.length), encodeRecord(signRecord(body, alice.privateKey)).length, String(n))
      }
    })

    it('refuses bad attributes on publish: INVALID_ATTRIBUTES', () => {
      const rec = record(alice.peerId, { attributes: [{ name: 'bad-name', type: 'string', value: 'x' }] })
      assert.equal(localChangeProblem(change({ record: rec }))?.code, 'INVALID_ATTRIBUTES')
    })

    it('passes a valid local change', () => {
      assert.equal(localChangeProblem(change()), undefined)
    })
  })
})

describe('records: size limits of reserved records', () => {
  it('gives each reserved type its own limit whatever the group\'s, others the group\'s, and holds application records to it', async () => {
    const { sizeLimit } = await import('../../../protocols/records/rules.ts')
    const { SYSTEM_RECORD_MAX_SIZE } = await import('../../../protocols/records/constants.ts')
    const table = reservedRecordTypes()
    assert.equal(sizeLimit('peerhood.membership', 1024, table), SYSTEM_RECORD_MAX_SIZE)
    // issue 9, defect 6: a group's larger limit does not widen a reserved type's exact shape
    assert.equal(sizeLimit('peerhood.membership', 10 * SYSTEM_RECORD_MAX_SIZE, table), SYSTEM_RECORD_MAX_SIZE)
    assert.equal(sizeLimit('peerhood.stash', 1024, table), 1024)
    assert.equal(sizeLimit('peerhood.membership', 1024), 1024)
    assert.equal(sizeLimit('chat', 1024, table), 1024)
  })
})
