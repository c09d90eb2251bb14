import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parseInvitation } from '../../../protocols/invitations/index.ts'
import { buildFrozenInvitations, FROZEN_VALID_AT } from '../../fixtures/invitations/frozen-invitation.ts'
import { INVITATION_FIXTURE_DIR, pinnedFields } from '../../fixtures/invitations/generate.ts'

describe('invitations: frozen fixture', () => {
  const stored = {
    invitation: readFileSync(`${INVITATION_FIXTURE_DIR}invitation.txt`, 'utf8').trim(),
    passwordInvitation: readFileSync(`${INVITATION_FIXTURE_DIR}password-invitation.txt`, 'utf8').trim(),
    fields: JSON.parse(readFileSync(`${INVITATION_FIXTURE_DIR}fixture.json`, 'utf8')) as Record<string, unknown>
  }

  it('is rebuilt to the same text from the same seeds, serials, dates and addresses', async () => {
    const built = await buildFrozenInvitations()
    assert.equal(built.invitation, stored.invitation)
    assert.equal(built.passwordInvitation, stored.passwordInvitation)
  })

  it('parses to the pinned fields', () => {
    assert.equal(stored.fields.validAt, new Date(FROZEN_VALID_AT).toISOString())
    assert.deepEqual(pinnedFields(parseInvitation(stored.invitation, { now: FROZEN_VALID_AT })), stored.fields.invitation)
    assert.deepEqual(pinnedFields(parseInvitation(stored.passwordInvitation, { now: FROZEN_VALID_AT })), stored.fields.passwordInvitation)
  })

  it('pins what matters', () => {
    const fields = stored.fields.invitation as Record<string, unknown>
    assert.equal(fields.kind, 'gmc')
    assert.equal(fields.subjectDisplayName, 'Invitee I')
    assert.equal(fields.issuerDisplayName, 'Administrator A')
    assert.deepEqual(fields.roles, ['member'])
    assert.equal(fields.validFrom, Date.UTC(2025, 0, 2))
    assert.equal(fields.validTo, Date.UTC(2025, 6, 1))
    assert.equal(fields.chainLength, 4)
    assert.equal((stored.fields.passwordInvitation as Record<string, unknown>).kind, 'password')
  })
})
