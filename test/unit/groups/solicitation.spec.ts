import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { nextSolicited, Solicitation } from '../../../protocols/peer-groups/solicitation.ts'

describe('peer-groups/solicitation: a reconciliation with one member per group, every interval', () => {
  it('asks the members in PeerId order, one a tick, wrapping around', () => {
    assert.equal(nextSolicited([], undefined), undefined)
    assert.equal(nextSolicited(['c', 'a', 'b'], undefined), 'a')
    assert.equal(nextSolicited(['c', 'a', 'b'], 'a'), 'b')
    assert.equal(nextSolicited(['c', 'a', 'b'], 'c'), 'a')
    // the one asked last has gone: the next after it still
    assert.equal(nextSolicited(['a', 'c'], 'b'), 'c')
  })

  it('asks every synchronised group, never one that has not synchronised or has nobody connected', () => {
    const asked: string[] = []
    const groups = [
      { groupId: 'g1', synchronized: true },
      { groupId: 'g2', synchronized: false },
      { groupId: 'g3', synchronized: true }
    ]
    const members: Record<string, string[]> = { g1: ['p2', 'p1'], g2: ['p1'], g3: [] }
    const s = new Solicitation({ intervalMs: 1000, groups: () => groups, members: g => members[g]!, solicit: async (g, p) => { asked.push(`${g}:${p}`) } })
    s.tick()
    s.tick()
    s.tick()
    assert.deepEqual(asked, ['g1:p1', 'g1:p2', 'g1:p1'])
  })

  it('forgets a closed group, and starts again from the first member when it opens again', () => {
    const asked: string[] = []
    let groups = [{ groupId: 'g', synchronized: true }]
    const s = new Solicitation({ intervalMs: 1000, groups: () => groups, members: () => ['a', 'b'], solicit: async (_g, p) => { asked.push(p) } })
    s.tick()
    groups = []
    s.tick()
    groups = [{ groupId: 'g', synchronized: true }]
    s.tick()
    assert.deepEqual(asked, ['a', 'a'])
  })

  it('ticks on its timer, spread over 0.75–1.25 of the interval, until stopped; 0 never ticks', async () => {
    let ticks = 0
    const s = new Solicitation({ intervalMs: 20, random: () => 0, groups: () => [{ groupId: 'g', synchronized: true }], members: () => ['a'], solicit: async () => { ticks++ } })
    s.start()
    await pWaitFor(() => ticks >= 3, { timeout: 5_000 })
    s.stop()
    const after = ticks
    await new Promise(resolve => setTimeout(resolve, 60))
    assert.equal(ticks, after)

    let never = 0
    const off = new Solicitation({ intervalMs: 0, groups: () => [{ groupId: 'g', synchronized: true }], members: () => ['a'], solicit: async () => { never++ } })
    off.start()
    await new Promise(resolve => setTimeout(resolve, 30))
    off.stop()
    assert.equal(never, 0)
  })

  it('after lost forwards, asks every member once the group has been quiet, one round per burst', async () => {
    const asked: string[] = []
    const clock = 0
    const s = new Solicitation({
      intervalMs: 0,
      repairQuietMs: 30,
      repairMaxWaitMs: 10_000,
      now: () => clock,
      groups: () => [{ groupId: 'g', synchronized: true }],
      members: () => ['a', 'b', 'c'],
      solicit: async (g, p) => { asked.push(`${g}:${p}`) }
    })
    s.repairSoon('g')
    s.repairSoon('g')
    s.repairSoon('g')
    await pWaitFor(() => asked.length >= 3, { timeout: 5_000 })
    assert.deepEqual(asked, ['g:a', 'g:b', 'g:c'])
    s.stop()
  })

  it('runs a repair round by its longest wait even while lost forwards keep coming', async () => {
    const asked: string[] = []
    let clock = 0
    const s = new Solicitation({ intervalMs: 0, repairQuietMs: 60_000, repairMaxWaitMs: 50, now: () => clock, groups: () => [], members: () => ['a'], solicit: async (_g, p) => { asked.push(p) } })
    s.repairSoon('g')
    clock += 40
    s.repairSoon('g')
    // 50 ms after the first loss, not 60 s after the last
    await pWaitFor(() => asked.length === 1, { timeout: 5_000 })
    s.stop()
  })

  it('drops a pending repair round when stopped', async () => {
    const asked: string[] = []
    const s = new Solicitation({ intervalMs: 0, repairQuietMs: 20, members: () => ['a'], groups: () => [], solicit: async (_g, p) => { asked.push(p) } })
    s.repairSoon('g')
    s.stop()
    await new Promise(resolve => setTimeout(resolve, 60))
    assert.deepEqual(asked, [])
  })

  it('asks the members of a repair round one after the other, never two at once', async () => {
    const started: string[] = []
    const finish: Array<() => void> = []
    const s = new Solicitation({
      intervalMs: 0,
      repairQuietMs: 0,
      groups: () => [],
      members: () => ['a', 'b'],
      solicit: async (_g, p) => { started.push(p); await new Promise<void>(resolve => { finish.push(resolve) }) }
    })
    s.repairSoon('g')
    await pWaitFor(() => started.length === 1, { timeout: 5_000 })
    await new Promise(resolve => setTimeout(resolve, 20))
    assert.deepEqual(started, ['a'])
    finish[0]!()
    await pWaitFor(() => started.length === 2, { timeout: 5_000 })
    assert.deepEqual(started, ['a', 'b'])
    finish[1]!()
    s.stop()
  })
})

