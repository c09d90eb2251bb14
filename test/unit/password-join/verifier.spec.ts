import assert from 'node:assert/strict'
import { DEFAULT_SCRYPT_N, checkPasswordPolicy, createPasswordVerifier, derivePasswordKey, verifierFromJson, verifierToJson } from '../../../protocols/password-join/index.ts'
import { assertCode, seededRandom } from '../certificates/helpers.ts'

const GROUP = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.verifier'
const N = 1 << 10

describe('password join: verifiers and the password policy', () => {
  it('derive key = scrypt(password, salt ‖ groupId) with a fresh 16-byte salt', async () => {
    const v = await createPasswordVerifier('correct horse', { groupId: GROUP, scryptN: N })
    assert.equal(v.salt.length, 16)
    assert.equal(v.key.length, 32)
    assert.deepEqual([v.N, v.r, v.p], [N, 8, 1])
    assert.deepEqual(await derivePasswordKey('correct horse', v.salt, GROUP, v), v.key)
    const again = await createPasswordVerifier('correct horse', { groupId: GROUP, scryptN: N })
    assert.notDeepEqual(again.salt, v.salt)
    assert.notDeepEqual(again.key, v.key)
  })

  it('binds the key to the group and the password, and normalises to NFC', async () => {
    const v = await createPasswordVerifier('mot de passé', { groupId: GROUP, scryptN: N, random: seededRandom('salt') })
    assert.notDeepEqual(await derivePasswordKey('mot de passé', v.salt, GROUP + 'x', v), v.key)
    assert.notDeepEqual(await derivePasswordKey('mot de passe', v.salt, GROUP, v), v.key)
    assert.deepEqual(await derivePasswordKey('mot de passe\u0301', v.salt, GROUP, v), v.key)
  })

  it('is reproducible with injected randomness', async () => {
    const a = await createPasswordVerifier('reproducible', { groupId: GROUP, scryptN: N, random: seededRandom('same') })
    const b = await createPasswordVerifier('reproducible', { groupId: GROUP, scryptN: N, random: seededRandom('same') })
    assert.deepEqual(a, b)
  })

  it('refuses weak passwords: PASSWORD_DOES_NOT_MEET_POLICY', async () => {
    for (const weak of ['', 'short', '1234567', '        ', 'e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301', 'x'.repeat(1025)]) {
      await assertCode(async () => await createPasswordVerifier(weak, { groupId: GROUP, scryptN: N }), 'PASSWORD_DOES_NOT_MEET_POLICY')
    }
    assert.equal(checkPasswordPolicy('12345678'), '12345678')
    assert.equal(checkPasswordPolicy('e\u0301'.repeat(8)), '\u00e9'.repeat(8))
  })

  it('refuses a scrypt cost out of range: INVALID_ARGUMENT', async () => {
    for (const scryptN of [1000, 512, 1 << 19]) {
      await assertCode(async () => await createPasswordVerifier('long enough', { groupId: GROUP, scryptN }), 'INVALID_ARGUMENT')
    }
  })

  it('uses N = 2^17 by default', async function () {
    this.timeout(20_000)
    const v = await createPasswordVerifier('the default cost', { groupId: GROUP })
    assert.equal(v.N, DEFAULT_SCRYPT_N)
    assert.equal(DEFAULT_SCRYPT_N, 131072)
  })

  it('round-trips through JSON and refuses anything else', async () => {
    const v = await createPasswordVerifier('store me please', { groupId: GROUP, scryptN: N })
    assert.deepEqual(verifierFromJson(JSON.parse(JSON.stringify(verifierToJson(v)))), v)
    await assertCode(() => verifierFromJson({ ...verifierToJson(v), N: 1000 }), 'INVALID_ARGUMENT')
    await assertCode(() => verifierFromJson({ ...verifierToJson(v), key: 'AAAA' }), 'INVALID_ARGUMENT')
    await assertCode(() => verifierFromJson(null as never), 'INVALID_ARGUMENT')
  })
})
