/**
 * What a rule returns when it refuses: a stable error code and a message for people. Rules return
 * problems instead of throwing, so the same check serves local publish (which throws) and ingress
 * (which answers with a verdict).
 */
import { PeerhoodError, type ErrorCode } from '../common/errors.ts'

/** A refusal by a rule. */
export interface RuleProblem {
  /** The stable code. */
  code: ErrorCode
  /** Why, for people. */
  message: string
}

/** A {@link RuleProblem}. */
export function problem (code: ErrorCode, message: string): RuleProblem {
  return { code, message }
}

/** Throws the problem as a {@link PeerhoodError}, if there is one. */
export function throwIfProblem (found: RuleProblem | undefined): void {
  if (found !== undefined) throw new PeerhoodError(found.code, found.message)
}
