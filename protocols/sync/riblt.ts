/**
 * The one module that loads `@peerbit/riblt` (rateless IBLT in wasm). Its loader swaps
 * `globalThis.fetch` to read the `.wasm` file, so it is imported here only, and awaited at
 * module load so everything else can call it synchronously.
 */
import { type DecoderWrapper, EncoderWrapper, ready } from '@peerbit/riblt'

await ready

/** A coded symbol: XOR of the symbols mapped to one cell, XOR of their hashes, and their count. */
export interface CodedSymbol {
  /** XOR of the 64-bit symbols in the cell. */
  symbol: bigint
  /** XOR of the symbols' 64-bit hashes. */
  hash: bigint
  /** Number of symbols in the cell (negative after subtracting a larger side). */
  count: bigint
}

/** Produces the coded symbol stream of one set. Call {@link Encoder.free} when done. */
export class Encoder {
  readonly #wrapper: EncoderWrapper

  private constructor (wrapper: EncoderWrapper) {
    this.#wrapper = wrapper
  }

  /** An encoder over these symbols (each must be unique). */
  static of (symbols: BigUint64Array): Encoder {
    const wrapper = new EncoderWrapper()
    for (const symbol of symbols) wrapper.add_symbol(symbol)
    return new Encoder(wrapper)
  }

  /** The next coded symbol of the stream. */
  next (): CodedSymbol {
    return this.#wrapper.produce_next_coded_symbol() as CodedSymbol
  }

  /** A decoder that subtracts this encoder's set from the remote stream: call it before {@link Encoder.next}. */
  toDecoder (): Decoder {
    return new Decoder(this.#wrapper.to_decoder())
  }

  /** Releases the wasm memory. */
  free (): void {
    this.#wrapper.free()
  }
}

/** Peels a remote coded symbol stream against the local set. Call {@link Decoder.free} when done. */
export class Decoder {
  readonly #wrapper: DecoderWrapper
  #cells = 0

  /** Wraps a decoder that already holds the local symbols. */
  constructor (wrapper: DecoderWrapper) {
    this.#wrapper = wrapper
  }

  /** Adds the next remote coded symbol. */
  add (cell: CodedSymbol): void {
    this.#wrapper.add_coded_symbol(cell)
    this.#cells++
  }

  /**
   * Peels what it can: `true` once the whole difference is known, `false` if more coded
   * symbols are needed, `undefined` if the stream is inconsistent (it will never decode).
   */
  tryDecode (): boolean | undefined {
    if (this.#cells === 0) return false
    try {
      this.#wrapper.try_decode()
    } catch {
      return undefined
    }
    return this.#wrapper.decoded()
  }

  /** Symbols only the remote side has (valid once decoded). */
  remote (): bigint[] {
    return this.#wrapper.get_remote_symbols() as bigint[]
  }

  /** Symbols only the local side has (valid once decoded). */
  local (): bigint[] {
    return this.#wrapper.get_local_symbols() as bigint[]
  }

  /** Releases the wasm memory. */
  free (): void {
    this.#wrapper.free()
  }
}
