import assert from 'node:assert/strict'
import { ed25519PeerId } from '../../../protocols/certificates/keys.ts'
import { encodeInvitation } from '../../../protocols/invitations/codec.ts'
import { INVITATION_PREFIX, createPasswordInvitation, parseInvitation } from '../../../protocols/invitations/index.ts'
import { InvitationBody, SignedInvitation } from '../../../protocols/invitations/pb/invitation.ts'
import { DAY, HOUR, T0, assertCode } from '../certificates/helpers.ts'
import { groupOf, issuerOf, makeWorld, type World } from './helpers.ts'

describe('invitations: password invitations', () => {
  let w: World
  let noPassword: World

  before(async () => {
    w = await makeWorld('password', { passwordRole: 'inviting-member' })
    noPassword = await makeWorld('no-password', {})
  })

  it('carry the issuer\'s chain, no invitee, and the password role', () => {
    const text = createPasswordInvitation({ issuer: issuerOf(w.admin), group: groupOf(w), expiresAt: T0 + 7 * DAY, addresses: ['/memory/admin'], now: T0 + HOUR })
    const info = parseInvitation(text, { now: T0 + 2 * HOUR, expectPeerId: 'ignored for password invitations' })
    assert.equal(info.kind, 'password')
    assert.equal(info.authScheme, 'password')
    assert.equal(info.issuerPeerId, ed25519PeerId(w.admin.key.publicKey))
    assert.equal(info.subjectPeerId, undefined)
    assert.equal(info.subject, undefined)
    assert.deepEqual(info.roles, ['inviting-member'])
    assert.equal(info.validFrom, T0 + HOUR)
    assert.equal(info.validTo, T0 + 7 * DAY)
    assert.equal(info.chain.length, w.admin.chain.length)
    assert.deepEqual(info.addresses, ['/memory/admin'])
  })

  it('from the creator, without expiry, last as long as the creator (infinite)', () => {
    const info = parseInvitation(createPasswordInvitation({ issuer: issuerOf(w.creator), group: groupOf(w), now: T0 }), { now: T0 })
    assert.equal(info.validTo, w.group.creator.notAfter)
    const short = parseInvitation(createPasswordInvitation({ issuer: issuerOf(w.shortAdmin), group: groupOf(w), now: T0 }), { now: T0 })
    assert.equal(short.validTo, T0 + 10 * DAY)
  })

  it('need the password scheme: PASSWORD_NOT_SET', async () => {
    await assertCode(() => createPasswordInvitation({ issuer: issuerOf(noPassword.admin), group: groupOf(noPassword), now: T0 }), 'PASSWORD_NOT_SET')
  })

  it('are made by the creator or administrators only: NOT_AUTHORIZED', async () => {
    await assertCode(() => createPasswordInvitation({ issuer: issuerOf(w.inviter), group: groupOf(w), now: T0 }), 'NOT_AUTHORIZED')
    await assertCode(() => createPasswordInvitation({ issuer: issuerOf(w.member), group: groupOf(w), now: T0 }), 'NOT_AUTHORIZED')
  })

  it('expire within the issuer\'s validity: INVALID_TIME_PERIOD', async () => {
    await assertCode(() => createPasswordInvitation({ issuer: issuerOf(w.shortAdmin), group: groupOf(w), expiresAt: T0 + 11 * DAY, now: T0 }), 'INVALID_TIME_PERIOD')
    await assertCode(() => createPasswordInvitation({ issuer: issuerOf(w.admin), group: groupOf(w), expiresAt: T0, now: T0 }), 'INVALID_TIME_PERIOD')
    const text = createPasswordInvitation({ issuer: issuerOf(w.admin), group: groupOf(w), expiresAt: T0 + DAY, now: T0 })
    await assertCode(() => parseInvitation(text, { now: T0 + DAY + 1 }), 'INVALID_TIME_PERIOD')
  })

  it('signed by an inviting member, or past the issuer\'s end, are not trusted', async () => {
    const text = createPasswordInvitation({ issuer: issuerOf(w.admin), group: groupOf(w), now: T0 })
    const body = InvitationBody.decode(SignedInvitation.decode(Buffer.from(text.slice(INVITATION_PREFIX.length), 'base64url')).body)
    const byInviter = { ...body, chain: w.inviter.chain as Array<Uint8Array<ArrayBuffer>> }
    await assertCode(() => parseInvitation(encodeInvitation(byInviter, w.inviter.key), { now: T0 }), 'INVITATION_NOT_TRUSTED')
    const shortBody = { ...body, chain: w.shortAdmin.chain as Array<Uint8Array<ArrayBuffer>>, expiresAt: T0 + 11 * DAY }
    await assertCode(() => parseInvitation(encodeInvitation(shortBody, w.shortAdmin.key), { now: T0 }), 'INVITATION_NOT_TRUSTED')
    const noScheme = { ...body, properties: new TextEncoder().encode(JSON.stringify({ ...w.group.properties, authSchemes: ['gmc'] })) }
    await assertCode(() => parseInvitation(encodeInvitation(noScheme, w.admin.key), { now: T0 }), 'INVITATION_NOT_TRUSTED')
  })
})
