import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { loadConfig, parseConfig, readConfigFile } from '../../../config/load.ts'
import { configSchema } from '../../../config/schema.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { tempDir } from '../../helpers/temp-dir.ts'

async function rejectsWith (promise: Promise<unknown>, code: string): Promise<Record<string, unknown>> {
  try {
    await promise
  } catch (err) {
    assert.ok(isPeerhoodError(err), String(err))
    assert.equal(err.code, code)
    return err.details ?? {}
  }
  assert.fail(`expected ${code}`)
}

describe('config/load', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>
  beforeEach(async () => { dir = await tempDir() })
  afterEach(async () => { await dir.remove() })

  it('resolves every default from nothing', async () => {
    const config = await loadConfig({ env: {} })
    assert.deepEqual(config, configSchema.parse({}))
    assert.equal(config.api.port, 0)
    assert.equal(config.mdns.enabled, true)
    assert.deepEqual(config.listen, ['/ip4/0.0.0.0/tcp/3587'])
    assert.deepEqual(parseConfig({}), config)
  })

  it('reads a missing or blank file as empty', async () => {
    assert.deepEqual(await readConfigFile(join(dir.path, 'nope.json')), {})
    await writeFile(join(dir.path, 'blank.json'), '\n')
    assert.deepEqual(await readConfigFile(join(dir.path, 'blank.json')), {})
  })

  it('refuses broken JSON and non-objects, naming the file', async () => {
    const file = join(dir.path, 'config.json')
    await writeFile(file, '{ "api": { "port": 1 ')
    assert.equal((await rejectsWith(readConfigFile(file), 'INVALID_CONFIG')).file, file)
    await rejectsWith(loadConfig({ file, env: {} }), 'INVALID_CONFIG')
    await writeFile(file, '[1, 2]')
    assert.equal((await rejectsWith(readConfigFile(file), 'INVALID_CONFIG')).file, file)
  })

  it('merges file ← env ← flags, later winning key by key', async () => {
    const file = join(dir.path, 'config.json')
    await writeFile(file, JSON.stringify({ displayName: 'file', api: { port: 1000, enabled: false }, dht: { mode: 'server' }, listen: ['/ip4/127.0.0.1/tcp/1'] }))
    const env = { PEERHOOD_API_PORT: '2000', PEERHOOD_DISPLAY_NAME: 'env', PEERHOOD_LISTEN: '/ip4/127.0.0.1/tcp/2' }
    const config = await loadConfig({ file, env, flags: { displayName: 'flags' } })
    assert.equal(config.displayName, 'flags')
    assert.equal(config.api.port, 2000)
    assert.equal(config.api.enabled, false)
    assert.equal(config.dht.mode, 'server')
    assert.deepEqual(config.listen, ['/ip4/127.0.0.1/tcp/2'])
    assert.equal((await loadConfig({ file, env, flags: { api: { port: 3000 } } })).api.port, 3000)
    assert.equal((await loadConfig({ file, env: {} })).api.port, 1000)
  })

  it('names the source of a bad value', async () => {
    const file = join(dir.path, 'config.json')
    await writeFile(file, JSON.stringify({ api: { port: 70000 } }))
    const fromFile = await rejectsWith(loadConfig({ file, env: {} }), 'INVALID_CONFIG')
    assert.deepEqual([fromFile.key, fromFile.source, fromFile.file], ['api.port', 'file', file])
    const fromEnv = await rejectsWith(loadConfig({ env: { PEERHOOD_DHT_MODE: 'nope' } }), 'INVALID_CONFIG')
    assert.deepEqual([fromEnv.key, fromEnv.source], ['dht.mode', 'env'])
    const fromFlags = await rejectsWith(loadConfig({ env: {}, flags: { mdns: { interval: 1 } } }), 'INVALID_CONFIG')
    assert.deepEqual([fromFlags.key, fromFlags.source], ['mdns.interval', 'flags'])
  })

  it('reports a bad file value even when a flag hides it', async () => {
    const file = join(dir.path, 'config.json')
    await writeFile(file, JSON.stringify({ listen: 'a string' }))
    const hidden = await rejectsWith(loadConfig({ file, env: {}, flags: { listen: ['/ip4/127.0.0.1/tcp/0'] } }), 'INVALID_CONFIG')
    assert.deepEqual([hidden.key, hidden.source, hidden.file], ['listen', 'file', file])
    await writeFile(file, JSON.stringify({ mdns: { enabled: 'yes' } }))
    const mdns = await rejectsWith(loadConfig({ file, env: {}, flags: { mdns: { enabled: false } } }), 'INVALID_CONFIG')
    assert.deepEqual([mdns.key, mdns.source, mdns.file], ['mdns.enabled', 'file', file])
  })

  it('names the environment variable or the flag', async () => {
    const env = await rejectsWith(loadConfig({ env: { PEERHOOD_BOOTSTRAP: '/ip4/127.0.0.1/tcp/1' } }), 'INVALID_CONFIG')
    assert.deepEqual([env.key, env.source, env.env], ['bootstrap', 'env', 'PEERHOOD_BOOTSTRAP'])
    const flag = await rejectsWith(loadConfig({ env: {}, flags: { api: { port: -1 } }, flagOf: k => k === 'api.port' ? '--api-port' : undefined }), 'INVALID_CONFIG')
    assert.deepEqual([flag.key, flag.source, flag.flag], ['api.port', 'flags', '--api-port'])
  })
})
