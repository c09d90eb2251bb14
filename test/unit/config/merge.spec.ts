import assert from 'node:assert/strict'
import { mergeConfig } from '../../../config/merge.ts'

describe('config/merge', () => {
  it('merges objects deeply, later inputs winning', () => {
    const merged = mergeConfig({ api: { port: 1, enabled: false }, displayName: 'a' }, { api: { port: 2 } }, { displayName: 'c' })
    assert.deepEqual(merged, { api: { port: 2, enabled: false }, displayName: 'c' })
  })

  it('replaces arrays instead of concatenating', () => {
    assert.deepEqual(mergeConfig({ listen: ['/a', '/b'] }, { listen: ['/c'] }).listen, ['/c'])
    assert.deepEqual(mergeConfig({ bootstrap: ['/a'] }, { bootstrap: [] }).bootstrap, [])
  })

  it('never lets undefined override and never modifies its inputs', () => {
    const base = { api: { port: 1 }, listen: ['/a'] }
    const merged = mergeConfig(base, { api: { port: undefined } }, undefined)
    assert.equal(merged.api?.port, 1)
    merged.listen?.push('/b')
    assert.deepEqual(base, { api: { port: 1 }, listen: ['/a'] })
  })

  it('keeps a __proto__ key as data', () => {
    const merged = mergeConfig(JSON.parse('{"__proto__": {"polluted": true}}'))
    assert.equal(({} as Record<string, unknown>).polluted, undefined)
    assert.ok(Object.hasOwn(merged, '__proto__'))
  })
})
