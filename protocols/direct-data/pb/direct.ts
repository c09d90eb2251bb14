import { decodeMessage, encodeMessage, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Open {
  groupId: string
}

export namespace Open {
  let _codec: Codec<Open>

  export const codec = (): Codec<Open> => {
    if (_codec == null) {
      _codec = message<Open>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.groupId != null && obj.groupId !== '')) {
          w.uint32(10)
          w.string(obj.groupId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          groupId: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.groupId = reader.string()
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

  export interface OpenGroupIdFieldEvent {
    field: '$.groupId'
    value: string
  }

  export function encode (obj: Partial<Open>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Open.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Open>): Open {
    return decodeMessage(buf, Open.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Open>): Generator<OpenGroupIdFieldEvent> {
    return streamMessage(buf, Open.codec(), opts)
  }
}

export interface Neighbor {
  groupId: string
}

export namespace Neighbor {
  let _codec: Codec<Neighbor>

  export const codec = (): Codec<Neighbor> => {
    if (_codec == null) {
      _codec = message<Neighbor>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.groupId != null && obj.groupId !== '')) {
          w.uint32(10)
          w.string(obj.groupId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          groupId: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.groupId = reader.string()
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

  export interface NeighborGroupIdFieldEvent {
    field: '$.groupId'
    value: string
  }

  export function encode (obj: Partial<Neighbor>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Neighbor.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Neighbor>): Neighbor {
    return decodeMessage(buf, Neighbor.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Neighbor>): Generator<NeighborGroupIdFieldEvent> {
    return streamMessage(buf, Neighbor.codec(), opts)
  }
}

export interface Request {
  open?: Open
  neighbor?: Neighbor
}

export namespace Request {
  let _codec: Codec<Request>

  export const codec = (): Codec<Request> => {
    if (_codec == null) {
      _codec = message<Request>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.open != null) {
          w.uint32(10)
          Open.codec().encode(obj.open, w)
        }

        if (obj.neighbor != null) {
          w.uint32(18)
          Neighbor.codec().encode(obj.neighbor, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.open = Open.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.open
              })
              break
            }
            case 2: {
              obj.neighbor = Neighbor.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.neighbor
              })
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
              yield * Open.codec().stream(reader, reader.uint32(), `${prefix}.open`, {
                limits: opts.limits?.open
              })

              break
            }
            case 2: {
              yield * Neighbor.codec().stream(reader, reader.uint32(), `${prefix}.neighbor`, {
                limits: opts.limits?.neighbor
              })

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

  export interface RequestOpenGroupIdFieldEvent {
    field: '$.open.groupId'
    value: string
  }

  export interface RequestNeighborGroupIdFieldEvent {
    field: '$.neighbor.groupId'
    value: string
  }

  export function encode (obj: Partial<Request>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Request.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Request>): Request {
    return decodeMessage(buf, Request.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Request>): Generator<RequestOpenGroupIdFieldEvent | RequestNeighborGroupIdFieldEvent> {
    return streamMessage(buf, Request.codec(), opts)
  }
}

export interface Answer {
  accepted: boolean
  code: string
}

export namespace Answer {
  let _codec: Codec<Answer>

  export const codec = (): Codec<Answer> => {
    if (_codec == null) {
      _codec = message<Answer>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.accepted != null && obj.accepted !== false)) {
          w.uint32(8)
          w.bool(obj.accepted)
        }

        if ((obj.code != null && obj.code !== '')) {
          w.uint32(18)
          w.string(obj.code)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          accepted: false,
          code: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.accepted = reader.bool()
              break
            }
            case 2: {
              obj.code = reader.string()
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
                field: `${prefix}.accepted`,
                value: reader.bool()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.code`,
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

  export interface AnswerAcceptedFieldEvent {
    field: '$.accepted'
    value: boolean
  }

  export interface AnswerCodeFieldEvent {
    field: '$.code'
    value: string
  }

  export function encode (obj: Partial<Answer>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Answer.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Answer>): Answer {
    return decodeMessage(buf, Answer.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Answer>): Generator<AnswerAcceptedFieldEvent | AnswerCodeFieldEvent> {
    return streamMessage(buf, Answer.codec(), opts)
  }
}

export interface Data {
  type: string
  data: Uint8Array<ArrayBuffer>
}

export namespace Data {
  let _codec: Codec<Data>

  export const codec = (): Codec<Data> => {
    if (_codec == null) {
      _codec = message<Data>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.type != null && obj.type !== '')) {
          w.uint32(10)
          w.string(obj.type)
        }

        if ((obj.data != null && obj.data.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.data)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          type: '',
          data: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.type = reader.string()
              break
            }
            case 2: {
              obj.data = reader.bytes()
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
                field: `${prefix}.type`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.data`,
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

  export interface DataTypeFieldEvent {
    field: '$.type'
    value: string
  }

  export interface DataDataFieldEvent {
    field: '$.data'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Data>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Data.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Data>): Data {
    return decodeMessage(buf, Data.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Data>): Generator<DataTypeFieldEvent | DataDataFieldEvent> {
    return streamMessage(buf, Data.codec(), opts)
  }
}
