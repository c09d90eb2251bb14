import assert from 'node:assert/strict'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { MAX_DATA_BYTES, MAX_GROUP_ID_BYTES } from '../../../protocols/direct-data/constants.ts'
import { admit, checkMessage, endReason, isValidType, messageProblem, neighbourConnectionId, parseRequest } from '../../../protocols/direct-data/rules.ts'

function code (fn: () => void): string | undefined {
  try {
    fn()
    return undefined
  } catch (err) {
    assert.ok(isPeerhoodError(err))
    return err.code
  }
}

describe('direct-data: rules', () => {
  it('accepts type ids of 1 to 128 of [A-Za-z0-9._:-] and braced GUIDs', () => {
    for (const ok of ['t', 'chat.whisper', 'app:v1_x-y', '6e8b0c1a-1f2d-4c3b-9a8e-0123456789ab', '{6E8B0C1A-1F2D-4C3B-9A8E-0123456789AB}', 'x'.repeat(128)]) {
      assert.ok(isValidType(ok), ok)
    }
    for (const bad of ['', 'x'.repeat(129), 'with space', 'slash/no', 'é', '{not-a-guid}', '{6e8b0c1a-1f2d-4c3b-9a8e-0123456789a}', 42, undefined]) {
      assert.ok(!isValidType(bad), String(bad))
    }
  })

  it('checks size up to maxDataBytes inclusive', () => {
    assert.equal(messageProblem({ type: 't', data: new Uint8Array(MAX_DATA_BYTES) }, MAX_DATA_BYTES), undefined)
    assert.equal(messageProblem({ type: 't', data: new Uint8Array(0) }, MAX_DATA_BYTES), undefined)
    assert.equal(messageProblem({ type: 't', data: new Uint8Array(MAX_DATA_BYTES + 1) }, MAX_DATA_BYTES), 'MAX_DATA_SIZE_EXCEEDED')
    assert.equal(messageProblem({ type: 't', data: new Uint8Array(11) }, 10), 'MAX_DATA_SIZE_EXCEEDED')
    assert.equal(MAX_DATA_BYTES, 65536)
  })

  it('throws stable codes for bad messages', () => {
    assert.equal(code(() => { checkMessage({ type: 't', data: new Uint8Array(MAX_DATA_BYTES + 1) }, MAX_DATA_BYTES) }), 'MAX_DATA_SIZE_EXCEEDED')
    assert.equal(code(() => { checkMessage({ type: 'bad type', data: new Uint8Array(1) }, MAX_DATA_BYTES) }), 'INVALID_ARGUMENT')
    assert.equal(code(() => { checkMessage({ type: 't', data: 'text' as unknown as Uint8Array }, MAX_DATA_BYTES) }), 'INVALID_ARGUMENT')
    assert.equal(code(() => { checkMessage(null as never, MAX_DATA_BYTES) }), 'INVALID_ARGUMENT')
    assert.equal(code(() => { checkMessage({ type: 't', data: Buffer.from('ok') }, MAX_DATA_BYTES) }), undefined)
  })

  it('reads a request: exactly one of open / neighbor with a sane group id', () => {
    assert.deepEqual(parseRequest({ open: { groupId: 'g' } }), { kind: 'open', groupId: 'g' })
    assert.deepEqual(parseRequest({ neighbor: { groupId: 'g' } }), { kind: 'neighbour', groupId: 'g' })
    assert.deepEqual(parseRequest({}), { kind: 'invalid' })
    assert.deepEqual(parseRequest({ open: { groupId: 'g' }, neighbor: { groupId: 'g' } }), { kind: 'invalid' })
    assert.deepEqual(parseRequest({ open: { groupId: '' } }), { kind: 'invalid' })
    assert.deepEqual(parseRequest({ open: { groupId: 'g'.repeat(MAX_GROUP_ID_BYTES + 1) } }), { kind: 'invalid' })
  })

  it('admits only when both ends are members, and direct connections only under the limit', () => {
    const facts = { remoteMember: true, localMember: true, opens: true, open: 0, max: 2 }
    assert.deepEqual(admit(facts), { accepted: true })
    assert.deepEqual(admit({ ...facts, remoteMember: false }), { accepted: false, code: 'NOT_A_MEMBER' })
    assert.deepEqual(admit({ ...facts, localMember: false }), { accepted: false, code: 'NOT_A_MEMBER' })
    assert.deepEqual(admit({ ...facts, open: 2 }), { accepted: false, code: 'MAX_CONNECTIONS_EXCEEDED' })
    assert.deepEqual(admit({ ...facts, open: 2, opens: false }), { accepted: true })
    assert.deepEqual(admit({ ...facts, open: 2, remoteMember: false }), { accepted: false, code: 'NOT_A_MEMBER' })
  })

  it('tells how a connection ended', () => {
    const clean = { failed: false, malformed: false, streamStatus: 'closed', connectionStatus: 'open' }
    assert.equal(endReason(clean), 'remote-close')
    assert.equal(endReason({ ...clean, malformed: true, failed: true }), 'protocol-error')
    assert.equal(endReason({ ...clean, connectionStatus: 'closed' }), 'connection-lost')
    assert.equal(endReason({ ...clean, failed: true }), 'reset')
    assert.equal(endReason({ ...clean, streamStatus: 'reset' }), 'reset')
  })

  it('names neighbour connections after the peer', () => {
    assert.equal(neighbourConnectionId('12D3KooW'), 'neighbour:12D3KooW')
  })
})
