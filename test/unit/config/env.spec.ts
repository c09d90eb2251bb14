import assert from 'node:assert/strict'
import { configFromEnv } from '../../../config/env.ts'
import { configLeaves, envName, RESERVED_ENV } from '../../../config/leaves.ts'
import { parseConfig } from '../../../config/parse.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'

function envError (env: NodeJS.ProcessEnv): Record<string, unknown> {
  try {
    configFromEnv(env)
  } catch (err) {
    assert.ok(isPeerhoodError(err, 'INVALID_CONFIG'), String(err))
    return err.details ?? {}
  }
  assert.fail('expected INVALID_CONFIG')
}

describe('config/env', () => {
  it('maps every key to PEERHOOD_<PATH> in SCREAMING_SNAKE', () => {
    assert.equal(envName(['api', 'port']), 'PEERHOOD_API_PORT')
    assert.equal(envName(['mdns', 'enabled']), 'PEERHOOD_MDNS_ENABLED')
    assert.equal(envName(['displayName']), 'PEERHOOD_DISPLAY_NAME')
    assert.equal(envName(['connections', 'maxConnections']), 'PEERHOOD_CONNECTIONS_MAX_CONNECTIONS')
    const names = configLeaves().map(l => l.env)
    assert.equal(new Set(names).size, names.length)
    for (const reserved of RESERVED_ENV) assert.ok(!names.includes(reserved))
  })

  it('reads numbers', () => {
    assert.deepEqual(configFromEnv({ PEERHOOD_API_PORT: '8080', PEERHOOD_CONNECTIONS_MAX_CONNECTIONS: ' 12 ' }), { api: { port: 8080 }, connections: { maxConnections: 12 } })
    assert.deepEqual([envError({ PEERHOOD_API_PORT: 'eighty' }).key, envError({ PEERHOOD_API_PORT: 'eighty' }).env], ['api.port', 'PEERHOOD_API_PORT'])
  })

  it('reads booleans as true/false/1/0', () => {
    assert.deepEqual(configFromEnv({ PEERHOOD_MDNS_ENABLED: 'false', PEERHOOD_DHT_ENABLED: '1', PEERHOOD_API_ENABLED: 'TRUE' }), { mdns: { enabled: false }, dht: { enabled: true }, api: { enabled: true } })
    assert.equal(configFromEnv({ PEERHOOD_MDNS_ENABLED: '0' }).mdns?.enabled, false)
    assert.equal(envError({ PEERHOOD_MDNS_ENABLED: 'yes' }).key, 'mdns.enabled')
  })

  it('reads enums and strings, leaving the check to the schema', () => {
    assert.deepEqual(configFromEnv({ PEERHOOD_DHT_MODE: 'server', PEERHOOD_DISPLAY_NAME: 'Alice Smith' }), { dht: { mode: 'server' }, displayName: 'Alice Smith' })
    try {
      parseConfig(configFromEnv({ PEERHOOD_LOG_LEVEL: 'trace' }), { source: 'env' })
      assert.fail('expected INVALID_CONFIG')
    } catch (err) {
      assert.ok(isPeerhoodError(err, 'INVALID_CONFIG'))
      assert.equal(err.details?.key, 'logLevel')
    }
  })

  it('reads lists comma-separated', () => {
    assert.deepEqual(configFromEnv({ PEERHOOD_LISTEN: '/ip4/127.0.0.1/tcp/1, /ip4/127.0.0.1/tcp/2,' }).listen, ['/ip4/127.0.0.1/tcp/1', '/ip4/127.0.0.1/tcp/2'])
    assert.deepEqual(configFromEnv({ PEERHOOD_BOOTSTRAP: '' }).bootstrap, [])
  })

  it('ignores empty scalars, unknown variables and PEERHOOD_DATA', () => {
    assert.deepEqual(configFromEnv({ PEERHOOD_API_PORT: '', PEERHOOD_DATA: '/tmp/x', PEERHOOD_NOPE: '1', HOME: '/root' }), {})
  })

  it('yields input the schema accepts for every key', () => {
    const samples: Record<string, string> = { number: '1000', boolean: 'true', 'string[]': '/a/p2p/x,/b/p2p/y', string: '/x' }
    for (const leaf of configLeaves()) {
      const raw = leaf.kind === 'enum' ? String(leaf.default) : samples[leaf.kind]
      assert.ok(raw !== undefined, `no sample for ${leaf.kind}`)
      parseConfig(configFromEnv({ [leaf.env]: raw }))
    }
  })
})
