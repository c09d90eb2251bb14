import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createCluster } from '../../node/cluster.ts'
import type { PeerhoodError } from '../../protocols/common/errors.ts'

function alive (pid: number): boolean {
  try { process.kill(pid, 0); return true } catch { return false }
}

describe('cluster: createCluster({ processes: true })', () => {
  it('runs each node as its own process, puts them in one group, and stops them all', async function () {
    this.timeout(120_000)
    const cluster = await createCluster({ size: 3, processes: true, group: 'process cluster', config: { dht: { enabled: false } } })
    const pids = cluster.members.map(m => m.pid)
    try {
      assert.equal(new Set(pids).size, 3)
      assert.ok(!pids.includes(process.pid))
      assert.ok(pids.every(alive))
      assert.equal(new Set(cluster.members.map(m => m.dataDir)).size, 3)
      assert.ok(cluster.members.every(m => m.address.startsWith('/ip4/127.0.0.1/')))
      const groupId = cluster.groupId!
      for (const m of cluster.members) assert.ok((await m.client.groups()).some(g => g.groupId === groupId))
      // a record added on one process reaches the others
      const record = await cluster.members[1]!.client.addRecord(groupId, { type: 'test.note', data: Buffer.from('hello').toString('base64') })
      await pWaitFor(async () => {
        const seen = await Promise.all([0, 2].map(async i => (await cluster.members[i]!.client.listRecords(groupId, { type: 'test.note' })).some(r => r.id === record.id)))
        return seen.every(Boolean)
      }, { interval: 100, timeout: 30_000 })
    } finally {
      await cluster.stop()
    }
    assert.ok(pids.every(pid => !alive(pid)))
  })

  it('reports a node process that dies after it was ready, and its calls fail with NOT_STARTED naming the exit', async function () {
    this.timeout(60_000)
    const reported: string[] = []
    const cluster = await createCluster({ size: 1, processes: true, config: { dht: { enabled: false } }, report: { write: text => reported.push(String(text)) } })
    try {
      const member = cluster.members[0]!
      assert.ok((await member.client.status()).peerId === member.peerId)
      process.kill(member.pid, 'SIGKILL')
      await pWaitFor(() => !alive(member.pid), { interval: 50, timeout: 10_000 })
      await assert.rejects(member.client.status(), (err: PeerhoodError) => {
        assert.equal(err.code, 'NOT_STARTED')
        assert.equal(err.details?.signal, 'SIGKILL')
        assert.equal(err.details?.index, 0)
        assert.equal(typeof err.details?.stderr, 'string')
        return true
      })
      await pWaitFor(() => reported.length > 0, { interval: 50, timeout: 10_000 })
      assert.match(reported.join(''), new RegExp(`node 0 \\(pid ${member.pid}\\)`))
    } finally {
      await cluster.stop()
    }
    // an exit the cluster asked for is not reported
    assert.equal(reported.length, 1)
  })

  it('refuses a bad size with a code', async () => {
    await assert.rejects(createCluster({ size: 65, processes: true }), { code: 'INVALID_ARGUMENT' })
  })
})
