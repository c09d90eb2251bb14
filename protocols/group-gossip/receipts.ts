/**
 * Counts the gossip messages a node receives by what gossipsub made of them: new (`valid`, handed
 * to validation), `duplicate` (seen before: the cost of the mesh's redundancy) or `invalid`.
 * Gossipsub keeps these counts only for a lodestar-style metrics register, which Peerhood does not
 * run; so the one call that decides is wrapped instead.
 */

/** Gossip messages received, by gossipsub's first verdict. */
export interface GossipReceipts {
  /** New messages (passed on to validation). */
  valid: number
  /** Messages seen before. */
  duplicate: number
  /** Messages refused before validation (malformed, wrong signature policy). */
  invalid: number
}

interface GossipInternals {
  validateReceivedMessage?: (...args: unknown[]) => Promise<{ code: string }>
}

/** Wraps `ps`'s receive verdict with counters; returns the counts (zero when gossipsub has no such hook). */
export function installReceipts (ps: unknown): GossipReceipts {
  const receipts: GossipReceipts = { valid: 0, duplicate: 0, invalid: 0 }
  const gossip = ps as GossipInternals
  const validate = gossip.validateReceivedMessage
  if (typeof validate !== 'function') return receipts
  gossip.validateReceivedMessage = async (...args: unknown[]) => {
    const result = await validate.apply(ps, args)
    if (result.code === 'valid' || result.code === 'duplicate' || result.code === 'invalid') receipts[result.code]++
    return result
  }
  return receipts
}
