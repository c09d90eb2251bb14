/**
 * Pure rules of the People Near Me trusted mark. An entry is an mDNS announcement: its nickname,
 * addresses and even its PeerId prove nothing. It is trusted only when its PeerId PROVED, over a
 * connection noise authenticated as that PeerId, to be an endpoint of a trusted contact's
 * identity (its endpoint certificate verified, or no certificate: the PeerId is the identity), and
 * that proof is recent. Who gets proven is paced: a flood of announcements must not make this node
 * dial or verify without limit.
 */

/** What one PeerId proved: the identity, and when. */
export interface NearProof {
  /** The identity proven (the PeerId itself when it presented no certificate). */
  identity: string
  /** When it was proven, epoch milliseconds. */
  provenAt: number
}

/** Whether a proof still counts at `now`. */
export function proofValid (proof: NearProof | undefined, now: number, ttlMs: number): proof is NearProof {
  return proof !== undefined && now >= proof.provenAt && now - proof.provenAt < ttlMs
}

/**
 * The trusted mark of a People Near Me entry: its PeerId's proof still counts and the identity it
 * proved is a trusted contact. Without a proof the entry is untrusted, whatever it announced.
 */
export function nearTrusted (proof: NearProof | undefined, now: number, ttlMs: number, isTrustedContact: (identity: string) => boolean): boolean {
  return proofValid(proof, now, ttlMs) && isTrustedContact(proof.identity)
}

/** What decides whether an entry is proven now. */
export interface ProbeState {
  /** This node is signed in to near (the list is visible, and the remote answers someone near). */
  signedInNear: boolean
  /** This node has at least one trusted contact (no proof could make anything trusted otherwise). */
  hasTrustedContacts: boolean
  /** The entry's PeerId has a proof that still counts. */
  proven: boolean
  /** A proof of that PeerId is in flight. */
  inFlight: boolean
  /** When that PeerId was last tried, if ever (epoch ms). */
  lastTriedAt: number | undefined
  /** Proofs in flight in total. */
  running: number
}

/** Bounds of the proving. */
export interface ProbeLimits {
  /** Most proofs in flight. */
  concurrency: number
  /** Least time between two tries of one PeerId, ms. */
  retryMs: number
}

/** Whether to try proving an entry now (the rate of starts is a token bucket beside this). */
export function shouldProbe (s: ProbeState, now: number, limits: ProbeLimits): boolean {
  if (!s.signedInNear || !s.hasTrustedContacts || s.proven || s.inFlight) return false
  if (s.running >= limits.concurrency) return false
  return s.lastTriedAt === undefined || now - s.lastTriedAt >= limits.retryMs
}
