/**
 * Cluster topologies: which pairs of a cluster's nodes are connected (in-process and process
 * clusters alike).
 */

/** How the nodes of a cluster are connected. */
export type ClusterTopology = 'full' | 'ring' | 'line' | 'star' | 'none'

/** The index pairs a topology connects. */
export function topologyEdges (size: number, topology: ClusterTopology): Array<[number, number]> {
  const edges: Array<[number, number]> = []
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      const take = topology === 'full' ||
        ((topology === 'line' || topology === 'ring') && j === i + 1) ||
        (topology === 'ring' && i === 0 && j === size - 1 && size > 2) ||
        (topology === 'star' && i === 0)
      if (take) edges.push([i, j])
    }
  }
  return edges
}
