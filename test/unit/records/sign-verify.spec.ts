import assert from 'node:assert/strict'
import { sign } from 'node:crypto'
import { ed25519PrivateKeyObject } from '../../../protocols/certificates/keys.ts'
import { Ed25519VerifyPool } from '../../../protocols/common/ed25519-verify-pool.ts'
import { decodeRecord, encodeRecord, encodeRecordBody } from '../../../protocols/records/codec.ts'
import { recordSigningMessage, signRecord } from '../../../protocols/records/sign.ts'
import { RecordVerifier, verifyRecordSignature } from '../../../protocols/records/verify.ts'
import { member, record, type TestMember } from './helpers.ts'

describe('records/sign and verify', () => {
  let alice: TestMember
  let mallory: TestMember

  before(async () => {
    alice = await member(1)
    mallory = await member(9)
  })

  it('verifies a record signed by its modifier', () => {
    const signed = signRecord(encodeRecordBody(record(alice.peerId)), alice.privateKey)
    assert.equal(signed.signature.length, 64)
    assert.ok(verifyRecordSignature(signed))
    assert.ok(verifyRecordSignature(decodeRecord(encodeRecord(signed))))
  })

  it('signs over the domain-separated message, not the bare body', () => {
    const body = encodeRecordBody(record(alice.peerId))
    const bare = sign(null, body, ed25519PrivateKeyObject(alice.privateKey))
    assert.equal(verifyRecordSignature({ body, signature: bare }), false)
    const message = recordSigningMessage(body)
    assert.equal(new TextDecoder().decode(message.subarray(0, 19)), 'peerhood/record/v1\n')
    assert.ok(verifyRecordSignature({ body, signature: sign(null, message, ed25519PrivateKeyObject(alice.privateKey)) }))
  })

  it('checks on worker threads exactly as on the event loop: valid, forged, tampered, cut, foreign key', async () => {
    // minBatch 1: even this handful crosses to the threads
    const pool = new Ed25519VerifyPool({ threads: 2, minBatch: 1 })
    try {
      const verifier = new RecordVerifier({ pool })
      const body = encodeRecordBody(record(alice.peerId))
      const good = signRecord(body, alice.privateKey)
      const modifier = decodeRecord(encodeRecord(good)).modifierBytes
      const tampered = Uint8Array.from(body)
      tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 1
      const cases = [
        good,
        signRecord(body, mallory.privateKey),
        { body: tampered, signature: good.signature },
        { body, signature: good.signature.subarray(0, 63) },
        { body, signature: Uint8Array.from(good.signature, (b, i) => i === 5 ? b ^ 0x80 : b) }
      ]
      const sync = cases.map(c => verifier.verify(c, modifier))
      const pooled = await verifier.verifyManyAsync(cases.map(signed => ({ signed, modifier })))
      assert.deepEqual(pooled, sync)
      assert.deepEqual(sync, [true, false, false, false, false])
      assert.ok(pool.runningThreads > 0, 'the batch went to the threads')
      // a modifier that is not an Ed25519 PeerId is refused before any key is made
      assert.deepEqual(await verifier.verifyManyAsync([{ signed: good, modifier: new Uint8Array(34).fill(1) }, { signed: good, modifier }]), [false, true])
    } finally {
      await pool.close()
    }
  })

  it('refuses a forged signature: a record naming alice signed by mallory', () => {
    const forged = signRecord(encodeRecordBody(record(alice.peerId)), mallory.privateKey)
    assert.equal(verifyRecordSignature(forged), false)
  })

  it('refuses a tampered body', () => {
    const signed = signRecord(encodeRecordBody(record(alice.peerId)), alice.privateKey)
    const body = Uint8Array.from(signed.body)
    body[body.length - 1]! ^= 1
    assert.equal(verifyRecordSignature({ body, signature: signed.signature }), false)
    const signature = Uint8Array.from(signed.signature)
    signature[0]! ^= 1
    assert.equal(verifyRecordSignature({ body: signed.body, signature }), false)
  })

  it('answers false for a body that does not decode or a signature of the wrong length', () => {
    assert.equal(verifyRecordSignature({ body: Uint8Array.of(0xff), signature: new Uint8Array(64) }), false)
    const signed = signRecord(encodeRecordBody(record(alice.peerId)), alice.privateKey)
    assert.equal(verifyRecordSignature({ body: signed.body, signature: signed.signature.subarray(0, 63) }), false)
  })

  it('checks each record against its own signer, alternating signers', () => {
    const verifier = new RecordVerifier()
    const a = decodeRecord(encodeRecord(signRecord(encodeRecordBody(record(alice.peerId)), alice.privateKey)))
    const m = decodeRecord(encodeRecord(signRecord(encodeRecordBody(record(mallory.peerId)), mallory.privateKey)))
    for (let i = 0; i < 3; i++) {
      assert.ok(verifier.verify(a, a.modifierBytes))
      assert.ok(verifier.verify(m, m.modifierBytes))
      assert.equal(verifier.verify(a, m.modifierBytes), false)
    }
  })

  it('verifies bodies larger than its scratch buffer', () => {
    const big = record(alice.peerId, { data: new Uint8Array(10_000).fill(3) })
    const signed = signRecord(encodeRecordBody(big), alice.privateKey)
    const verifier = new RecordVerifier()
    assert.ok(verifier.verify(signed))
    assert.ok(verifier.verify(signRecord(encodeRecordBody(record(alice.peerId)), alice.privateKey)))
  })
})
