import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { validateChain } from '../../../protocols/certificates/chain-validator.ts'
import { readIdentityCertificate } from '../../../protocols/certificates/identity-certificate.ts'
import { pemToChain } from '../../../protocols/certificates/pem.ts'
import { buildFrozenFixture, FROZEN_VALID_AT } from '../../fixtures/certificates/frozen-chain.ts'
import { FIXTURE_DIR } from '../../fixtures/certificates/generate.ts'

describe('frozen certificate fixtures', () => {
  const stored = {
    chain: pemToChain(readFileSync(`${FIXTURE_DIR}seed-chain.pem`, 'utf8')),
    identity: pemToChain(readFileSync(`${FIXTURE_DIR}identity.pem`, 'utf8'))[0]!,
    meta: JSON.parse(readFileSync(`${FIXTURE_DIR}fixture.json`, 'utf8')) as { groupId: string, validAt: string }
  }

  it('are rebuilt byte for byte from the same seeds, serials and dates', async () => {
    const built = await buildFrozenFixture()
    assert.equal(built.groupId, stored.meta.groupId)
    assert.equal(built.chain.length, 5)
    built.chain.forEach((der, i) => {
      assert.equal(Buffer.from(der).toString('hex'), Buffer.from(stored.chain[i]!).toString('hex'), `certificate ${i} changed`)
    })
    assert.equal(Buffer.from(built.identity).toString('hex'), Buffer.from(stored.identity).toString('hex'))
  })

  it('are accepted by the validator at the fixed time', () => {
    assert.equal(new Date(stored.meta.validAt).getTime(), FROZEN_VALID_AT)
    const result = validateChain(stored.meta.groupId, stored.chain, FROZEN_VALID_AT)
    assert.ok(result.ok)
    assert.equal(result.leaf.displayName, 'Member M')
    assert.deepEqual(result.leaf.roles, ['member'])
    assert.equal(result.leaf.depth, 4)
    assert.equal(result.leaf.serialNumber, '0c'.repeat(16))
    assert.equal(readIdentityCertificate(stored.identity).peerId, result.leaf.peerId)
  })
})
