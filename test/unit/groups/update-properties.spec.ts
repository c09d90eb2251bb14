import assert from 'node:assert/strict'
import type { ErrorCode } from '../../../protocols/common/errors.ts'
import type { Role } from '../../../protocols/certificates/roles.ts'
import type { GroupProperties } from '../../../protocols/groups/properties.ts'
import { updateProperties, type GroupPropertiesPatch } from '../../../protocols/groups/update-properties.ts'
import { HOUR, T0, assertCode, makeGroup } from '../certificates/helpers.ts'

describe('updating group properties', () => {
  let current: GroupProperties

  before(async () => {
    current = (await makeGroup('props', 'props')).properties
  })

  it('lets the creator change the changeable fields; bumps revision and modified', () => {
    const next = updateProperties(current, { friendlyName: 'Renamed', comment: 'hi', presenceLifetimeS: 600, flags: { disablePresence: true } }, ['creator', 'administrator'], T0 + HOUR)
    assert.equal(next.friendlyName, 'Renamed')
    assert.equal(next.comment, 'hi')
    assert.equal(next.presenceLifetimeS, 600)
    assert.deepEqual(next.flags, { memberDataOptional: false, disablePresence: true, deferExpiration: false })
    assert.equal(next.revision, current.revision + 1)
    assert.equal(next.modified, T0 + HOUR)
    assert.equal(current.friendlyName, 'Group props', 'the input is not changed')
  })

  it('accepts an immutable field given with its current value', () => {
    const next = updateProperties(current, { groupId: current.groupId, comment: 'x' } as GroupPropertiesPatch, ['creator'], T0)
    assert.equal(next.comment, 'x')
  })

  const refused: Array<[string, GroupPropertiesPatch, Role[], ErrorCode]> = [
    ['an administrator', { comment: 'x' }, ['administrator'], 'NOT_AUTHORIZED'],
    ['an inviting member', { comment: 'x' }, ['inviting-member'], 'NOT_AUTHORIZED'],
    ['a member', { comment: 'x' }, ['member'], 'NOT_AUTHORIZED'],
    ['a new group id', { groupId: 'x' } as GroupPropertiesPatch, ['creator'], 'INVALID_GROUP_PROPERTIES'],
    ['a new classifier', { classifier: 'other' } as GroupPropertiesPatch, ['creator'], 'INVALID_GROUP_PROPERTIES'],
    ['a new creator', { creatorPeerId: 'x' } as GroupPropertiesPatch, ['creator'], 'INVALID_GROUP_PROPERTIES'],
    ['a chosen revision', { revision: 99 } as GroupPropertiesPatch, ['creator'], 'INVALID_GROUP_PROPERTIES'],
    ['an unknown key', { colour: 'red' } as GroupPropertiesPatch, ['creator'], 'INVALID_GROUP_PROPERTIES'],
    ['an unknown flag', { flags: { loud: true } } as GroupPropertiesPatch, ['creator'], 'INVALID_GROUP_PROPERTIES'],
    ['an empty friendly name', { friendlyName: '' }, ['creator'], 'INVALID_FRIENDLY_NAME'],
    ['a presence lifetime of 299 s', { presenceLifetimeS: 299 }, ['creator'], 'INVALID_GROUP_PROPERTIES']
  ]
  for (const [name, patch, roles, code] of refused) {
    it(`refuses ${name}: ${code}`, async () => {
      await assertCode(() => updateProperties(current, patch, roles, T0), code)
    })
  }
})
