/**
 * A minimal protobuf wire reader for the hot-path decoders: varints as safe JavaScript numbers
 * (larger values are refused, not rounded; so are non-minimal encodings, which the generated
 * decoders misread and no encoder writes), length-delimited fields as views into the input
 * (built directly, which is cheaper than `subarray` on a Node Buffer), and skipping of unknown
 * fields. Every read is bounds-checked; failures throw {@link WireError}.
 */

/** Wire type of varint fields. */
export const VARINT = 0
/** Wire type of 64-bit fields. */
export const FIXED64 = 1
/** Wire type of length-delimited fields. */
export const LENGTH = 2
/** Wire type of 32-bit fields. */
export const FIXED32 = 5

/** Bytes that are not the expected protobuf. */
export class WireError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'WireError'
  }
}

/** A cursor over protobuf bytes. */
export class WireReader {
  /** Offset of the next byte to read. */
  pos: number
  /** Offset just past the last byte this reader may read. @default the input's length */
  end: number
  private readonly buf: Uint8Array

  constructor (buf: Uint8Array, pos = 0, end = buf.length) {
    this.buf = buf
    this.pos = pos
    this.end = end
  }

  /** An unsigned varint of up to 64 bits, as a safe integer. */
  varint (): number {
    const buf = this.buf
    const end = this.end
    let pos = this.pos
    let value = 0
    let scale = 1
    // plain double arithmetic: exact up to 2^53, and anything larger is refused
    for (let i = 0; i < 10; i++) {
      if (pos >= end) throw new WireError('truncated varint')
      const byte = buf[pos++]!
      value += (byte & 0x7f) * scale
      if (byte < 0x80) {
        if (byte === 0 && i > 0) throw new WireError('non-minimal varint')
        if (value > Number.MAX_SAFE_INTEGER) throw new WireError('varint beyond 2^53')
        this.pos = pos
        return value
      }
      scale *= 128
    }
    throw new WireError('varint too long')
  }

  /**
   * A varint read where protobuf decoders read 32 bits (tags, lengths, uint32, bool, enums): at
   * most 5 bytes and below 2^32, so no decoder can read it differently.
   */
  uint32 (): number {
    const start = this.pos
    const value = this.varint()
    if (this.pos - start > 5 || value > 0xffffffff) throw new WireError('varint beyond 32 bits')
    return value
  }

  /** A zig-zag signed varint, as a safe integer (its encoding may exceed 2^53: long ones are read as a bigint). */
  sint (): number {
    if (this.varintLength() <= 7) {
      const small = this.varint() // below 2^49: exact
      return small % 2 === 0 ? small / 2 : -(small + 1) / 2
    }
    const v = this.bigVarint()
    const value = Number((v >> 1n) ^ -(v & 1n))
    if (!Number.isSafeInteger(value)) throw new WireError('signed varint beyond 2^53')
    return value
  }

  /** Bytes of the varint at the cursor (at most 10). */
  private varintLength (): number {
    for (let i = 0; i < 10; i++) {
      if (this.pos + i >= this.end) throw new WireError('truncated varint')
      if (this.buf[this.pos + i]! < 0x80) return i + 1
    }
    throw new WireError('varint too long')
  }

  private bigVarint (): bigint {
    let value = 0n
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.end) throw new WireError('truncated varint')
      const byte = this.buf[this.pos++]!
      value |= BigInt(byte & 0x7f) << shift
      if (byte === 0 && shift > 0n) throw new WireError('non-minimal varint')
      if (byte < 0x80) return value
    }
    throw new WireError('varint too long')
  }

  /** A length-delimited field, as a view into the input. */
  bytes (): Uint8Array {
    const start = this.field()
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset + start, this.pos - start)
  }

  /**
   * A length-delimited field without a view: moves the cursor past it and returns the offset of
   * its first byte (its end is the new {@link pos}), for readers that look the bytes up in place.
   */
  field (): number {
    const length = this.uint32()
    const start = this.pos
    if (length > this.end - start) throw new WireError('field overruns its message')
    this.pos = start + length
    return start
  }

  /** Skips a field of the given wire type. */
  skip (wireType: number): void {
    switch (wireType) {
      case VARINT: this.pos += this.varintLength(); return
      case FIXED64: this.advance(8); return
      case LENGTH: this.advance(this.uint32()); return
      case FIXED32: this.advance(4); return
      default: throw new WireError(`unsupported wire type ${wireType}`)
    }
  }

  private advance (n: number): void {
    if (n > this.end - this.pos) throw new WireError('field overruns its message')
    this.pos += n
  }
}
