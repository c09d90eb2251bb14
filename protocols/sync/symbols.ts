/**
 * Symbols on the wire: 8-byte big-endian symbols, and coded symbols packed as
 * `symbol (8) || hash (8) || zigzag varint count`. Decoders throw `INVALID_MESSAGE`.
 */
import { PeerhoodError } from '../common/errors.ts'
import { MAX_SET_SIZE, SYMBOL_BYTES } from './constants.ts'
import type { CodedSymbol } from './riblt.ts'

/** Largest |count| a coded symbol may carry: both sets' items. */
const MAX_COUNT = 2 * MAX_SET_SIZE

/** The symbol of a content hash: its first 8 bytes, big-endian. */
export function symbolOf (hash: Uint8Array): bigint {
  return new DataView(hash.buffer, hash.byteOffset, hash.byteLength).getBigUint64(0)
}

/** Concatenates symbols, 8 bytes each. */
export function encodeSymbols (symbols: ArrayLike<bigint>): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(symbols.length * SYMBOL_BYTES)
  const view = new DataView(out.buffer)
  for (let i = 0; i < symbols.length; i++) view.setBigUint64(i * SYMBOL_BYTES, symbols[i]!)
  return out
}

/** Splits concatenated 8-byte symbols. */
export function decodeSymbols (bytes: Uint8Array): BigUint64Array {
  if (bytes.byteLength % SYMBOL_BYTES !== 0) throw new PeerhoodError('INVALID_MESSAGE', 'symbol list is not a multiple of 8 bytes')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out = new BigUint64Array(bytes.byteLength / SYMBOL_BYTES)
  for (let i = 0; i < out.length; i++) out[i] = view.getBigUint64(i * SYMBOL_BYTES)
  return out
}

/** Packs coded symbols. */
export function encodeCoded (cells: readonly CodedSymbol[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(cells.length * 26)
  const view = new DataView(out.buffer)
  let at = 0
  for (const cell of cells) {
    view.setBigUint64(at, cell.symbol)
    view.setBigUint64(at + 8, cell.hash)
    at += 16
    const count = Number(cell.count)
    let zigzag = count >= 0 ? count * 2 : -count * 2 - 1
    while (zigzag >= 0x80) {
      out[at++] = (zigzag % 0x80) | 0x80
      zigzag = Math.floor(zigzag / 0x80)
    }
    out[at++] = zigzag
  }
  return out.subarray(0, at)
}

/** Unpacks coded symbols. */
export function decodeCoded (bytes: Uint8Array): CodedSymbol[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const cells: CodedSymbol[] = []
  let at = 0
  while (at < bytes.byteLength) {
    if (at + 17 > bytes.byteLength) throw new PeerhoodError('INVALID_MESSAGE', 'truncated coded symbol')
    const symbol = view.getBigUint64(at)
    const hash = view.getBigUint64(at + 8)
    at += 16
    let zigzag = 0
    let scale = 1
    for (let i = 0; ; i++) {
      if (i === 5 || at >= bytes.byteLength) throw new PeerhoodError('INVALID_MESSAGE', 'bad coded symbol count')
      const byte = bytes[at++]!
      zigzag += (byte & 0x7f) * scale
      scale *= 0x80
      if (byte < 0x80) break
    }
    const count = zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2
    if (Math.abs(count) > MAX_COUNT) throw new PeerhoodError('INVALID_MESSAGE', 'coded symbol count out of range')
    cells.push({ symbol, hash, count: BigInt(count) })
  }
  return cells
}
