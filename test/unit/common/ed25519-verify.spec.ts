import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { createHash, generateKeyPairSync, sign } from 'node:crypto'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import { hasSmallOrder, isCanonicalPoint, isCanonicalScalar, isStrictEd25519 } from '../../../protocols/common/ed25519-strict.ts'
import { ed25519Backend, ed25519Verify, verifyWithLibsodium, verifyWithNodeCrypto } from '../../../protocols/common/ed25519-verify.ts'

const L = 2n ** 252n + 27742317777372353535851937790883648493n

const littleEndian = (bytes: Uint8Array): bigint => bytes.reduceRight((n, b) => (n << 8n) | BigInt(b), 0n)
const toLittleEndian = (n: bigint): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn))

/** An Ed25519 key with its raw public key, its secret scalar `a`, and its signatures. */
function keyPair (): { publicKey: Uint8Array, scalar: bigint, sign: (m: Uint8Array) => Uint8Array } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const jwk = privateKey.export({ format: 'jwk' })
  const digest = createHash('sha512').update(Buffer.from(jwk.d!, 'base64url')).digest()
  const a = Uint8Array.from(digest.subarray(0, 32))
  a[0]! &= 248
  a[31]! &= 127
  a[31]! |= 64
  return {
    publicKey: new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url')),
    scalar: littleEndian(a),
    sign: m => new Uint8Array(sign(null, m, privateKey))
  }
}

/**
 * A signature by a real key whose R is the identity point: S = k·a mod L, k = H(R || A || M),
 * so [S]B = [k]A = R + [k]A: the equation holds (a ZIP-215 verifier accepts it). libsodium
 * refuses R of small order; OpenSSL 3.5 does too, older ones did not.
 */
function identityRSignature (key: ReturnType<typeof keyPair>, message: Uint8Array): Uint8Array {
  const R = toLittleEndian(1n)
  const k = littleEndian(createHash('sha512').update(R).update(key.publicKey).update(message).digest()) % L
  return Uint8Array.from([...R, ...toLittleEndian((k * key.scalar) % L)])
}

const both = [['node:crypto', verifyWithNodeCrypto] as const, ...(verifyWithLibsodium === undefined ? [] : [['libsodium', verifyWithLibsodium] as const])]

