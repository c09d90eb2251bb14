import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum Status {
  STATUS_UNSPECIFIED = 'STATUS_UNSPECIFIED',
  OK = 'OK',
  NOT_FOUND = 'NOT_FOUND',
  NOT_AUTHORIZED = 'NOT_AUTHORIZED',
  INVALID_CERTIFICATE = 'INVALID_CERTIFICATE',
  INVALID_TIME_PERIOD = 'INVALID_TIME_PERIOD',
  CHAIN_TOO_LONG = 'CHAIN_TOO_LONG',
  INVALID_REQUEST = 'INVALID_REQUEST',
  INTERNAL = 'INTERNAL'
}

enum __StatusValues {
  STATUS_UNSPECIFIED = 0,
  OK = 1,
  NOT_FOUND = 2,
  NOT_AUTHORIZED = 3,
  INVALID_CERTIFICATE = 4,
  INVALID_TIME_PERIOD = 5,
  CHAIN_TOO_LONG = 6,
  INVALID_REQUEST = 7,
  INTERNAL = 8
}

export namespace Status {
  export const codec = (): Codec<Status> => {
    return enumeration<Status>(__StatusValues)
  }
}

export interface RenewRequest {
  groupId: string
  chain: Uint8Array<ArrayBuffer>[]
  lifetimeMs: number
}

export namespace RenewRequest {
  let _codec: Codec<RenewRequest>

  export const codec = (): Codec<RenewRequest> => {
    if (_codec == null) {
      _codec = message<RenewRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.groupId != null && obj.groupId !== '')) {
          w.uint32(10)
          w.string(obj.groupId)
        }

        if (obj.chain != null && obj.chain.length > 0) {
          for (const value of obj.chain) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if ((obj.lifetimeMs != null && obj.lifetimeMs !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.lifetimeMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          groupId: '',
          chain: [],
          lifetimeMs: 0
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
              if (opts.limits?.chain != null && obj.chain.length === opts.limits.chain) {
                throw new MaxLengthError('Decode error - repeated field "chain" had too many elements')
              }

              obj.chain.push(reader.bytes())
              break
            }
            case 3: {
              obj.lifetimeMs = reader.uint64Number()
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
                field: `${prefix}.groupId`,
                value: reader.string()
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
                field: `${prefix}.lifetimeMs`,
                value: reader.uint64Number()
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

  export interface RenewRequestGroupIdFieldEvent {
    field: '$.groupId'
    value: string
  }

  export interface RenewRequestChainFieldEvent {
    field: '$.chain[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface RenewRequestLifetimeMsFieldEvent {
    field: '$.lifetimeMs'
    value: number
  }

  export function encode (obj: Partial<RenewRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RenewRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RenewRequest>): RenewRequest {
    return decodeMessage(buf, RenewRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RenewRequest>): Generator<RenewRequestGroupIdFieldEvent | RenewRequestChainFieldEvent | RenewRequestLifetimeMsFieldEvent> {
    return streamMessage(buf, RenewRequest.codec(), opts)
  }
}

export interface RenewResponse {
  status: Status
  chain: Uint8Array<ArrayBuffer>[]
  refusal?: string
}

export namespace RenewResponse {
  let _codec: Codec<RenewResponse>

  export const codec = (): Codec<RenewResponse> => {
    if (_codec == null) {
      _codec = message<RenewResponse>((obj, w, opts = {}) => {
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

        if (obj.refusal != null) {
          w.uint32(26)
          w.string(obj.refusal)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          status: Status.STATUS_UNSPECIFIED,
          chain: []
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

  export interface RenewResponseStatusFieldEvent {
    field: '$.status'
    value: Status
  }

  export interface RenewResponseChainFieldEvent {
    field: '$.chain[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface RenewResponseRefusalFieldEvent {
    field: '$.refusal'
    value: string
  }

  export function encode (obj: Partial<RenewResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RenewResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RenewResponse>): RenewResponse {
    return decodeMessage(buf, RenewResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RenewResponse>): Generator<RenewResponseStatusFieldEvent | RenewResponseChainFieldEvent | RenewResponseRefusalFieldEvent> {
    return streamMessage(buf, RenewResponse.codec(), opts)
  }
}
