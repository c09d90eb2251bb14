import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { toString as bytesToString } from 'uint8arrays/to-string'
import {
  AUTHORITY_LENGTH, MAX_CLASSIFIER_LENGTH, authorityMatches, computeGroupId, isGroupId, parseGroupId, validateClassifier
} from '../../../protocols/certificates/group-id.ts'
import { ed25519Spki } from '../../../protocols/certificates/keys.ts'
import { assertCode, keyOf } from './helpers.ts'

describe('group ids', () => {
  let spki: Uint8Array

  before(async () => {
    spki = ed25519Spki((await keyOf('group id root')).publicKey)
  })

  it('is base32(sha256(root SPKI)), then .classifier', () => {
    const authority = bytesToString(createHash('sha256').update(spki).digest(), 'base32')
    assert.equal(computeGroupId(spki), authority)
    assert.equal(authority.length, AUTHORITY_LENGTH)
    assert.match(authority, /^[a-z2-7]+$/)
    assert.equal(computeGroupId(spki, 'Chat'), `${authority}.Chat`)
    assert.deepEqual(parseGroupId(`${authority}.a.b`), { authority, classifier: 'a.b' })
    assert.deepEqual(parseGroupId(authority), { authority })
  })

  it('binds the id to the root key', async () => {
    const id = computeGroupId(spki, 'x')
    assert.ok(authorityMatches(id, spki))
    assert.ok(!authorityMatches(id, ed25519Spki((await keyOf('someone else')).publicKey)))
    assert.ok(!authorityMatches(id.slice(0, 40), spki))
  })

  const classifiers: Array<[string, string, boolean]> = [
    ['149 characters', 'a'.repeat(MAX_CLASSIFIER_LENGTH), true],
    ['Unicode letters and -_.~', 'Чат_de-España.v2~', true],
    ['150 characters', 'a'.repeat(MAX_CLASSIFIER_LENGTH + 1), false],
    ['empty', '', false],
    ['a space', 'my group', false],
    ['a slash', 'a/b', false],
    ['a colon', 'a:b', false],
    ['a comma', 'a,b', false],
    ['not NFC', 'e\u0301', false]
  ]
  for (const [name, classifier, ok] of classifiers) {
    it(`${ok ? 'accepts' : 'refuses'} a classifier with ${name}${ok ? '' : ': INVALID_CLASSIFIER'}`, async () => {
      if (ok) {
        validateClassifier(classifier)
        assert.ok(isGroupId(computeGroupId(spki, classifier)))
      } else {
        await assertCode(() => computeGroupId(spki, classifier), 'INVALID_CLASSIFIER')
      }
    })
  }

  it('refuses malformed group ids: INVALID_GROUP', async () => {
    const authority = computeGroupId(spki)
    for (const bad of ['', 'abc', authority.toUpperCase(), `${authority}x`, `${authority}.`, `${authority}.a b`]) {
      await assertCode(() => parseGroupId(bad), 'INVALID_GROUP')
      assert.equal(isGroupId(bad), false)
    }
  })
})
