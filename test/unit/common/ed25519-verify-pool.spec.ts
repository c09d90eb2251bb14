import assert from 'node:assert/strict'
import { generateKeyPairSync, sign } from 'node:crypto'
import { ED25519_PUBLIC_KEY_BYTES, type Ed25519Check, packChecks, unpackChecks } from '../../../protocols/common/ed25519-batch.ts'
import { Ed25519VerifyPool } from '../../../protocols/common/ed25519-verify-pool.ts'
import { verifyPacked } from '../../../protocols/common/ed25519-verify-worker.ts'

const DOMAIN = new TextEncoder().encode('test/domain\n')

function signer (): { publicKey: Uint8Array, sign: (message: Uint8Array) => Uint8Array } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(-ED25519_PUBLIC_KEY_BYTES))
  return { publicKey: raw, sign: message => new Uint8Array(sign(null, message, privateKey)) }
}

/** `count` checks signed under DOMAIN by two keys; every third is broken in some way. */
function checks (count: number): { checks: Ed25519Check[], expected: boolean[] } {
  const keys = [signer(), signer()]
  const out: Ed25519Check[] = []
  const expected: boolean[] = []
  for (let i = 0; i < count; i++) {
    const key = keys[i % 2]!
    const message = new TextEncoder().encode(`message ${i} `.repeat(1 + (i % 7)))
    const signature = key.sign(Buffer.concat([DOMAIN, message]))
    if (i % 3 !== 0) {
      out.push({ publicKey: key.publicKey, message, signature })
      expected.push(true)
    } else if (i % 9 === 0) {
      out.push({ publicKey: keys[(i + 1) % 2]!.publicKey, message, signature }) // another key
      expected.push(false)
    } else if (i % 9 === 3) {
      out.push({ publicKey: key.publicKey, message: Uint8Array.from(message, (b, k) => k === 0 ? b ^ 1 : b), signature }) // tampered
      expected.push(false)
    } else {
      out.push({ publicKey: key.publicKey, message, signature: signature.subarray(0, 63) }) // cut
      expected.push(false)
    }
  }
  return { checks: out, expected }
}

async function until (done: () => boolean): Promise<void> {
  while (!done()) await new Promise(resolve => setTimeout(resolve, 5))
}

describe('common/ed25519-verify-pool', () => {
  it('packs checks into one buffer and reads them back as views', () => {
    const { checks: some } = checks(5)
    const packable = some.filter(c => c.signature.byteLength === 64)
    const unpacked = unpackChecks(packChecks(packable, DOMAIN))
    assert.equal(unpacked.length, packable.length)
    unpacked.forEach((c, i) => {
      assert.deepEqual(c.publicKey, packable[i]!.publicKey)
      assert.deepEqual(c.signature, packable[i]!.signature)
      assert.deepEqual(c.message, Uint8Array.from(Buffer.concat([DOMAIN, packable[i]!.message])))
    })
    const packed = packChecks(packable)
    assert.throws(() => unpackChecks(packed.subarray(0, packed.byteLength - 1)), RangeError)
    assert.throws(() => unpackChecks(packed.subarray(0, 10)), RangeError)
  })

  it('answers a batch on worker threads exactly as node:crypto does on this thread', async () => {
    const pool = new Ed25519VerifyPool({ threads: 2, minBatch: 4 })
    try {
      const { checks: batch, expected } = checks(300)
      assert.deepEqual(await pool.verifyMany(batch, DOMAIN), expected)
      assert.equal(pool.runningThreads, 2, 'both threads took part')
      // without the domain nothing verifies
      assert.deepEqual(await pool.verifyMany(batch), expected.map(() => false))
      // the worker's own function agrees on the packed form
      const packable = batch.filter(c => c.signature.byteLength === 64)
      assert.deepEqual([...verifyPacked(packChecks(packable, DOMAIN))].map(b => b === 1), expected.filter((_, i) => batch[i]!.signature.byteLength === 64))
    } finally {
      await pool.close()
    }
  })

  it('verifies a small batch on the calling thread and starts no thread for it', async () => {
    const pool = new Ed25519VerifyPool({ threads: 2, minBatch: 16 })
    const { checks: batch, expected } = checks(10)
    assert.deepEqual(await pool.verifyMany(batch, DOMAIN), expected)
    assert.equal(pool.runningThreads, 0)
  })

  it('loses no answer when its threads stop mid-batch: the calling thread verifies what they held', async () => {
    const pool = new Ed25519VerifyPool({ threads: 2, minBatch: 1 })
    const { checks: batch, expected } = checks(400)
    const answer = pool.verifyMany(batch, DOMAIN)
    await until(() => pool.runningThreads === 2)
    await pool.close()
    assert.deepEqual(await answer, expected)
    // and it starts threads again for the next batch
    assert.deepEqual(await pool.verifyMany(batch, DOMAIN), expected)
    await pool.close()
  })

  it('starts its threads ahead of a batch when warmed, and stops them again if none comes', async () => {
    const pool = new Ed25519VerifyPool({ threads: 2, minBatch: 1, idleTimeoutMs: 50 })
    pool.warm()
    assert.equal(pool.runningThreads, 2)
    await until(() => pool.runningThreads === 0)
    pool.warm()
    const { checks: batch, expected } = checks(40)
    assert.deepEqual(await pool.verifyMany(batch, DOMAIN), expected)
    await pool.close()
  })

  it('stops idle threads after its idle timeout', async () => {
    const pool = new Ed25519VerifyPool({ threads: 1, minBatch: 1, idleTimeoutMs: 20 })
    const { checks: batch, expected } = checks(20)
    assert.deepEqual(await pool.verifyMany(batch, DOMAIN), expected)
    await until(() => pool.runningThreads === 0)
    await pool.close()
  })
})
