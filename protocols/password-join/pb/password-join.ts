import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum Status {
  STATUS_UNSPECIFIED = 'STATUS_UNSPECIFIED',
  OK = 'OK',
  NOT_FOUND = 'NOT_FOUND',
  AUTHENTICATION_FAILED = 'AUTHENTICATION_FAILED',
  THROTTLED = 'THROTTLED',
  INVALID_REQUEST = 'INVALID_REQUEST',
  NOT_AUTHORIZED = 'NOT_AUTHORIZED',
  INTERNAL = 'INTERNAL'
}

enum __StatusValues {
  STATUS_UNSPECIFIED = 0,
  OK = 1,
  NOT_FOUND = 2,
  AUTHENTICATION_FAILED = 3,
  THROTTLED = 4,
  INVALID_REQUEST = 5,
  NOT_AUTHORIZED = 6,
  INTERNAL = 7
}

export namespace Status {
  export const codec = (): Codec<Status> => {
    return enumeration<Status>(__StatusValues)
  }
}

export interface Hello {
  groupId: string
  nonce: Uint8Array<ArrayBuffer>
  displayName: string
}

export namespace Hello {
  let _codec: Codec<Hello>

  export const codec = (): Codec<Hello> => {
    if (_codec == null) {
      _codec = message<Hello>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.groupId != null && obj.groupId !== '')) {
          w.uint32(10)
          w.string(obj.groupId)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.nonce)
        }

        if ((obj.displayName != null && obj.displayName !== '')) {
          w.uint32(26)
          w.string(obj.displayName)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          groupId: '',
          nonce: uint8ArrayAlloc(0),
          displayName: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.groupId = reader.string()
              break
            }
            case 2: {
              obj.nonce = reader.bytes()
              break
            }
            case 3: {
              obj.displayName = reader.string()
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
                field: `${prefix}.groupId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.displayName`,
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

  export interface HelloGroupIdFieldEvent {
    field: '$.groupId'
    value: string
  }

  export interface HelloNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface HelloDisplayNameFieldEvent {
    field: '$.displayName'
    value: string
  }

  export function encode (obj: Partial<Hello>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Hello.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hello>): Hello {
    return decodeMessage(buf, Hello.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hello>): Generator<HelloGroupIdFieldEvent | HelloNonceFieldEvent | HelloDisplayNameFieldEvent> {
    return streamMessage(buf, Hello.codec(), opts)
  }
}

export interface Challenge {
  status: Status
  salt: Uint8Array<ArrayBuffer>
  n: number
  r: number
  p: number
  nonce: Uint8Array<ArrayBuffer>
  chain: Uint8Array<ArrayBuffer>[]
  retryAfterMs: number
  refusal?: string
}

export namespace Challenge {
  let _codec: Codec<Challenge>

  export const codec = (): Codec<Challenge> => {
    if (_codec == null) {
      _codec = message<Challenge>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(8)
          Status.codec().encode(obj.status, w)
        }

        if ((obj.salt != null && obj.salt.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.salt)
        }

        if ((obj.n != null && obj.n !== 0)) {
          w.uint32(24)
          w.uint32(obj.n)
        }

        if ((obj.r != null && obj.r !== 0)) {
          w.uint32(32)
          w.uint32(obj.r)
        }

        if ((obj.p != null && obj.p !== 0)) {
          w.uint32(40)
          w.uint32(obj.p)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.nonce)
        }

        if (obj.chain != null && obj.chain.length > 0) {
          for (const value of obj.chain) {
            w.uint32(58)
            w.bytes(value)
          }
        }

        if ((obj.retryAfterMs != null && obj.retryAfterMs !== 0)) {
          w.uint32(64)
          w.uint64Number(obj.retryAfterMs)
        }

        if (obj.refusal != null) {
          w.uint32(74)
          w.string(obj.refusal)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          status: Status.STATUS_UNSPECIFIED,
          salt: uint8ArrayAlloc(0),
          n: 0,
          r: 0,
          p: 0,
          nonce: uint8ArrayAlloc(0),
          chain: [],
          retryAfterMs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.status = Status.codec().decode(reader)
              break
            }
            case 2: {
              obj.salt = reader.bytes()
              break
            }
            case 3: {
              obj.n = reader.uint32()
              break
            }
            case 4: {
              obj.r = reader.uint32()
              break
            }
            case 5: {
              obj.p = reader.uint32()
              break
            }
            case 6: {
              obj.nonce = reader.bytes()
              break
            }
            case 7: {
              if (opts.limits?.chain != null && obj.chain.length === opts.limits.chain) {
                throw new MaxLengthError('Decode error - repeated field "chain" had too many elements')
              }

              obj.chain.push(reader.bytes())
              break
            }
            case 8: {
              obj.retryAfterMs = reader.uint64Number()
              break
            }
            case 9: {
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
          chain: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.status`,
                value: Status.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.salt`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.n`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.r`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.p`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
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
            case 8: {
              yield {
                field: `${prefix}.retryAfterMs`,
                value: reader.uint64Number()
              }
              break
            }
            case 9: {
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

  export interface ChallengeStatusFieldEvent {
    field: '$.status'
    value: Status
  }

  export interface ChallengeSaltFieldEvent {
    field: '$.salt'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChallengeNFieldEvent {
    field: '$.n'
    value: number
  }

  export interface ChallengeRFieldEvent {
    field: '$.r'
    value: number
  }

  export interface ChallengePFieldEvent {
    field: '$.p'
    value: number
  }

  export interface ChallengeNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChallengeChainFieldEvent {
    field: '$.chain[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChallengeRetryAfterMsFieldEvent {
    field: '$.retryAfterMs'
    value: number
  }

  export interface ChallengeRefusalFieldEvent {
    field: '$.refusal'
    value: string
  }

  export function encode (obj: Partial<Challenge>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Challenge.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Challenge>): Challenge {
    return decodeMessage(buf, Challenge.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Challenge>): Generator<ChallengeStatusFieldEvent | ChallengeSaltFieldEvent | ChallengeNFieldEvent | ChallengeRFieldEvent | ChallengePFieldEvent | ChallengeNonceFieldEvent | ChallengeChainFieldEvent | ChallengeRetryAfterMsFieldEvent | ChallengeRefusalFieldEvent> {
    return streamMessage(buf, Challenge.codec(), opts)
  }
}

export interface Proof {
  mac: Uint8Array<ArrayBuffer>
}

export namespace Proof {
  let _codec: Codec<Proof>

  export const codec = (): Codec<Proof> => {
    if (_codec == null) {
      _codec = message<Proof>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.mac != null && obj.mac.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.mac)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          mac: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.mac = reader.bytes()
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
                field: `${prefix}.mac`,
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

  export interface ProofMacFieldEvent {
    field: '$.mac'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Proof>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Proof.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Proof>): Proof {
    return decodeMessage(buf, Proof.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Proof>): Generator<ProofMacFieldEvent> {
    return streamMessage(buf, Proof.codec(), opts)
  }
}

export interface Result {
  status: Status
  chain: Uint8Array<ArrayBuffer>[]
  mac: Uint8Array<ArrayBuffer>
  retryAfterMs: number
  refusal?: string
}

export namespace Result {
  let _codec: Codec<Result>

  export const codec = (): Codec<Result> => {
    if (_codec == null) {
      _codec = message<Result>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(8)
          Status.codec().encode(obj.status, w)
        }

        if (obj.chain != null && obj.chain.length > 0) {
          for (const value of obj.chain) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if ((obj.mac != null && obj.mac.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.mac)
        }

        if ((obj.retryAfterMs != null && obj.retryAfterMs !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.retryAfterMs)
        }

        if (obj.refusal != null) {
          w.uint32(42)
          w.string(obj.refusal)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          status: Status.STATUS_UNSPECIFIED,
          chain: [],
          mac: uint8ArrayAlloc(0),
          retryAfterMs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.status = Status.codec().decode(reader)
              break
            }
            case 2: {
              if (opts.limits?.chain != null && obj.chain.length === opts.limits.chain) {
                throw new MaxLengthError('Decode error - repeated field "chain" had too many elements')
              }

              obj.chain.push(reader.bytes())
              break
            }
            case 3: {
              obj.mac = reader.bytes()
              break
            }
            case 4: {
              obj.retryAfterMs = reader.uint64Number()
              break
            }
            case 5: {
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
          chain: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.status`,
                value: Status.codec().decode(reader)
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
            case 3: {
              yield {
                field: `${prefix}.mac`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.retryAfterMs`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
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

  export interface ResultStatusFieldEvent {
    field: '$.status'
    value: Status
  }

  export interface ResultChainFieldEvent {
    field: '$.chain[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ResultMacFieldEvent {
    field: '$.mac'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ResultRetryAfterMsFieldEvent {
    field: '$.retryAfterMs'
    value: number
  }

  export interface ResultRefusalFieldEvent {
    field: '$.refusal'
    value: string
  }

  export function encode (obj: Partial<Result>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Result.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Result>): Result {
    return decodeMessage(buf, Result.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Result>): Generator<ResultStatusFieldEvent | ResultChainFieldEvent | ResultMacFieldEvent | ResultRetryAfterMsFieldEvent | ResultRefusalFieldEvent> {
    return streamMessage(buf, Result.codec(), opts)
  }
}
