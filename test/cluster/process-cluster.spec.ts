import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import { createCluster } from '../../node/cluster.ts'

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

  it('refuses a bad size with a code', async () => {
    await assert.rejects(createCluster({ size: 65, processes: true }), { code: 'INVALID_ARGUMENT' })
  })
})
