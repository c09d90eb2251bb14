import assert from 'node:assert/strict'
import { parseConfig } from '../../../config/parse.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'

function details (input: unknown): Record<string, unknown> {
  try {
    parseConfig(input)
  } catch (err) {
    assert.ok(isPeerhoodError(err, 'INVALID_CONFIG'), String(err))
    assert.ok(err.details !== undefined)
    return err.details
  }
  assert.fail('expected INVALID_CONFIG')
}

describe('config/parse', () => {
  it('accepts a valid partial config and fills the rest', () => {
    const config = parseConfig({ api: { port: 8080 }, dht: { mode: 'auto' } })
    assert.equal(config.api.port, 8080)
    assert.equal(config.api.enabled, true)
    assert.equal(config.dht.mode, 'auto')
    assert.equal(config.logLevel, 'info')
  })

  it('names the key, value and what is allowed when out of range', () => {
    const d = details({ api: { port: 70000 } })
    assert.equal(d.key, 'api.port')
    assert.equal(d.value, 70000)
    assert.equal(typeof d.allowed, 'string')
    assert.match(d.allowed as string, /65535/)
    assert.equal(details({ mdns: { interval: 1 } }).key, 'mdns.interval')
    assert.equal(details({ connections: { maxConnections: 1.5 } }).key, 'connections.maxConnections')
    assert.equal(details({ displayName: '' }).key, 'displayName')
  })

  it('reports a bad type', () => {
    assert.deepEqual([details({ mdns: { enabled: 'yes' } }).key, details({ mdns: { enabled: 'yes' } }).value], ['mdns.enabled', 'yes'])
    assert.equal(details({ listen: '/ip4/127.0.0.1/tcp/1' }).key, 'listen')
    assert.equal(details({ api: 5 }).key, 'api')
    assert.equal(details(42).key, '')
  })

  it('reports a bad enum value', () => {
    const d = details({ dht: { mode: 'peer' } })
    assert.deepEqual([d.key, d.value], ['dht.mode', 'peer'])
    assert.match(d.allowed as string, /client/)
    assert.equal(details({ logLevel: 'trace' }).key, 'logLevel')
  })

  it('reports unknown keys at every level', () => {
    assert.deepEqual([details({ nope: 1 }).key, details({ nope: 1 }).value], ['nope', 1])
    assert.equal(details({ api: { prot: 1 } }).key, 'api.prot')
    assert.equal(details({ connections: { maxConections: 3 } }).key, 'connections.maxConections')
    assert.equal(details(JSON.parse('{"__proto__": {"x": 1}}')).key, '__proto__')
  })

  it('reports a bad array item with its index', () => {
    const d = details({ bootstrap: ['/ip4/127.0.0.1/tcp/1/p2p/12D3KooWGRUfX1x2TMVoamHhHmpYG8cGwD1E2pUt1Yud1PkRMqzP', 'not-a-multiaddr'] })
    assert.deepEqual([d.key, d.index, d.value], ['bootstrap', 1, 'not-a-multiaddr'])
  })

  it('refuses a bootstrap address without /p2p/', () => {
    const d = details({ bootstrap: ['/ip4/127.0.0.1/tcp/1'] })
    assert.deepEqual([d.key, d.index, d.value], ['bootstrap', 0, '/ip4/127.0.0.1/tcp/1'])
    assert.match(d.allowed as string, /\/p2p\//)
  })

  it('lists every issue', () => {
    const d = details({ api: { port: -1 }, logLevel: 'x', extra: true })
    assert.deepEqual((d.issues as Array<{ key: string }>).map(i => i.key).sort(), ['api.port', 'extra', 'logLevel'])
  })
})