describe('common/ed25519-verify', () => {
  it('checks signatures with libsodium (sodium-native is a dependency)', () => {
    assert.equal(ed25519Backend, 'libsodium')
    assert.equal(ed25519Verify, verifyWithLibsodium)
  })

  it('checks with node:crypto, and the same answers, in a process where sodium-native cannot load', async function () {
    this.timeout(20_000)
    const alice = keyPair()
    const message = new TextEncoder().encode('checked without libsodium')
    const cases = [
      [alice.publicKey, alice.sign(message)],
      [alice.publicKey, identityRSignature(alice, message)],
      [keyPair().publicKey, alice.sign(message)]
    ].map(([k, sig]) => [Buffer.from(k!).toString('hex'), Buffer.from(sig!).toString('hex')])
    const module = new URL('../../../protocols/common/ed25519-verify.js', import.meta.url).href
    const script = `
      import { registerHooks } from 'node:module'
      registerHooks({ resolve (specifier, context, next) { if (specifier === 'sodium-native') throw new Error('not installed'); return next(specifier, context) } })
      const { ed25519Backend, ed25519Verify } = await import(${JSON.stringify(module)})
      const message = new TextEncoder().encode(${JSON.stringify(new TextDecoder().decode(message))})
      const answers = ${JSON.stringify(cases)}.map(([k, s]) => ed25519Verify(Buffer.from(k, 'hex'), message, Buffer.from(s, 'hex')))
      console.log(JSON.stringify({ ed25519Backend, answers }))`
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script])
    assert.deepEqual(JSON.parse(stdout), { ed25519Backend: 'node:crypto', answers: [true, false, false] })
  })

  it('gives the answer of both libraries for honest, tampered, foreign and cut signatures', () => {
    const alice = keyPair()
    const bob = keyPair()
    for (let i = 0; i < 50; i++) {
      const message = new TextEncoder().encode(`record ${i} `.repeat(i))
      const signature = alice.sign(message)
      const cases: Array<[Uint8Array, Uint8Array, Uint8Array, boolean]> = [
        [alice.publicKey, message, signature, true],
        [bob.publicKey, message, signature, false],
        [alice.publicKey, Uint8Array.from([...message, 0]), signature, false],
        [alice.publicKey, message, Uint8Array.from(signature, (b, j) => j === i % 64 ? b ^ 0x10 : b), false],
        [alice.publicKey, message, signature.subarray(0, 63), false],
        [alice.publicKey.subarray(0, 31), message, signature, false]
      ]
      for (const [publicKey, m, s, expected] of cases) {
        for (const [name, check] of both) assert.equal(check(publicKey, m, s), expected, `${name}, message ${i}`)
      }
    }
  })

  it('refuses a signature whose R is the identity point, by the rule itself and by both libraries', () => {
    const mallory = keyPair()
    const message = new TextEncoder().encode('a record only some nodes would take')
    const forged = identityRSignature(mallory, message)
    assert.equal(isStrictEd25519(mallory.publicKey, forged), false)
    const libsodium = createRequire(import.meta.url)('sodium-native') as { crypto_sign_verify_detached: (s: Uint8Array, m: Uint8Array, k: Uint8Array) => boolean }
    assert.equal(libsodium.crypto_sign_verify_detached(forged, message, mallory.publicKey), false)
    for (const [name, check] of both) assert.equal(check(mallory.publicKey, message, forged), false, name)
  })

  it('refuses the identity public key, under which R = identity and S = 0 sign every message', () => {
    const identity = toLittleEndian(1n)
    const signature = Uint8Array.from([...identity, ...new Uint8Array(32)])
    const message = new TextEncoder().encode('anything at all')
    assert.equal(isStrictEd25519(identity, signature), false)
    for (const [name, check] of both) assert.equal(check(identity, message, signature), false, name)
  })

  it('refuses S + L in place of S', () => {
    const alice = keyPair()
    const message = new TextEncoder().encode('malleable?')
    const signature = alice.sign(message)
    const bumped = Uint8Array.from([...signature.subarray(0, 32), ...toLittleEndian(littleEndian(signature.subarray(32)) + L)])
    for (const [name, check] of both) assert.equal(check(alice.publicKey, message, bumped), false, name)
  })

  it('knows the small-order encodings, with either sign bit, and nothing else', () => {
    const p = 2n ** 255n - 19n
    const small = [0n, 1n, p - 1n, p, p + 1n,
      littleEndian(Buffer.from('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', 'hex')),
      littleEndian(Buffer.from('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', 'hex'))]
    for (const y of small) {
      const encoding = toLittleEndian(y)
      assert.equal(hasSmallOrder(encoding), true, y.toString(16))
      assert.equal(hasSmallOrder(Uint8Array.from(encoding, (b, i) => i === 31 ? b | 0x80 : b)), true, `${y.toString(16)} with the sign bit`)
    }
    assert.equal(hasSmallOrder(keyPair().publicKey), false)
    assert.equal(hasSmallOrder(toLittleEndian(2n)), false)
  })

  it('tells canonical points and scalars from the others', () => {
    const p = 2n ** 255n - 19n
    assert.equal(isCanonicalPoint(toLittleEndian(p - 1n)), true)
    assert.equal(isCanonicalPoint(toLittleEndian(p)), false)
    assert.equal(isCanonicalPoint(toLittleEndian(p + 18n)), false)
    assert.equal(isCanonicalPoint(Uint8Array.from(toLittleEndian(p + 2n), (b, i) => i === 31 ? b | 0x80 : b)), false)
    assert.equal(isCanonicalScalar(toLittleEndian(L - 1n)), true)
    assert.equal(isCanonicalScalar(toLittleEndian(L)), false)
    assert.equal(isCanonicalScalar(toLittleEndian(0n)), true)
    assert.equal(isStrictEd25519(new Uint8Array(32), new Uint8Array(64)), false)
  })
})
