import assert from 'node:assert/strict'
import type { ErrorCode } from '../../../protocols/common/errors.ts'
import { validateChain } from '../../../protocols/certificates/chain-validator.ts'
import { authorityMatches } from '../../../protocols/certificates/group-id.ts'
import { ed25519PeerId, ed25519Spki } from '../../../protocols/certificates/keys.ts'
import { createGroup, type CreateGroupInit } from '../../../protocols/groups/create-group.ts'
import { validateProperties } from '../../../protocols/groups/properties.ts'
import { DAY, T0, assertCode, keyOf, seededRandom } from '../certificates/helpers.ts'

describe('creating a group', () => {
  it('makes a root key, a GRC, a self-certifying group id and the creator\'s infinite GMC', async () => {
    const creator = await keyOf('creator')
    const group = await createGroup({ friendlyName: 'Book club', classifier: 'books', creator: { publicKey: creator.publicKey, displayName: 'Ann' }, now: T0 })
    assert.match(group.groupId, /^[a-z2-7]{52}\.books$/)
    assert.ok(authorityMatches(group.groupId, ed25519Spki(group.rootPrivateKey.publicKey)))
    assert.equal(group.rootPrivateKey.type, 'Ed25519')
    assert.deepEqual(group.creatorChain[0], group.grc)
    const result = validateChain(group.groupId, group.creatorChain, T0 + 999 * 365 * DAY)
    assert.ok(result.ok)
    assert.deepEqual(result.leaf.roles, ['creator', 'administrator'])
    assert.equal(result.leaf.peerId, ed25519PeerId(creator.publicKey))
    assert.equal(result.leaf.displayName, 'Ann')
    assert.deepEqual(group.creator, result.leaf)
  })

  it('fills the properties with Windows\' defaults', async () => {
    const creator = await keyOf('creator')
    const { properties, groupId } = await createGroup({ friendlyName: 'Defaults', creator: { privateKey: creator }, now: T0 })
    validateProperties(properties)
    assert.deepEqual(properties, {
      groupId,
      creatorPeerId: ed25519PeerId(creator.publicKey),
      friendlyName: 'Defaults',
      comment: '',
      presenceLifetimeS: 300,
      memberDataLifetimeS: 2_419_200,
      maxRecordSize: 1024 * 1024,
      authSchemes: ['gmc'],
      passwordRole: 'member',
      flags: { memberDataOptional: false, disablePresence: false, deferExpiration: false },
      revision: 1,
      created: T0,
      modified: T0
    })
  })

  it('turns password joining on when a password role is given', async () => {
    const { properties } = await createGroup({ friendlyName: 'P', passwordRole: 'administrator', creator: { publicKey: (await keyOf('creator')).publicKey }, now: T0 })
    assert.deepEqual(properties.authSchemes, ['gmc', 'password'])
    assert.equal(properties.passwordRole, 'administrator')
  })

  it('is reproducible with injected randomness', async () => {
    const init = async (): Promise<CreateGroupInit> => ({ friendlyName: 'R', creator: { publicKey: (await keyOf('creator')).publicKey }, now: T0, random: seededRandom('repro') })
    const [x, y] = [await createGroup(await init()), await createGroup(await init())]
    assert.equal(x.groupId, y.groupId)
    assert.deepEqual(x.creatorChain, y.creatorChain)
    const z = await createGroup({ ...(await init()), random: undefined })
    assert.notEqual(z.groupId, x.groupId)
  })

  const invalid: Array<[string, Partial<CreateGroupInit>, ErrorCode]> = [
    ['an empty friendly name', { friendlyName: '' }, 'INVALID_FRIENDLY_NAME'],
    ['a 256-character friendly name', { friendlyName: 'x'.repeat(256) }, 'INVALID_FRIENDLY_NAME'],
    ['a 150-character classifier', { classifier: 'c'.repeat(150) }, 'INVALID_CLASSIFIER'],
    ['an empty classifier', { classifier: '' }, 'INVALID_CLASSIFIER'],
    ['a 256-character comment', { comment: 'x'.repeat(256) }, 'INVALID_GROUP_PROPERTIES'],
    ['a presence lifetime under 300 s', { presenceLifetimeS: 299 }, 'INVALID_GROUP_PROPERTIES'],
    ['a fractional presence lifetime', { presenceLifetimeS: 300.5 }, 'INVALID_GROUP_PROPERTIES'],
    ['a member data lifetime under 2280 s', { memberDataLifetimeS: 2279 }, 'INVALID_GROUP_PROPERTIES'],
    ['a max record size under 1 KiB', { maxRecordSize: 1023 }, 'INVALID_GROUP_PROPERTIES'],
    ['a max record size over 60 MiB', { maxRecordSize: 60 * 1024 * 1024 + 1 }, 'INVALID_GROUP_PROPERTIES'],
    ['no auth scheme', { authSchemes: [] }, 'INVALID_GROUP_PROPERTIES'],
    ['an unknown auth scheme', { authSchemes: ['kerberos' as 'gmc'] }, 'INVALID_GROUP_PROPERTIES'],
    ['creator as the password role', { passwordRole: 'creator' as 'member' }, 'INVALID_GROUP_PROPERTIES'],
    ['a lifetime past year 9999 (not encodable in X.509)', { lifetimeMs: 9000 * 365 * DAY }, 'INVALID_TIME_PERIOD']
  ]
  for (const [name, change, code] of invalid) {
    it(`refuses ${name}: ${code}`, async () => {
      const creator = await keyOf('creator')
      await assertCode(() => createGroup({ friendlyName: 'ok', creator: { publicKey: creator.publicKey }, now: T0, ...change }), code)
    })
  }
})
