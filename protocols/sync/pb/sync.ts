import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Hello {
  groupId: string
  cutoff: number
  setSize: number
  setDigest: Uint8Array<ArrayBuffer>
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

        if ((obj.cutoff != null && obj.cutoff !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.cutoff)
        }

        if ((obj.setSize != null && obj.setSize !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.setSize)
        }

        if ((obj.setDigest != null && obj.setDigest.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.setDigest)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          groupId: '',
          cutoff: 0,
          setSize: 0,
          setDigest: uint8ArrayAlloc(0)
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
              obj.cutoff = reader.uint64Number()
              break
            }
            case 3: {
              obj.setSize = reader.uint64Number()
              break
            }
            case 4: {
              obj.setDigest = reader.bytes()
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
                field: `${prefix}.cutoff`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.setSize`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.setDigest`,
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

  export interface HelloGroupIdFieldEvent {
    field: '$.groupId'
    value: string
  }

  export interface HelloCutoffFieldEvent {
    field: '$.cutoff'
    value: number
  }

  export interface HelloSetSizeFieldEvent {
    field: '$.setSize'
    value: number
  }

  export interface HelloSetDigestFieldEvent {
    field: '$.setDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Hello>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Hello.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hello>): Hello {
    return decodeMessage(buf, Hello.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hello>): Generator<HelloGroupIdFieldEvent | HelloCutoffFieldEvent | HelloSetSizeFieldEvent | HelloSetDigestFieldEvent> {
    return streamMessage(buf, Hello.codec(), opts)
  }
}

export interface Request {
  symbols: number
  list: boolean
}

export namespace Request {
  let _codec: Codec<Request>

  export const codec = (): Codec<Request> => {
    if (_codec == null) {
      _codec = message<Request>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.symbols != null && obj.symbols !== 0)) {
          w.uint32(8)
          w.uint32(obj.symbols)
        }

        if ((obj.list != null && obj.list !== false)) {
          w.uint32(16)
          w.bool(obj.list)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          symbols: 0,
          list: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.symbols = reader.uint32()
              break
            }
            case 2: {
              obj.list = reader.bool()
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
                field: `${prefix}.symbols`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.list`,
                value: reader.bool()
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

  export interface RequestSymbolsFieldEvent {
    field: '$.symbols'
    value: number
  }

  export interface RequestListFieldEvent {
    field: '$.list'
    value: boolean
  }

  export function encode (obj: Partial<Request>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Request.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Request>): Request {
    return decodeMessage(buf, Request.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Request>): Generator<RequestSymbolsFieldEvent | RequestListFieldEvent> {
    return streamMessage(buf, Request.codec(), opts)
  }
}

export interface Want {
  symbols: Uint8Array<ArrayBuffer>
  push: number
  last: boolean
}

export namespace Want {
  let _codec: Codec<Want>

  export const codec = (): Codec<Want> => {
    if (_codec == null) {
      _codec = message<Want>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.symbols != null && obj.symbols.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.symbols)
        }

        if ((obj.push != null && obj.push !== 0)) {
          w.uint32(16)
          w.uint32(obj.push)
        }

        if ((obj.last != null && obj.last !== false)) {
          w.uint32(24)
          w.bool(obj.last)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          symbols: uint8ArrayAlloc(0),
          push: 0,
          last: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.symbols = reader.bytes()
              break
            }
            case 2: {
              obj.push = reader.uint32()
              break
            }
            case 3: {
              obj.last = reader.bool()
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
                field: `${prefix}.symbols`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.push`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.last`,
                value: reader.bool()
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

  export interface WantSymbolsFieldEvent {
    field: '$.symbols'
    value: Uint8Array<ArrayBuffer>
  }

  export interface WantPushFieldEvent {
    field: '$.push'
    value: number
  }

  export interface WantLastFieldEvent {
    field: '$.last'
    value: boolean
  }

  export function encode (obj: Partial<Want>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Want.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Want>): Want {
    return decodeMessage(buf, Want.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Want>): Generator<WantSymbolsFieldEvent | WantPushFieldEvent | WantLastFieldEvent> {
    return streamMessage(buf, Want.codec(), opts)
  }
}

export interface Records {
  records: Uint8Array<ArrayBuffer>[]
  last: boolean
}

export namespace Records {
  let _codec: Codec<Records>

  export const codec = (): Codec<Records> => {
    if (_codec == null) {
      _codec = message<Records>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.records != null && obj.records.length > 0) {
          for (const value of obj.records) {
            w.uint32(10)
            w.bytes(value)
          }
        }

        if ((obj.last != null && obj.last !== false)) {
          w.uint32(16)
          w.bool(obj.last)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          records: [],
          last: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.records != null && obj.records.length === opts.limits.records) {
                throw new MaxLengthError('Decode error - repeated field "records" had too many elements')
              }

              obj.records.push(reader.bytes())
              break
            }
            case 2: {
              obj.last = reader.bool()
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
          records: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.records != null && obj.records === opts.limits.records) {
                throw new MaxLengthError('Streaming decode error - repeated field "records" had too many elements')
              }

              yield {
                field: `${prefix}.records[]`,
                index: obj.records,
                value: reader.bytes()
              }

              obj.records++

              break
            }
            case 2: {
              yield {
                field: `${prefix}.last`,
                value: reader.bool()
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

  export interface RecordsRecordsFieldEvent {
    field: '$.records[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface RecordsLastFieldEvent {
    field: '$.last'
    value: boolean
  }

  export function encode (obj: Partial<Records>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Records.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Records>): Records {
    return decodeMessage(buf, Records.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Records>): Generator<RecordsRecordsFieldEvent | RecordsLastFieldEvent> {
    return streamMessage(buf, Records.codec(), opts)
  }
}

export interface Status {
  code: Status.Code
  setSize: number
}

export namespace Status {
  export enum Code {
    OK = 'OK',
    IN_SYNC = 'IN_SYNC',
    NOT_A_MEMBER = 'NOT_A_MEMBER',
    INVALID_MESSAGE = 'INVALID_MESSAGE',
    LIMIT_EXCEEDED = 'LIMIT_EXCEEDED',
    INTERNAL = 'INTERNAL',
    BUSY = 'BUSY'
  }

  enum __CodeValues {
    OK = 0,
    IN_SYNC = 1,
    NOT_A_MEMBER = 2,
    INVALID_MESSAGE = 3,
    LIMIT_EXCEEDED = 4,
    INTERNAL = 5,
    BUSY = 6
  }

  export namespace Code {
    export const codec = (): Codec<Code> => {
      return enumeration<Code>(__CodeValues)
    }
  }

  let _codec: Codec<Status>

  export const codec = (): Codec<Status> => {
    if (_codec == null) {
      _codec = message<Status>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.code != null && __CodeValues[obj.code] !== 0) {
          w.uint32(8)
          Status.Code.codec().encode(obj.code, w)
        }

        if ((obj.setSize != null && obj.setSize !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.setSize)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          code: Code.OK,
          setSize: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.code = Status.Code.codec().decode(reader)
              break
            }
            case 2: {
              obj.setSize = reader.uint64Number()
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
                field: `${prefix}.code`,
                value: Status.Code.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.setSize`,
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

  export interface StatusCodeFieldEvent {
    field: '$.code'
    value: Status.Code
  }

  export interface StatusSetSizeFieldEvent {
    field: '$.setSize'
    value: number
  }

  export function encode (obj: Partial<Status>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Status.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Status>): Status {
    return decodeMessage(buf, Status.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Status>): Generator<StatusCodeFieldEvent | StatusSetSizeFieldEvent> {
    return streamMessage(buf, Status.codec(), opts)
  }
}

export interface Symbols {
  coded: Uint8Array<ArrayBuffer>
  list: Uint8Array<ArrayBuffer>
  last: boolean
}

export namespace Symbols {
  let _codec: Codec<Symbols>

  export const codec = (): Codec<Symbols> => {
    if (_codec == null) {
      _codec = message<Symbols>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.coded != null && obj.coded.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.coded)
        }

        if ((obj.list != null && obj.list.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.list)
        }

        if ((obj.last != null && obj.last !== false)) {
          w.uint32(24)
          w.bool(obj.last)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          coded: uint8ArrayAlloc(0),
          list: uint8ArrayAlloc(0),
          last: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.coded = reader.bytes()
              break
            }
            case 2: {
              obj.list = reader.bytes()
              break
            }
            case 3: {
              obj.last = reader.bool()
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
                field: `${prefix}.coded`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.list`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.last`,
                value: reader.bool()
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

  export interface SymbolsCodedFieldEvent {
    field: '$.coded'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SymbolsListFieldEvent {
    field: '$.list'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SymbolsLastFieldEvent {
    field: '$.last'
    value: boolean
  }

  export function encode (obj: Partial<Symbols>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Symbols.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Symbols>): Symbols {
    return decodeMessage(buf, Symbols.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Symbols>): Generator<SymbolsCodedFieldEvent | SymbolsListFieldEvent | SymbolsLastFieldEvent> {
    return streamMessage(buf, Symbols.codec(), opts)
  }
}

export interface Done {
  accepted: number
  rejected: number
}

export namespace Done {
  let _codec: Codec<Done>

  export const codec = (): Codec<Done> => {
    if (_codec == null) {
      _codec = message<Done>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.accepted != null && obj.accepted !== 0)) {
          w.uint32(8)
          w.uint32(obj.accepted)
        }

        if ((obj.rejected != null && obj.rejected !== 0)) {
          w.uint32(16)
          w.uint32(obj.rejected)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          accepted: 0,
          rejected: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.accepted = reader.uint32()
              break
            }
            case 2: {
              obj.rejected = reader.uint32()
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
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.rejected`,
                value: reader.uint32()
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

  export interface DoneAcceptedFieldEvent {
    field: '$.accepted'
    value: number
  }

  export interface DoneRejectedFieldEvent {
    field: '$.rejected'
    value: number
  }

  export function encode (obj: Partial<Done>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Done.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Done>): Done {
    return decodeMessage(buf, Done.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Done>): Generator<DoneAcceptedFieldEvent | DoneRejectedFieldEvent> {
    return streamMessage(buf, Done.codec(), opts)
  }
}

export interface InitiatorMessage {
  hello?: Hello
  request?: Request
  want?: Want
  records?: Records
  ack: number
}

export namespace InitiatorMessage {
  let _codec: Codec<InitiatorMessage>

  export const codec = (): Codec<InitiatorMessage> => {
    if (_codec == null) {
      _codec = message<InitiatorMessage>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.hello != null) {
          w.uint32(10)
          Hello.codec().encode(obj.hello, w)
        }

        if (obj.request != null) {
          w.uint32(18)
          Request.codec().encode(obj.request, w)
        }

        if (obj.want != null) {
          w.uint32(26)
          Want.codec().encode(obj.want, w)
        }

        if (obj.records != null) {
          w.uint32(34)
          Records.codec().encode(obj.records, w)
        }

        if ((obj.ack != null && obj.ack !== 0)) {
          w.uint32(40)
          w.uint32(obj.ack)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ack: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.hello = Hello.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.hello
              })
              break
            }
            case 2: {
              obj.request = Request.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.request
              })
              break
            }
            case 3: {
              obj.want = Want.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.want
              })
              break
            }
            case 4: {
              obj.records = Records.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.records
              })
              break
            }
            case 5: {
              obj.ack = reader.uint32()
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
              yield * Hello.codec().stream(reader, reader.uint32(), `${prefix}.hello`, {
                limits: opts.limits?.hello
              })

              break
            }
            case 2: {
              yield * Request.codec().stream(reader, reader.uint32(), `${prefix}.request`, {
                limits: opts.limits?.request
              })

              break
            }
            case 3: {
              yield * Want.codec().stream(reader, reader.uint32(), `${prefix}.want`, {
                limits: opts.limits?.want
              })

              break
            }
            case 4: {
              yield * Records.codec().stream(reader, reader.uint32(), `${prefix}.records`, {
                limits: opts.limits?.records
              })

              break
            }
            case 5: {
              yield {
                field: `${prefix}.ack`,
                value: reader.uint32()
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

  export interface InitiatorMessageHelloGroupIdFieldEvent {
    field: '$.hello.groupId'
    value: string
  }

  export interface InitiatorMessageHelloCutoffFieldEvent {
    field: '$.hello.cutoff'
    value: number
  }

  export interface InitiatorMessageHelloSetSizeFieldEvent {
    field: '$.hello.setSize'
    value: number
  }

  export interface InitiatorMessageHelloSetDigestFieldEvent {
    field: '$.hello.setDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface InitiatorMessageRequestSymbolsFieldEvent {
    field: '$.request.symbols'
    value: number
  }

  export interface InitiatorMessageRequestListFieldEvent {
    field: '$.request.list'
    value: boolean
  }

  export interface InitiatorMessageWantSymbolsFieldEvent {
    field: '$.want.symbols'
    value: Uint8Array<ArrayBuffer>
  }

  export interface InitiatorMessageWantPushFieldEvent {
    field: '$.want.push'
    value: number
  }

  export interface InitiatorMessageWantLastFieldEvent {
    field: '$.want.last'
    value: boolean
  }

  export interface InitiatorMessageRecordsRecordsFieldEvent {
    field: '$.records.records[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface InitiatorMessageRecordsLastFieldEvent {
    field: '$.records.last'
    value: boolean
  }

  export interface InitiatorMessageAckFieldEvent {
    field: '$.ack'
    value: number
  }

  export function encode (obj: Partial<InitiatorMessage>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, InitiatorMessage.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<InitiatorMessage>): InitiatorMessage {
    return decodeMessage(buf, InitiatorMessage.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<InitiatorMessage>): Generator<InitiatorMessageHelloGroupIdFieldEvent | InitiatorMessageHelloCutoffFieldEvent | InitiatorMessageHelloSetSizeFieldEvent | InitiatorMessageHelloSetDigestFieldEvent | InitiatorMessageRequestSymbolsFieldEvent | InitiatorMessageRequestListFieldEvent | InitiatorMessageWantSymbolsFieldEvent | InitiatorMessageWantPushFieldEvent | InitiatorMessageWantLastFieldEvent | InitiatorMessageRecordsRecordsFieldEvent | InitiatorMessageRecordsLastFieldEvent | InitiatorMessageAckFieldEvent> {
    return streamMessage(buf, InitiatorMessage.codec(), opts)
  }
}

export interface ResponderMessage {
  status?: Status
  symbols?: Symbols
  records?: Records
  done?: Done
  ack: number
}

export namespace ResponderMessage {
  let _codec: Codec<ResponderMessage>

  export const codec = (): Codec<ResponderMessage> => {
    if (_codec == null) {
      _codec = message<ResponderMessage>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.status != null) {
          w.uint32(10)
          Status.codec().encode(obj.status, w)
        }

        if (obj.symbols != null) {
          w.uint32(18)
          Symbols.codec().encode(obj.symbols, w)
        }

        if (obj.records != null) {
          w.uint32(26)
          Records.codec().encode(obj.records, w)
        }

        if (obj.done != null) {
          w.uint32(34)
          Done.codec().encode(obj.done, w)
        }

        if ((obj.ack != null && obj.ack !== 0)) {
          w.uint32(40)
          w.uint32(obj.ack)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ack: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.status = Status.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.status
              })
              break
            }
            case 2: {
              obj.symbols = Symbols.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.symbols
              })
              break
            }
            case 3: {
              obj.records = Records.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.records
              })
              break
            }
            case 4: {
              obj.done = Done.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.done
              })
              break
            }
            case 5: {
              obj.ack = reader.uint32()
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
              yield * Status.codec().stream(reader, reader.uint32(), `${prefix}.status`, {
                limits: opts.limits?.status
              })

              break
            }
            case 2: {
              yield * Symbols.codec().stream(reader, reader.uint32(), `${prefix}.symbols`, {
                limits: opts.limits?.symbols
              })

              break
            }
            case 3: {
              yield * Records.codec().stream(reader, reader.uint32(), `${prefix}.records`, {
                limits: opts.limits?.records
              })

              break
            }
            case 4: {
              yield * Done.codec().stream(reader, reader.uint32(), `${prefix}.done`, {
                limits: opts.limits?.done
              })

              break
            }
            case 5: {
              yield {
                field: `${prefix}.ack`,
                value: reader.uint32()
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

  export interface ResponderMessageStatusCodeFieldEvent {
    field: '$.status.code'
    value: Status.Code
  }

  export interface ResponderMessageStatusSetSizeFieldEvent {
    field: '$.status.setSize'
    value: number
  }

  export interface ResponderMessageSymbolsCodedFieldEvent {
    field: '$.symbols.coded'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ResponderMessageSymbolsListFieldEvent {
    field: '$.symbols.list'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ResponderMessageSymbolsLastFieldEvent {
    field: '$.symbols.last'
    value: boolean
  }

  export interface ResponderMessageRecordsRecordsFieldEvent {
    field: '$.records.records[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ResponderMessageRecordsLastFieldEvent {
    field: '$.records.last'
    value: boolean
  }

  export interface ResponderMessageDoneAcceptedFieldEvent {
    field: '$.done.accepted'
    value: number
  }

  export interface ResponderMessageDoneRejectedFieldEvent {
    field: '$.done.rejected'
    value: number
  }

  export interface ResponderMessageAckFieldEvent {
    field: '$.ack'
    value: number
  }

  export function encode (obj: Partial<ResponderMessage>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ResponderMessage.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ResponderMessage>): ResponderMessage {
    return decodeMessage(buf, ResponderMessage.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ResponderMessage>): Generator<ResponderMessageStatusCodeFieldEvent | ResponderMessageStatusSetSizeFieldEvent | ResponderMessageSymbolsCodedFieldEvent | ResponderMessageSymbolsListFieldEvent | ResponderMessageSymbolsLastFieldEvent | ResponderMessageRecordsRecordsFieldEvent | ResponderMessageRecordsLastFieldEvent | ResponderMessageDoneAcceptedFieldEvent | ResponderMessageDoneRejectedFieldEvent | ResponderMessageAckFieldEvent> {
    return streamMessage(buf, ResponderMessage.codec(), opts)
  }
}
