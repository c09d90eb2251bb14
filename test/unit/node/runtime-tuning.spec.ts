import assert from 'node:assert/strict'
import { DAEMON_ENV, DAEMON_NODE_FLAGS, RUNTIME_TUNING_ENV, runsTuned, shouldReexec, tunedSpawn } from '../../../node/runtime-tuning.ts'

describe('runtime tuning of peerhood processes', () => {
  const tunedEnv = { ...DAEMON_ENV }

  it('re-executes long-running commands only, once, unless switched off or impossible', () => {
    assert.equal(shouldReexec(['start'], [], {}, true), true)
    assert.equal(shouldReexec(['cluster', '--nodes', '3'], [], {}, true), true)
    assert.equal(shouldReexec(['group', 'list'], [], {}, true), false)
    assert.equal(shouldReexec([], [], {}, true), false)
    assert.equal(shouldReexec(['start'], [...DAEMON_NODE_FLAGS], tunedEnv, true), false)
    assert.equal(shouldReexec(['start'], [], { [RUNTIME_TUNING_ENV]: 'off' }, true), false)
    assert.equal(shouldReexec(['start'], [], {}, false), false)
  })

  it('counts flags from execArgv or NODE_OPTIONS, with any value the user chose, and the environment', () => {
    const names = DAEMON_NODE_FLAGS.map(f => f.split('=')[0]!)
    assert.equal(runsTuned(names.map(n => `${n}=64`), tunedEnv), true, 'a value of the user’s own is kept')
    assert.equal(runsTuned([], { ...tunedEnv, NODE_OPTIONS: DAEMON_NODE_FLAGS.join(' ') }), true)
    assert.equal(runsTuned([...DAEMON_NODE_FLAGS], {}), false, 'the malloc setting is missing')
    assert.equal(runsTuned([], tunedEnv), false, 'the flags are missing')
  })

  it('spawns a script with the flags before it and the environment merged', () => {
    const spawned = tunedSpawn('/bin.js', ['start', '--json'], { PATH: '/bin' })
    assert.deepEqual(spawned.args, [...DAEMON_NODE_FLAGS, '/bin.js', 'start', '--json'])
    assert.equal(spawned.env.PATH, '/bin')
    for (const [k, v] of Object.entries(DAEMON_ENV)) assert.equal(spawned.env[k], v)
    assert.equal(runsTuned(spawned.args.slice(0, DAEMON_NODE_FLAGS.length), spawned.env), true)
  })
})
