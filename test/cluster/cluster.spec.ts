import assert from 'node:assert/strict'
import { createCluster, topologyEdges } from '../../node/cluster.ts'

describe('cluster: createCluster', () => {
  it('topologies connect the right pairs', () => {
    assert.deepEqual(topologyEdges(3, 'full'), [[0, 1], [0, 2], [1, 2]])
    assert.deepEqual(topologyEdges(4, 'line'), [[0, 1], [1, 2], [2, 3]])
    assert.deepEqual(topologyEdges(4, 'ring'), [[0, 1], [0, 3], [1, 2], [2, 3]])
    assert.deepEqual(topologyEdges(4, 'star'), [[0, 1], [0, 2], [0, 3]])
    assert.deepEqual(topologyEdges(4, 'none'), [])
  })

  it('starts 6 nodes over TCP on 127.0.0.1 with their own data dirs and APIs, fully connected', async function () {
    this.timeout(60_000)
    const cluster = await createCluster({ size: 6, config: { dht: { enabled: false } } })
    try {
      const ids = new Set(cluster.nodes.map(n => n.peerId.toString()))
      assert.equal(ids.size, 6)
      for (const node of cluster.nodes) {
        assert.equal(node.status().peers, 5)
        assert.ok(node.apiUrl?.startsWith('http://127.0.0.1:'))
        assert.ok(node.status().addresses.every(a => a.startsWith('/ip4/127.0.0.1/')))
      }
      assert.equal(new Set(cluster.nodes.map(n => n.dataDir)).size, 6)
    } finally {
      await cluster.stop()
    }
  })

  it('runs 12 nodes on the memory transport in a line', async function () {
    this.timeout(60_000)
    const cluster = await createCluster({ size: 12, topology: 'line', transport: 'memory', storage: 'memory', config: { dht: { enabled: false } } })
    try {
      assert.equal(cluster.nodes[0]!.status().peers, 1)
      assert.equal(cluster.nodes[5]!.status().peers, 2)
    } finally {
      await cluster.stop()
    }
  })

  it('refuses a bad size with a code', async () => {
    await assert.rejects(createCluster({ size: 0 }), { code: 'INVALID_ARGUMENT' })
  })
})
