/**
 * Counts the gossip messages a node receives by what gossipsub made of them: new (`valid`, handed
 * to validation), `duplicate` (seen before: the cost of the mesh's redundancy) or `invalid`.
 * Gossipsub keeps these counts only for a lodestar-style metrics register, which Peerhood does not
 * run; so the one call that decides is wrapped instead.
 *
 * It also tells when an accepted message came too late to be forwarded: gossipsub keeps a message
 * awaiting its verdict only for its message cache's length (5 heartbeats, ~5 s), and forwards
 * nothing it has dropped. A node validating a burst slower than it arrives (a bulk import reaching
 * 32 processes on two cores) accepts records its mesh peers then never get from it.
 */

/** Gossip messages received, by gossipsub's first verdict. */
export interface GossipReceipts {
  /** New messages (passed on to validation). */
  valid: number
  /** Messages seen before. */
  duplicate: number
  /** Messages refused before validation (malformed, wrong signature policy). */
  invalid: number
  /** Messages accepted after gossipsub had dropped them from its cache: not forwarded. */
  late: number
}

interface GossipInternals {
  validateReceivedMessage?: (...args: unknown[]) => Promise<{ code: string }>
  reportMessageValidationResult?: (msgId: string, source: string, acceptance: string) => unknown
  mcache?: { msgs?: Map<string, unknown> }
}

/**
 * Wraps `ps`'s receive verdict with counters, and its `reportMessageValidationResult` so it returns
 * false for an `accept` of a message no longer cached (not forwarded); returns the counts (zero
 * when gossipsub has no such hook).
 */
export function installReceipts (ps: unknown): GossipReceipts {
  const receipts: GossipReceipts = { valid: 0, duplicate: 0, invalid: 0, late: 0 }
  const gossip = ps as GossipInternals
  const validate = gossip.validateReceivedMessage
  const report = gossip.reportMessageValidationResult
  if (typeof report === 'function') {
    gossip.reportMessageValidationResult = (msgId: string, source: string, acceptance: string) => {
      const cached = gossip.mcache?.msgs?.has(msgId)
      report.call(ps, msgId, source, acceptance)
      if (acceptance !== 'accept' || cached !== false) return true
      receipts.late++
      return false
    }
  }
  if (typeof validate !== 'function') return receipts
  gossip.validateReceivedMessage = async (...args: unknown[]) => {
    const result = await validate.apply(ps, args)
    if (result.code === 'valid' || result.code === 'duplicate' || result.code === 'invalid') receipts[result.code]++
    return result
  }
  return receipts
}
