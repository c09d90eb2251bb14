import assert from 'node:assert/strict'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { ed25519PeerId } from '../../../protocols/certificates/keys.ts'
import { encodeInvitation } from '../../../protocols/invitations/codec.ts'
import { INVITATION_PREFIX, createInvitation, parseInvitation } from '../../../protocols/invitations/index.ts'
import { InvitationBody, InvitationKind, SignedInvitation } from '../../../protocols/invitations/pb/invitation.ts'
import { DAY, HOUR, T0, assertCode, keyOf } from '../certificates/helpers.ts'
import { groupOf, issuerOf, makeWorld, type World } from './helpers.ts'

function bodyOf (text: string): InvitationBody {
  return InvitationBody.decode(SignedInvitation.decode(Buffer.from(text.slice(INVITATION_PREFIX.length), 'base64url')).body)
}

describe('invitations: parsing refuses', () => {
  let w: World
  let invitee: string
  let text: string
  const now = T0 + 2 * HOUR

  before(async () => {
    w = await makeWorld('parse')
    const key = await keyOf('parse/invitee')
    invitee = ed25519PeerId(key.publicKey)
    text = createInvitation({ issuer: issuerOf(w.admin), group: groupOf(w), subject: { publicKey: key.publicKey }, roles: ['member'], expiresAt: T0 + 10 * DAY, addresses: ['/memory/admin'], now: T0 + HOUR })
  })

  it('accepts the untouched invitation, line-wrapped or not', () => {
    assert.equal(parseInvitation(text, { now, expectPeerId: invitee }).subjectPeerId, invitee)
    const wrapped = text.match(/.{1,76}/g)!.join('\n  ')
    assert.equal(parseInvitation(wrapped, { now, expectPeerId: invitee }).subjectPeerId, invitee)
  })

  it('malformed text: INVITATION_NOT_TRUSTED', async () => {
    for (const bad of ['', 'hello', 'peerhood1:invitation:', 'peerhood1:contact:' + text.slice(INVITATION_PREFIX.length), text + '!', text.slice(0, text.length - 40), INVITATION_PREFIX + 'AAAA', 'x'.repeat(200_000)]) {
      await assertCode(() => parseInvitation(bad, { now }), 'INVITATION_NOT_TRUSTED')
    }
  })

  it('any altered byte: INVITATION_NOT_TRUSTED (UNSUPPORTED_VERSION only for the version field)', () => {
    const bytes = Buffer.from(text.slice(INVITATION_PREFIX.length), 'base64url')
    let checked = 0
    for (let i = 0; i < bytes.length; i += 7) {
      const altered = Buffer.from(bytes)
      altered[i] = altered[i]! ^ 0x01
      try {
        parseInvitation(INVITATION_PREFIX + altered.toString('base64url'), { now, expectPeerId: invitee })
        assert.fail(`byte ${i} altered and still accepted`)
      } catch (err) {
        assert.ok(isPeerhoodError(err), String(err))
        const expected = i < 8 ? ['INVITATION_NOT_TRUSTED', 'UNSUPPORTED_VERSION'] : ['INVITATION_NOT_TRUSTED']
        assert.ok(expected.includes(err.code), `byte ${i}: ${err.code}`)
      }
      checked++
    }
    assert.ok(checked > 100)
  })

  it('a forged signature (the body re-signed by a non-issuer): INVITATION_NOT_TRUSTED', async () => {
    const forger = await keyOf('parse/forger')
    await assertCode(() => parseInvitation(encodeInvitation(bodyOf(text), forger), { now }), 'INVITATION_NOT_TRUSTED')
    // even the invitee itself cannot re-sign a changed body
    const changed = { ...bodyOf(text), addresses: ['/memory/evil'] }
    await assertCode(() => parseInvitation(encodeInvitation(changed, w.member.key), { now }), 'INVITATION_NOT_TRUSTED')
  })

  it('an invitation for someone else: INVITATION_NOT_TRUSTED, even when also expired', async () => {
    await assertCode(() => parseInvitation(text, { now, expectPeerId: ed25519PeerId(w.member.key.publicKey) }), 'INVITATION_NOT_TRUSTED')
    await assertCode(() => parseInvitation(text, { now: T0 + 20 * DAY, expectPeerId: ed25519PeerId(w.member.key.publicKey) }), 'INVITATION_NOT_TRUSTED')
  })

  it('expired or not yet valid: INVALID_TIME_PERIOD', async () => {
    await assertCode(() => parseInvitation(text, { now: T0 + 10 * DAY + 1, expectPeerId: invitee }), 'INVALID_TIME_PERIOD')
    await assertCode(() => parseInvitation(text, { now: T0 + HOUR - 1, expectPeerId: invitee }), 'INVALID_TIME_PERIOD')
    assert.ok(parseInvitation(text, { now: T0 + 10 * DAY, expectPeerId: invitee }))
  })

  it('a chain that does not lead to the named group\'s root: INVITATION_NOT_TRUSTED', async () => {
    const other = await makeWorld('parse-other')
    const body = { ...bodyOf(text), groupId: other.group.groupId }
    await assertCode(() => parseInvitation(encodeInvitation(body, w.admin.key), { now }), 'INVITATION_NOT_TRUSTED')
    // another group's properties under this group's chain
    const props = { ...bodyOf(text), properties: new TextEncoder().encode(JSON.stringify(other.group.properties)) }
    await assertCode(() => parseInvitation(encodeInvitation(props, w.admin.key), { now }), 'INVITATION_NOT_TRUSTED')
  })

  it('an identity-bound invitation whose expiry is not its GMC\'s, or whose chain lacks the invitee: INVITATION_NOT_TRUSTED', async () => {
    await assertCode(() => parseInvitation(encodeInvitation({ ...bodyOf(text), expiresAt: T0 + 11 * DAY }, w.admin.key), { now }), 'INVITATION_NOT_TRUSTED')
    await assertCode(() => parseInvitation(encodeInvitation({ ...bodyOf(text), chain: w.creator.chain as Array<Uint8Array<ArrayBuffer>> }, w.creator.key), { now }), 'INVITATION_NOT_TRUSTED')
  })

  it('an unknown kind: INVITATION_NOT_TRUSTED; another version: UNSUPPORTED_VERSION', async () => {
    await assertCode(() => parseInvitation(encodeInvitation({ ...bodyOf(text), kind: InvitationKind.KIND_UNSPECIFIED }, w.admin.key), { now }), 'INVITATION_NOT_TRUSTED')
    await assertCode(() => parseInvitation(encodeInvitation({ ...bodyOf(text), version: 2 }, w.admin.key), { now }), 'UNSUPPORTED_VERSION')
  })

  it('has no side effects: parsing twice gives the same answer', () => {
    assert.deepEqual(parseInvitation(text, { now }), parseInvitation(text, { now }))
  })
})
