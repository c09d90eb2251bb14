import assert from 'node:assert/strict'
import { MemoryDatastore } from 'datastore-core'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { decodeRecord } from '../../../protocols/records/codec.ts'
import { RecordStore } from '../../../protocols/records/store.ts'
import { recordKey } from '../../../protocols/records/store-keys.ts'
import * as verify from '../../../protocols/records/verify.ts'
import { GROUP, member, record, signed, T0 } from './helpers.ts'

/** Counts signature checks made by every RecordVerifier while `fn` runs. */
async function countVerifies (fn: () => Promise<void>): Promise<number> {
  const proto = verify.RecordVerifier.prototype as any
  const original = proto.verify
  let n = 0
  proto.verify = function (...args: unknown[]) { n++; return original.apply(this, args) }
  try { await fn() } finally { proto.verify = original }
  return n
}

describe('records/store: a read given the hash its own index listed', () => {
  it('skips the signature check for bytes that hash to it, checks the signature otherwise, and never returns altered bytes', async () => {
    const alice = await member(1)
    const datastore = new MemoryDatastore()
    const store = new RecordStore(datastore, { verifyReads: true })
    const rec = record(alice.peerId, { data: new TextEncoder().encode('amount: 100 EUR'), expires: T0 + 1e9 })
    const decoded = decodeRecord(signed(rec, alice.privateKey))
    assert.equal(await store.put(decoded), true)
    const hash = decoded.hash

    assert.equal(await countVerifies(async () => { assert.ok(await store.get(GROUP, rec.id, { hash })) }), 0)
    assert.equal(await countVerifies(async () => { assert.ok(await store.get(GROUP, rec.id)) }), 1)
    // another hash (a version replaced since it was listed): the signature decides
    assert.equal(await countVerifies(async () => { assert.ok(await store.get(GROUP, rec.id, { hash: new Uint8Array(32) })) }), 1)

    // a disk that changed a byte: the bytes no longer hash to the listed hash, and do not verify
    const key = recordKey(GROUP, rec.id)
    const bytes = Buffer.from(await datastore.get(key))
    bytes[bytes.indexOf('100 EUR')] = '9'.charCodeAt(0)
    await datastore.put(key, bytes)
    await assert.rejects(store.get(GROUP, rec.id, { hash }), (err: unknown) => isPeerhoodError(err, 'DATASTORE_CORRUPT'))
  })
})
