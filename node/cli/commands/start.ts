/**
 * `peerhood init` and `peerhood start`.
 */
import { configFromEnv, mergeConfig, parseConfig } from '../../../config/index.ts'
import type { PeerhoodConfigInput } from '../../../config/schema.ts'
import { initDataDir } from '../../data-dir.ts'
import { type Command, type Flags, emit, flagList, flagString, untilAborted } from '../command.ts'
import { dataDirOf } from '../node-client.ts'
import { EXIT } from '../exit-codes.ts'
import { profileConfig } from '../../../config/profiles.ts'

const NODE_OPTIONS = {
  listen: { type: 'string', multiple: true },
  announce: { type: 'string', multiple: true },
  bootstrap: { type: 'string', multiple: true },
  mdns: { type: 'boolean' },
  dht: { type: 'boolean' },
  'dht-mode': { type: 'string' },
  'api-port': { type: 'string' },
  'display-name': { type: 'string' },
  'log-level': { type: 'string' },
  'relay-server': { type: 'boolean' },
  'relay-reserve': { type: 'boolean' },
  relay: { type: 'string', multiple: true },
  profile: { type: 'string' }
} as const

/** The flag of `start` that sets each config key, named in `INVALID_CONFIG` errors. */
const FLAG_OF_KEY: Record<string, string> = {
  listen: '--listen',
  announce: '--announce',
  bootstrap: '--bootstrap',
  'mdns.enabled': '--mdns',
  'dht.enabled': '--dht',
  'dht.mode': '--dht-mode',
  'api.port': '--api-port',
  displayName: '--display-name',
  logLevel: '--log-level'
}

/** The flag that sets `key`, e.g. `--api-port` for `api.port`. */
export function flagOfKey (key: string): string | undefined {
  return FLAG_OF_KEY[key]
}

/** The configuration the flags of `start` ask for (validated alone by `start`, then merged). */
export function configFromFlags (flags: Flags): PeerhoodConfigInput {
  const config: Record<string, any> = {}
  const listen = flagList(flags, 'listen')
  if (listen !== undefined) config.listen = listen
  const announce = flagList(flags, 'announce')
  if (announce !== undefined) config.announce = announce
  const bootstrap = flagList(flags, 'bootstrap')
  if (bootstrap !== undefined) config.bootstrap = bootstrap
  if (typeof flags.mdns === 'boolean') config.mdns = { enabled: flags.mdns }
  const dhtMode = flagString(flags, 'dht-mode')
  if (typeof flags.dht === 'boolean' || dhtMode !== undefined) {
    config.dht = { ...(typeof flags.dht === 'boolean' ? { enabled: flags.dht } : {}), ...(dhtMode === undefined ? {} : { mode: dhtMode }) }
  }
  const apiPort = flagString(flags, 'api-port')
  if (apiPort !== undefined) config.api = { port: /^\d+$/.test(apiPort) ? Number(apiPort) : apiPort }
  const name = flagString(flags, 'display-name')
  if (name !== undefined) config.displayName = name
  const logLevel = flagString(flags, 'log-level')
  if (logLevel !== undefined) config.logLevel = logLevel
  const relays = flagList(flags, 'relay')
  if (typeof flags['relay-server'] === 'boolean' || typeof flags['relay-reserve'] === 'boolean' || relays !== undefined) {
    config.relay = {
      ...(typeof flags['relay-server'] === 'boolean' ? { server: flags['relay-server'] } : {}),
      ...(typeof flags['relay-reserve'] === 'boolean' ? { reserve: flags['relay-reserve'] } : {}),
      ...(relays === undefined ? {} : { relays })
    }
  }
  return config as PeerhoodConfigInput
}

const init: Command = {
  words: ['init'],
  options: { 'display-name': { type: 'string' } },
  async run (ctx) {
    const dir = dataDirOf(ctx)
    const name = flagString(ctx.flags, 'display-name')
    const result = await initDataDir(dir, name === undefined ? {} : { displayName: name })
    emit(ctx, { dataDir: dir, ...result }, () => `${result.created ? 'created' : 'already initialised'} ${dir}\npeerId: ${result.peerId}`)
    return EXIT.OK
  }
}

const start: Command = {
  words: ['start'],
  options: NODE_OPTIONS,
  async run (ctx) {
    const dataDir = dataDirOf(ctx)
    // Each source is checked alone, so a bad value is reported with where it came from even when a
    // stronger source hides it; the config file is checked the same way by createPeerhood. A
    // profile overrides config.json (which holds every default), and env and flags override it.
    const preset = profileConfig(flagString(ctx.flags, 'profile')) ?? {}
    const env = configFromEnv(ctx.env)
    parseConfig(env, { source: 'env' })
    const flags = configFromFlags(ctx.flags)
    parseConfig(flags, { source: 'flags', flagOf: flagOfKey })
    // loaded here, not at the top: every other command (a client of a running node) starts without libp2p
    const { createPeerhood } = await import('../../peerhood.ts')
    const node = await createPeerhood({ dataDir, config: mergeConfig(preset, env, flags), logSink: line => { ctx.err(line) } })
    await node.start()
    const status = node.status()
    emit(ctx, { event: 'ready', peerId: status.peerId, addresses: status.addresses, apiUrl: node.apiUrl ?? null, dataDir },
      () => [`peerId: ${status.peerId}`, ...status.addresses.map(a => `listening: ${a}`), `api: ${node.apiUrl ?? 'off'}`, `data: ${dataDir}`, 'ready'].join('\n'))
    await untilAborted(ctx.stopSignal)
    await node.stop()
    emit(ctx, { event: 'stopped' }, () => 'stopped')
    return EXIT.OK
  }
}

/** `init` and `start`. */
export const startCommands: Command[] = [init, start]
