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

/**
 * `fn` of two strings, remembered for up to `capacity` distinct pairs. Looked up by each string
 * in turn, never by a joined key: a key built per call (`${a}\n${b}`) is a new string whose hash
 * is computed on every lookup, while strings that recur (interned group ids, cached PeerIds)
 * carry their hash with them. Bounded like {@link memoize}.
 */
export function memoize2<T> (fn: (a: string, b: string) => T, capacity = DEFAULT_MEMO_SIZE): (a: string, b: string) => T {
  const memo = new Map<string, Map<string, T>>()
  let size = 0
  // a database asks with one first argument (its group) over and over: no outer lookup for it
  let lastA: string | undefined
  let lastInner: Map<string, T> | undefined
  return (a, b) => {
    let inner = a === lastA ? lastInner : memo.get(a)
    let value = inner?.get(b)
    if (value === undefined) {
      if (size >= capacity) {
        memo.clear()
        size = 0
        inner = undefined
      }
      value = fn(a, b)
      if (inner === undefined) {
        inner = new Map()
        memo.set(a, inner)
      }
      inner.set(b, value)
      size++
    }
    lastA = a
    lastInner = inner
    return value
  }
}
