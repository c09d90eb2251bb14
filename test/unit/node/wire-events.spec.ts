import assert from 'node:assert/strict'
import { toJsonSafe } from '../../../node/wire-events.ts'

describe('node/wire-events: event data as the API sends it', () => {
  it('passes flat data of strings, numbers, booleans and nulls through as it is', () => {
    const data = { changeType: 'added', recordId: 'ab', recordType: 't', version: 2, present: true, note: null }
    assert.equal(toJsonSafe(data), data)
  })

  it('gives everything else what a JSON round trip gives: bytes as base64, undefined dropped, NaN as null', () => {
    assert.deepEqual(toJsonSafe({ data: Uint8Array.from([1, 2, 3]) }), { data: 'AQID' })
    assert.deepEqual(toJsonSafe({ nested: { bytes: Uint8Array.from([255]) }, list: [1, 'a'] }), { nested: { bytes: '/w==' }, list: [1, 'a'] })
    assert.deepEqual(toJsonSafe({ a: undefined, b: 1 }), { b: 1 })
    assert.deepEqual(toJsonSafe({ n: Number.NaN }), { n: null })
  })
})
