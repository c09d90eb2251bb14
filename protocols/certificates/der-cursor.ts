/**
 * A strict DER (ITU-T X.690) cursor for reading certificates on the validation path: definite,
 * minimal lengths only; every element must fit inside its parent; times in the two forms RFC 5280
 * §4.1.2.5 allows. Nothing is copied: the cursor hands out offsets into the input.
 *
 * A violation throws a private sentinel that {@link readStrictly} turns into `undefined`, so no
 * exception ever leaves a strict read, whatever the bytes.
 */

const MALFORMED = new Error('malformed DER') // made once: throwing it captures no stack trace

/** Abandons the current strict read (see {@link readStrictly}). */
export function fail (): never {
  throw MALFORMED
}

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth (year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29
  return MONTH_DAYS[month - 1]!
}

/** A read position in DER bytes. */
export class DerCursor {
  /** The bytes read (a Buffer, for its native string conversions). */
  readonly bytes: Buffer
  /** Offset of the next byte to read. */
  pos: number

  constructor (bytes: Buffer, pos = 0) {
    this.bytes = bytes
    this.pos = pos
  }

  /**
   * Enters the element at the cursor, which must have `tag` and end at or before `limit`: moves
   * to its first content byte and returns the offset just after its last one. Lengths must be
   * minimal and below 64 KiB (short form up to 127, then `81 xx`, then `82 xx xx`).
   */
  enter (tag: number, limit: number): number {
    const b = this.bytes
    let p = this.pos
    if (p + 2 > limit || b[p] !== tag) fail()
    let length = b[p + 1]!
    p += 2
    if (length === 0x81) {
      if (p + 1 > limit) fail()
      length = b[p]!
      if (length < 0x80) fail()
      p += 1
    } else if (length === 0x82) {
      if (p + 2 > limit) fail()
      length = (b[p]! << 8) | b[p + 1]!
      if (length < 0x100) fail()
      p += 2
    } else if (length >= 0x80) {
      fail()
    }
    const end = p + length
    if (end > limit) fail()
    this.pos = p
    return end
  }

  /** Requires exactly the bytes `expected` at the cursor, before `limit`, and moves past them. */
  literal (expected: Uint8Array, limit: number): void {
    const b = this.bytes
    const p = this.pos
    if (p + expected.length > limit) fail()
    for (let i = 0; i < expected.length; i++) if (b[p + i] !== expected[i]) fail()
    this.pos = p + expected.length
  }

  /** Whether the bytes at the cursor start with `expected` (before `limit`); does not move. */
  startsWith (expected: Uint8Array, limit: number): boolean {
    const b = this.bytes
    const p = this.pos
    if (p + expected.length > limit) return false
    for (let i = 0; i < expected.length; i++) if (b[p + i] !== expected[i]) return false
    return true
  }

  /** Requires the cursor to stand at `end` (the element read has no trailing bytes). */
  close (end: number): void {
    if (this.pos !== end) fail()
  }

  /** Reads a two-digit decimal number at offset `p`. */
  #digits (p: number): number {
    const hi = this.bytes[p]! - 0x30
    const lo = this.bytes[p + 1]! - 0x30
    if (hi < 0 || hi > 9 || lo < 0 || lo > 9) fail()
    return hi * 10 + lo
  }

  /**
   * Reads an RFC 5280 `Time` as epoch milliseconds: UTCTime `YYMMDDHHMMSSZ` for 1950–2049,
   * GeneralizedTime `YYYYMMDDHHMMSSZ` for 2050 onwards; seconds present, no fraction, UTC.
   */
  time (limit: number): number {
    let year: number
    let p: number
    let end: number
    if (this.bytes[this.pos] === 0x17) {
      end = this.enter(0x17, limit)
      if (end - this.pos !== 13) fail()
      const yy = this.#digits(this.pos)
      year = yy < 50 ? 2000 + yy : 1900 + yy
      p = this.pos + 2
    } else {
      end = this.enter(0x18, limit)
      if (end - this.pos !== 15) fail()
      year = this.#digits(this.pos) * 100 + this.#digits(this.pos + 2)
      if (year < 2050) fail()
      p = this.pos + 4
    }
    const month = this.#digits(p)
    const day = this.#digits(p + 2)
    const hour = this.#digits(p + 4)
    const minute = this.#digits(p + 6)
    const second = this.#digits(p + 8)
    if (this.bytes[p + 10] !== 0x5a || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
      hour > 23 || minute > 59 || second > 59) fail()
    this.pos = end
    return Date.UTC(year, month - 1, day, hour, minute, second)
  }
}

/**
 * Runs a strict read over `bytes`; `undefined` if it fails, whatever the reason: a DER
 * violation, or an exception from a decoder it calls (invalid UTF-8, bad percent-encoding).
 */
export function readStrictly<T> (bytes: Buffer, read: (cursor: DerCursor) => T): T | undefined {
  try {
    return read(new DerCursor(bytes))
  } catch {
    return undefined
  }
}
