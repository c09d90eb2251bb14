import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Hello {
  nonce: Uint8Array<ArrayBuffer>
}

export namespace Hello {
  let _codec: Codec<Hello>

  export const codec = (): Codec<Hello> => {
    if (_codec == null) {
      _codec = message<Hello>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.nonce)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          nonce: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.nonce = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface HelloNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Hello>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Hello.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hello>): Hello {
    return decodeMessage(buf, Hello.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hello>): Generator<HelloNonceFieldEvent> {
    return streamMessage(buf, Hello.codec(), opts)
  }
}

export interface Offer {
  nonce: Uint8Array<ArrayBuffer>
  blinded: Uint8Array<ArrayBuffer>[]
  refusal?: string
}

export namespace Offer {
  let _codec: Codec<Offer>

  export const codec = (): Codec<Offer> => {
    if (_codec == null) {
      _codec = message<Offer>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.nonce)
        }

        if (obj.blinded != null && obj.blinded.length > 0) {
          for (const value of obj.blinded) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if (obj.refusal != null) {
          w.uint32(26)
          w.string(obj.refusal)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          nonce: uint8ArrayAlloc(0),
          blinded: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.nonce = reader.bytes()
              break
            }
            case 2: {
              if (opts.limits?.blinded != null && obj.blinded.length === opts.limits.blinded) {
                throw new MaxLengthError('Decode error - repeated field "blinded" had too many elements')
              }

              obj.blinded.push(reader.bytes())
              break
            }
            case 3: {
              obj.refusal = reader.string()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          blinded: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              if (opts.limits?.blinded != null && obj.blinded === opts.limits.blinded) {
                throw new MaxLengthError('Streaming decode error - repeated field "blinded" had too many elements')
              }

              yield {
                field: `${prefix}.blinded[]`,
                index: obj.blinded,
                value: reader.bytes()
              }

              obj.blinded++

              break
            }
            case 3: {
              yield {
                field: `${prefix}.refusal`,
                value: reader.string()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface OfferNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface OfferBlindedFieldEvent {
    field: '$.blinded[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface OfferRefusalFieldEvent {
    field: '$.refusal'
    value: string
  }

  export function encode (obj: Partial<Offer>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Offer.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Offer>): Offer {
    return decodeMessage(buf, Offer.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Offer>): Generator<OfferNonceFieldEvent | OfferBlindedFieldEvent | OfferRefusalFieldEvent> {
    return streamMessage(buf, Offer.codec(), opts)
  }
}

export interface Proof {
  blinded: Uint8Array<ArrayBuffer>
  chain: Uint8Array<ArrayBuffer>[]
}

export namespace Proof {
  let _codec: Codec<Proof>

  export const codec = (): Codec<Proof> => {
    if (_codec == null) {
      _codec = message<Proof>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.blinded != null && obj.blinded.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.blinded)
        }

        if (obj.chain != null && obj.chain.length > 0) {
          for (const value of obj.chain) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          blinded: uint8ArrayAlloc(0),
          chain: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.blinded = reader.bytes()
              break
            }
            case 2: {
              if (opts.limits?.chain != null && obj.chain.length === opts.limits.chain) {
                throw new MaxLengthError('Decode error - repeated field "chain" had too many elements')
              }

              obj.chain.push(reader.bytes())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          chain: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.blinded`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              if (opts.limits?.chain != null && obj.chain === opts.limits.chain) {
                throw new MaxLengthError('Streaming decode error - repeated field "chain" had too many elements')
              }

              yield {
                field: `${prefix}.chain[]`,
                index: obj.chain,
                value: reader.bytes()
              }

              obj.chain++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ProofBlindedFieldEvent {
    field: '$.blinded'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProofChainFieldEvent {
    field: '$.chain[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Proof>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Proof.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Proof>): Proof {
    return decodeMessage(buf, Proof.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Proof>): Generator<ProofBlindedFieldEvent | ProofChainFieldEvent> {
    return streamMessage(buf, Proof.codec(), opts)
  }
}

export interface Proofs {
  proofs: Proof[]
  refusal?: string
}

export namespace Proofs {
  let _codec: Codec<Proofs>

  export const codec = (): Codec<Proofs> => {
    if (_codec == null) {
      _codec = message<Proofs>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.proofs != null && obj.proofs.length > 0) {
          for (const value of obj.proofs) {
            w.uint32(10)
            Proof.codec().encode(value, w)
          }
        }

        if (obj.refusal != null) {
          w.uint32(18)
          w.string(obj.refusal)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          proofs: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.proofs != null && obj.proofs.length === opts.limits.proofs) {
                throw new MaxLengthError('Decode error - repeated field "proofs" had too many elements')
              }

              obj.proofs.push(Proof.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.proofs$
              }))
              break
            }
            case 2: {
              obj.refusal = reader.string()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          proofs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.proofs != null && obj.proofs === opts.limits.proofs) {
                throw new MaxLengthError('Streaming decode error - repeated field "proofs" had too many elements')
              }

              for (const evt of Proof.codec().stream(reader, reader.uint32(), `${prefix}.proofs[]`, {
                limits: opts.limits?.proofs$
              })) {
                yield {
                  ...evt,
                  index: obj.proofs
                }
              }

              obj.proofs++

              break
            }
            case 2: {
              yield {
                field: `${prefix}.refusal`,
                value: reader.string()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ProofsProofsBlindedFieldEvent {
    field: '$.proofs[].blinded'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProofsProofsChainFieldEvent {
    field: '$.proofs[].chain[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProofsRefusalFieldEvent {
    field: '$.refusal'
    value: string
  }

  export function encode (obj: Partial<Proofs>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Proofs.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Proofs>): Proofs {
    return decodeMessage(buf, Proofs.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Proofs>): Generator<ProofsProofsBlindedFieldEvent | ProofsProofsChainFieldEvent | ProofsRefusalFieldEvent> {
    return streamMessage(buf, Proofs.codec(), opts)
  }
}
