import assert from 'node:assert/strict'
import { topologyEdges } from '../../../node/cluster-topology.ts'

/** Neighbours of every node. */
function neighbours (size: number, edges: Array<[number, number]>): Array<Set<number>> {
  const adj = Array.from({ length: size }, () => new Set<number>())
  for (const [i, j] of edges) { adj[i]!.add(j); adj[j]!.add(i) }
  return adj
}

/** Hops from node `from` to every node (breadth first); -1 where unreachable. */
function hops (adj: Array<Set<number>>, from: number): number[] {
  const dist = adj.map(() => -1)
  dist[from] = 0
  const queue = [from]
  while (queue.length > 0) {
    const n = queue.shift()!
    for (const m of adj[n]!) if (dist[m] === -1) { dist[m] = dist[n]! + 1; queue.push(m) }
  }
  return dist
}

describe('cluster topologies', () => {
  it('sparse: 32 nodes with 9 peers each, every node within 3 hops of every other', () => {
    const edges = topologyEdges(32, 'sparse')
    assert.ok(edges.every(([i, j]) => i < j))
    const adj = neighbours(32, edges)
    assert.deepEqual(new Set(adj.map(a => a.size)), new Set([9]))
    for (let n = 0; n < 32; n++) assert.equal(Math.max(...hops(adj, n)), 3)
  })

  it('sparse: connected with a logarithmic degree at every size, full below 4 nodes', () => {
    for (let size = 1; size <= 64; size++) {
      const adj = neighbours(size, topologyEdges(size, 'sparse'))
      for (let n = 0; n < size; n++) {
        assert.ok(hops(adj, n).every(d => d >= 0), `size ${size}: node ${n} does not reach every node`)
        assert.ok(adj[n]!.size <= 2 * Math.ceil(Math.log2(size)), `size ${size}: node ${n} has ${adj[n]!.size} peers`)
      }
    }
    assert.deepEqual(topologyEdges(3, 'sparse'), topologyEdges(3, 'full'))
  })
})
