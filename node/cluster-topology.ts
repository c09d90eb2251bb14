/**
 * Cluster topologies: which pairs of a cluster's nodes are connected (in-process and process
 * clusters alike).
 */

/**
 * How the nodes of a cluster are connected. `sparse` joins node i to i ± 1, 2, 4, 8, … (mod size):
 * about 2·log2(size) peers each and any node within log2(size) / 2 + 1 hops of any other, as members
 * of a real group are (each knows a few others, not all), which gossip's mesh of 6 to 12 peers
 * needs and no more.
 */
export type ClusterTopology = 'full' | 'sparse' | 'ring' | 'line' | 'star' | 'none'

/** Whether i and j (i < j) are neighbours in the `sparse` topology of `size` nodes. */
function sparseNeighbours (size: number, i: number, j: number): boolean {
  const d = j - i
  const gap = Math.min(d, size - d)
  return (gap & (gap - 1)) === 0
}

/** The index pairs a topology connects (node i dials node j of each pair [i, j], i < j). */
export function topologyEdges (size: number, topology: ClusterTopology): Array<[number, number]> {
  const edges: Array<[number, number]> = []
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      const take = topology === 'full' ||
        (topology === 'sparse' && sparseNeighbours(size, i, j)) ||
        ((topology === 'line' || topology === 'ring') && j === i + 1) ||
        (topology === 'ring' && i === 0 && j === size - 1 && size > 2) ||
        (topology === 'star' && i === 0)
      if (take) edges.push([i, j])
    }
  }
  return edges
}
