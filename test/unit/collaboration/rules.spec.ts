import assert from 'node:assert/strict'
import {
  afterSignin, afterSignout, checkAdvertisable, checkApplication, checkApplicationCount, checkEndpointName, checkLaunch, checkLocalPresence, checkObjectCount,
  checkObjectData, endpointVisible, itemVisible, mayFetchCard, normalizeId, parseScope, scopeName, scopeSet
} from '../../../protocols/collaboration/rules.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { applyContactPatch, checkName, isTrusted, mayWatch } from '../../../protocols/contacts/rules.ts'
import type { Contact } from '../../../protocols/contacts/types.ts'

function code (c: string) {
  return (err: unknown) => isPeerhoodError(err) && err.code === c
}

const NONE = { near: false, internet: false }

describe('collaboration/rules', () => {
  it('scopes: parse, sign in and out, names', () => {
    assert.throws(() => parseScope('everywhere'), code('INVALID_ARGUMENT'))
    assert.deepEqual(scopeSet('all'), { near: true, internet: true })
    assert.equal(scopeName(afterSignin(NONE, 'near')), 'near')
    assert.equal(scopeName(afterSignin(afterSignin(NONE, 'near'), 'internet')), 'all')
    assert.equal(scopeName(afterSignout(scopeSet('all'), 'near')), 'internet')
    assert.equal(scopeName(afterSignout(scopeSet('all'), 'all')), 'none')
  })

  it('visibility: the endpoint needs internet, or near and a watcher that is near; items follow their scope', () => {
    assert.equal(endpointVisible(NONE, true), false)
    assert.equal(endpointVisible(scopeSet('near'), false), false)
    assert.equal(endpointVisible(scopeSet('near'), true), true)
    assert.equal(endpointVisible(scopeSet('internet'), false), true)
    assert.equal(itemVisible('near', scopeSet('all'), false), false)
    assert.equal(itemVisible('near', scopeSet('all'), true), true)
    assert.equal(itemVisible('internet', scopeSet('near'), true), false)
    assert.equal(itemVisible('all', scopeSet('internet'), false), true)
  })

  it('cards: to someone near while signed in to near, or to an allowed watcher while signed in', () => {
    assert.equal(mayFetchCard(scopeSet('near'), true, false), true)
    assert.equal(mayFetchCard(scopeSet('internet'), true, false), false)
    assert.equal(mayFetchCard(scopeSet('internet'), false, true), true)
    assert.equal(mayFetchCard(NONE, true, true), false)
    assert.equal(mayFetchCard(scopeSet('all'), false, false), false)
  })

  it('presence: offline cannot be set, unknown statuses are refused, text at most 255 characters', () => {
    assert.deepEqual(checkLocalPresence({ status: 'busy' }), { status: 'busy', text: '' })
    assert.throws(() => checkLocalPresence({ status: 'offline' }), code('INVALID_ARGUMENT'))
    assert.throws(() => checkLocalPresence({ status: 'sleeping' }), code('INVALID_ARGUMENT'))
    assert.equal(checkLocalPresence({ status: 'away', text: '🙂'.repeat(255) }).status, 'away')
    assert.throws(() => checkLocalPresence({ status: 'away', text: 'x'.repeat(256) }), code('PRESENCE_TEXT_TOO_LONG'))
  })

  it('ids: UUIDs (braces dropped, lower case) or reverse-DNS strings', () => {
    assert.equal(normalizeId('{DD15F41F-FC4E-4922-B035-4C06A754D01D}'), 'dd15f41f-fc4e-4922-b035-4c06a754d01d')
    assert.equal(normalizeId('org.example.chat'), 'org.example.chat')
    for (const bad of ['chat', 'org..x', '-org.x', 'org.x/y', '', 'a.' + 'b'.repeat(300), 42]) assert.throws(() => normalizeId(bad), code('INVALID_OBJECT_ID'))
  })

  it('objects: 1 byte to 16 KiB, at most 128', () => {
    assert.throws(() => checkObjectData(new Uint8Array(0)), code('OBJECT_EMPTY'))
    assert.equal(checkObjectData(new Uint8Array(16 * 1024)).length, 16 * 1024)
    assert.throws(() => checkObjectData(new Uint8Array(16 * 1024 + 1)), code('OBJECT_TOO_LARGE'))
    checkObjectCount(127, true)
    checkObjectCount(128, false)
    assert.throws(() => checkObjectCount(128, true), code('TOO_MANY_OBJECTS'))
  })

  it('applications: description at most 255, data at most 16 KiB, at most 64, launch bounded', () => {
    assert.equal(checkApplication({ id: 'org.example.a', description: 'd', data: new Uint8Array(16 * 1024) }).id, 'org.example.a')
    assert.throws(() => checkApplication({ id: 'org.example.a', description: 'x'.repeat(256), data: new Uint8Array(0) }), code('DESCRIPTION_TOO_LONG'))
    assert.throws(() => checkApplication({ id: 'org.example.a', description: '', data: new Uint8Array(16 * 1024 + 1) }), code('APPLICATION_DATA_TOO_LARGE'))
    checkApplicationCount(63, true)
    assert.throws(() => checkApplicationCount(64, true), code('TOO_MANY_APPLICATIONS'))
    assert.deepEqual(checkLaunch(undefined, undefined), { launch: '', args: [] })
    assert.throws(() => checkLaunch('x'.repeat(4097), []), code('INVALID_ARGUMENT'))
    assert.throws(() => checkLaunch('/bin/x', Array(65).fill('a')), code('INVALID_ARGUMENT'))
  })

  it('names: at most 255 characters, no control characters', () => {
    assert.equal(checkName('nickname', 'é'.repeat(255)), 'é'.repeat(255))
    assert.throws(() => checkName('nickname', 'x'.repeat(256)), code('NAME_TOO_LONG'))
    assert.throws(() => checkName('nickname', 'a\nb'), code('INVALID_ARGUMENT'))
    assert.throws(() => checkEndpointName('x'.repeat(256)), code('NAME_TOO_LONG'))
  })

  it('Me names that People Near Me advertises: no blank nickname, no bidirectional overrides, 255 UTF-16 units', () => {
    assert.equal(checkAdvertisable('nickname', '李'.repeat(255)), '李'.repeat(255))
    assert.equal(checkAdvertisable('endpointName', ''), '')
    assert.throws(() => checkAdvertisable('nickname', ''), code('INVALID_ARGUMENT'))
    assert.throws(() => checkAdvertisable('nickname', ' \t'), code('INVALID_ARGUMENT'))
    assert.throws(() => checkAdvertisable('nickname', 'a\u202eb'), code('INVALID_ARGUMENT'))
    assert.throws(() => checkAdvertisable('endpointName', 'pc\u200f'), code('INVALID_ARGUMENT'))
    assert.throws(() => checkAdvertisable('nickname', '😀'.repeat(128)), code('NAME_TOO_LONG'))
  })

  it('watching: only a trusted contact whose watching is allowed may watch (blocked by default)', () => {
    const contact: Contact = { peerId: 'p', nickname: 'n', displayName: 'd', email: '', watch: false, watcherPermission: 'blocked', addresses: [], certificate: new Uint8Array([1]), addedAt: 0 }
    assert.equal(isTrusted(contact), true)
    assert.equal(mayWatch(contact), false)
    assert.equal(mayWatch(undefined), false)
    const allowed = applyContactPatch(contact, { watcherPermission: 'allowed' })
    assert.equal(mayWatch(allowed), true)
    const { certificate: _c, ...untrusted } = allowed
    assert.equal(mayWatch(untrusted), false)
    assert.throws(() => applyContactPatch(contact, { watcherPermission: 'maybe' as never }), code('INVALID_ARGUMENT'))
    assert.throws(() => applyContactPatch(contact, { nickname: 'x'.repeat(256) }), code('NAME_TOO_LONG'))
    assert.equal(applyContactPatch(contact, { watch: true }).watch, true)
  })
})
