import assert from 'node:assert/strict'
import { Message, Reply } from '../../../protocols/app-invitations/pb/app-invite.ts'
import { message } from '../../../protocols/app-invitations/wire.ts'

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

// frozen: a change of these bytes is a change of /peerhood/app-invite/1.0.0
const INVITE_HEX = '080112036162631a116f72672e6578616d706c652e6368657373220268692a02010230e0a71238014801'
const RESPONSE_HEX = '08021203616263220379657340014801'
const REPLY_HEX = '08011203746f6b'

describe('app invitations: wire format', () => {
  it('encodes an invitation, a response and a reply as frozen', () => {
    const invite = message({ kind: Message.Kind.INVITE, id: 'abc', appId: 'org.example.chess', message: 'hi', data: new Uint8Array([1, 2]), expiresInMs: 300000, contact: true, join: true })
    assert.equal(hex(Message.encode(invite)), INVITE_HEX)
    assert.equal(hex(Message.encode(message({ kind: Message.Kind.RESPONSE, id: 'abc', action: Message.Action.ACCEPTED, message: 'yes', join: true }))), RESPONSE_HEX)
    assert.equal(hex(Reply.encode({ status: Reply.Status.OK, groupInvitation: 'tok' })), REPLY_HEX)
    const back = Message.decode(Buffer.from(INVITE_HEX, 'hex'))
    assert.deepEqual([back.kind, back.id, back.appId, back.expiresInMs, back.contact, [...back.data]], [Message.Kind.INVITE, 'abc', 'org.example.chess', 300000, true, [1, 2]])
  })
})
