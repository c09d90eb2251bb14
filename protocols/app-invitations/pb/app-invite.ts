import { decodeMessage, encodeMessage, enumeration, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Message {
  kind: Message.Kind
  id: string
  appId: string
  message: string
  data: Uint8Array<ArrayBuffer>
  expiresInMs: number
  contact: boolean
  action: Message.Action
  join: boolean
  endpointCertificate: Uint8Array<ArrayBuffer>
}

export namespace Message {
  export enum Kind {
    KIND_UNSPECIFIED = 'KIND_UNSPECIFIED',
    INVITE = 'INVITE',
    RESPONSE = 'RESPONSE',
    CANCEL = 'CANCEL'
  }

  enum __KindValues {
    KIND_UNSPECIFIED = 0,
    INVITE = 1,
    RESPONSE = 2,
    CANCEL = 3
  }

  export namespace Kind {
    export const codec = (): Codec<Kind> => {
      return enumeration<Kind>(__KindValues)
    }
  }

  export enum Action {
    ACTION_UNSPECIFIED = 'ACTION_UNSPECIFIED',
    ACCEPTED = 'ACCEPTED',
    DECLINED = 'DECLINED'
  }

  enum __ActionValues {
    ACTION_UNSPECIFIED = 0,
    ACCEPTED = 1,
    DECLINED = 2
  }

  export namespace Action {
    export const codec = (): Codec<Action> => {
      return enumeration<Action>(__ActionValues)
    }
  }

  let _codec: Codec<Message>

  export const codec = (): Codec<Message> => {
    if (_codec == null) {
      _codec = message<Message>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.kind != null && __KindValues[obj.kind] !== 0) {
          w.uint32(8)
          Message.Kind.codec().encode(obj.kind, w)
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(18)
          w.string(obj.id)
        }

        if ((obj.appId != null && obj.appId !== '')) {
          w.uint32(26)
          w.string(obj.appId)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(34)
          w.string(obj.message)
        }

        if ((obj.data != null && obj.data.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.data)
        }

        if ((obj.expiresInMs != null && obj.expiresInMs !== 0)) {
          w.uint32(48)
          w.uint32(obj.expiresInMs)
        }

        if ((obj.contact != null && obj.contact !== false)) {
          w.uint32(56)
          w.bool(obj.contact)
        }

        if (obj.action != null && __ActionValues[obj.action] !== 0) {
          w.uint32(64)
          Message.Action.codec().encode(obj.action, w)
        }

        if ((obj.join != null && obj.join !== false)) {
          w.uint32(72)
          w.bool(obj.join)
        }

        if ((obj.endpointCertificate != null && obj.endpointCertificate.byteLength > 0)) {
          w.uint32(82)
          w.bytes(obj.endpointCertificate)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          kind: Kind.KIND_UNSPECIFIED,
          id: '',
          appId: '',
          message: '',
          data: uint8ArrayAlloc(0),
          expiresInMs: 0,
          contact: false,
          action: Action.ACTION_UNSPECIFIED,
          join: false,
          endpointCertificate: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.kind = Message.Kind.codec().decode(reader)
              break
            }
            case 2: {
              obj.id = reader.string()
              break
            }
            case 3: {
              obj.appId = reader.string()
              break
            }
            case 4: {
              obj.message = reader.string()
              break
            }
            case 5: {
              obj.data = reader.bytes()
              break
            }
            case 6: {
              obj.expiresInMs = reader.uint32()
              break
            }
            case 7: {
              obj.contact = reader.bool()
              break
            }
            case 8: {
              obj.action = Message.Action.codec().decode(reader)
              break
            }
            case 9: {
              obj.join = reader.bool()
              break
            }
            case 10: {
              obj.endpointCertificate = reader.bytes()
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
                field: `${prefix}.kind`,
                value: Message.Kind.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.appId`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.message`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.data`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.expiresInMs`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.contact`,
                value: reader.bool()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.action`,
                value: Message.Action.codec().decode(reader)
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.join`,
                value: reader.bool()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.endpointCertificate`,
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

  export interface MessageKindFieldEvent {
    field: '$.kind'
    value: Message.Kind
  }

  export interface MessageIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface MessageAppIdFieldEvent {
    field: '$.appId'
    value: string
  }

  export interface MessageMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface MessageDataFieldEvent {
    field: '$.data'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MessageExpiresInMsFieldEvent {
    field: '$.expiresInMs'
    value: number
  }

  export interface MessageContactFieldEvent {
    field: '$.contact'
    value: boolean
  }

  export interface MessageActionFieldEvent {
    field: '$.action'
    value: Message.Action
  }

  export interface MessageJoinFieldEvent {
    field: '$.join'
    value: boolean
  }

  export interface MessageEndpointCertificateFieldEvent {
    field: '$.endpointCertificate'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Message>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Message.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Message>): Message {
    return decodeMessage(buf, Message.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Message>): Generator<MessageKindFieldEvent | MessageIdFieldEvent | MessageAppIdFieldEvent | MessageMessageFieldEvent | MessageDataFieldEvent | MessageExpiresInMsFieldEvent | MessageContactFieldEvent | MessageActionFieldEvent | MessageJoinFieldEvent | MessageEndpointCertificateFieldEvent> {
    return streamMessage(buf, Message.codec(), opts)
  }
}

export interface Reply {
  status: Reply.Status
  groupInvitation: string
  refusal?: string
}

export namespace Reply {
  export enum Status {
    STATUS_UNSPECIFIED = 'STATUS_UNSPECIFIED',
    OK = 'OK',
    NOT_AUTHORIZED = 'NOT_AUTHORIZED',
    THROTTLED = 'THROTTLED',
    INVALID = 'INVALID',
    UNKNOWN_INVITATION = 'UNKNOWN_INVITATION',
    CANCELLED = 'CANCELLED',
    EXPIRED = 'EXPIRED',
    ALREADY_ANSWERED = 'ALREADY_ANSWERED',
    INVALID_CONTACT = 'INVALID_CONTACT'
  }

  enum __StatusValues {
    STATUS_UNSPECIFIED = 0,
    OK = 1,
    NOT_AUTHORIZED = 2,
    THROTTLED = 3,
    INVALID = 4,
    UNKNOWN_INVITATION = 5,
    CANCELLED = 6,
    EXPIRED = 7,
    ALREADY_ANSWERED = 8,
    INVALID_CONTACT = 9
  }

  export namespace Status {
    export const codec = (): Codec<Status> => {
      return enumeration<Status>(__StatusValues)
    }
  }

  let _codec: Codec<Reply>

  export const codec = (): Codec<Reply> => {
    if (_codec == null) {
      _codec = message<Reply>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(8)
          Reply.Status.codec().encode(obj.status, w)
        }

        if ((obj.groupInvitation != null && obj.groupInvitation !== '')) {
          w.uint32(18)
          w.string(obj.groupInvitation)
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
          groupInvitation: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.status = Reply.Status.codec().decode(reader)
              break
            }
            case 2: {
              obj.groupInvitation = reader.string()
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
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.status`,
                value: Reply.Status.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.groupInvitation`,
                value: reader.string()
              }
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

  export interface ReplyStatusFieldEvent {
    field: '$.status'
    value: Reply.Status
  }

  export interface ReplyGroupInvitationFieldEvent {
    field: '$.groupInvitation'
    value: string
  }

  export interface ReplyRefusalFieldEvent {
    field: '$.refusal'
    value: string
  }

  export function encode (obj: Partial<Reply>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Reply.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Reply>): Reply {
    return decodeMessage(buf, Reply.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Reply>): Generator<ReplyStatusFieldEvent | ReplyGroupInvitationFieldEvent | ReplyRefusalFieldEvent> {
    return streamMessage(buf, Reply.codec(), opts)
  }
}
