import assert from 'node:assert/strict'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { ColdSyncGate } from '../../../protocols/peer-groups/cold-sync.ts'

/** A sync session the test ends by hand. */
function session (): { started: boolean, run: () => Promise<string>, finish: (ok: boolean) => void } {
  let settle!: (ok: boolean) => void
  const s = {
    started: false,
    run: async () => {
      s.started = true
      const ok = await new Promise<boolean>(resolve => { settle = resolve })
      if (!ok) throw new Error('session failed')
      return 'done'
    },
    finish: (ok: boolean) => { settle(ok) }
  }
  return s
}

const turn = async (): Promise<void> => { for (let i = 0; i < 5; i++) await new Promise(resolve => setImmediate(resolve)) }

describe('peer-groups/cold-sync: the first sync of a group, from one member at a time', () => {
  it('runs a second first sync only once the first has ended, and refuses other members\' sessions meanwhile', async () => {
    const gate = new ColdSyncGate()
    let synchronized = false
    const a = session()
    const b = session()
    const first = gate.run('A', () => synchronized, async () => { const r = await a.run(); synchronized = true; return r })
    const second = gate.run('B', () => synchronized, b.run)
    await turn()
    assert.equal(a.started, true)
    assert.equal(b.started, false)
    assert.throws(() => { gate.admit('B') }, (err: unknown) => isPeerhoodError(err, 'SYNC_BUSY'))
    gate.admit('A') // the member it pulls from may sync with it
    a.finish(true)
    assert.equal(await first, 'done')
    await turn()
    assert.equal(b.started, true)
    gate.admit('B') // synchronised: nobody is refused
    gate.admit('C')
    b.finish(true)
    assert.equal(await second, 'done')
  })

  it('a first sync that fails hands the turn to the next, still a first sync', async () => {
    const gate = new ColdSyncGate()
    const a = session()
    const b = session()
    const first = gate.run('A', () => false, a.run)
    const second = gate.run('B', () => false, b.run)
    await turn()
    a.finish(false)
    await assert.rejects(first)
    await turn()
    assert.equal(b.started, true)
    assert.throws(() => { gate.admit('A') }, (err: unknown) => isPeerhoodError(err, 'SYNC_BUSY'))
    b.finish(true)
    assert.equal(await second, 'done')
  })

  it('a synchronised group syncs with several members at once', async () => {
    const gate = new ColdSyncGate()
    const a = session()
    const b = session()
    const both = [gate.run('A', () => true, a.run), gate.run('B', () => true, b.run)]
    await turn()
    assert.equal(a.started && b.started, true)
    gate.admit('C')
    a.finish(true)
    b.finish(true)
    assert.deepEqual(await Promise.all(both), ['done', 'done'])
  })
})
