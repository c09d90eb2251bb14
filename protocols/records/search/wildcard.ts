/**
 * String patterns of search clauses: `*` matches any run of characters (none included), `?`
 * exactly one; `\*`, `\?` and `\\` stand for the characters themselves, and any other backslash
 * sequence is an error. Matching is linear-time backtracking over code points (no RegExp, so no
 * catastrophic patterns).
 */
import { invalidSearch } from './ast.ts'

const STAR = -1
const ANY = -2

/** A compiled pattern: code points, with {@link STAR} and {@link ANY} for the wildcards. */
export interface Pattern {
  /** Tokens: code points or wildcards. */
  tokens: number[]
  /** The literal text when there is no wildcard (then matching is plain equality). */
  literal?: string
}

function tokenize (text: string, wildcards: boolean): number[] {
  const tokens: number[] = []
  const chars = Array.from(text)
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!
    if (c === '\\') {
      const next = chars[++i]
      if (next !== '*' && next !== '?' && next !== '\\') throw invalidSearch('only \\*, \\? and \\\\ may be escaped', { value: text })
      tokens.push(next.codePointAt(0)!)
    } else if (wildcards && c === '*') {
      if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR)
    } else if (wildcards && c === '?') {
      tokens.push(ANY)
    } else {
      tokens.push(c.codePointAt(0)!)
    }
  }
  return tokens
}

/** Compiles a pattern with wildcards and escapes; throws `INVALID_SEARCH` for a bad escape. */
export function compilePattern (text: string): Pattern {
  const tokens = tokenize(text, true)
  if (tokens.every(t => t >= 0)) return { tokens, literal: String.fromCodePoint(...tokens) }
  return { tokens }
}

/** The text of a value with escapes resolved and `*` / `?` taken literally (for ordering compares). */
export function unescapeValue (text: string): string {
  return String.fromCodePoint(...tokenize(text, false))
}

/** Whether `subject` matches `pattern` entirely. */
export function matchPattern (pattern: Pattern, subject: string): boolean {
  if (pattern.literal !== undefined) return pattern.literal === subject
  const p = pattern.tokens
  const s = Array.from(subject, c => c.codePointAt(0)!)
  let pi = 0
  let si = 0
  let starP = -1
  let starS = 0
  while (si < s.length) {
    if (pi < p.length && (p[pi] === ANY || p[pi] === s[si])) {
      pi++
      si++
    } else if (pi < p.length && p[pi] === STAR) {
      starP = pi++
      starS = si
    } else if (starP >= 0) {
      pi = starP + 1
      si = ++starS
    } else {
      return false
    }
  }
  while (pi < p.length && p[pi] === STAR) pi++
  return pi === p.length
}
