/**
 * Remembering a pure function of strings that recur (record types, attribute names): ingress
 * checks the same few on every record. Bounded: once `capacity` strings are held, all of them
 * are forgotten and it starts again, so strings that never recur cost nothing lasting.
 */

/** Distinct arguments a memo holds unless told otherwise. */
export const DEFAULT_MEMO_SIZE = 1024

/** `fn`, remembered for up to `capacity` distinct arguments. `fn` must be pure and never return undefined. */
export function memoize<T> (fn: (text: string) => T, capacity = DEFAULT_MEMO_SIZE): (text: string) => T {
  const memo = new Map<string, T>()
  return text => {
    let value = memo.get(text)
    if (value === undefined) {
      if (memo.size >= capacity) memo.clear()
      value = fn(text)
      memo.set(text, value)
    }
    return value
  }
}
