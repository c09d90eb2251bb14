import { decodeMessage, encodeMessage, enumeration, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum Status {
  STATUS_UNSPECIFIED = 'STATUS_UNSPECIFIED',
  OK = 'OK',
  NOT_AUTHORIZED = 'NOT_AUTHORIZED',
  NOT_SIGNED_IN = 'NOT_SIGNED_IN',
  THROTTLED = 'THROTTLED',
  INVALID_REQUEST = 'INVALID_REQUEST',
  INVALID_CONTACT = 'INVALID_CONTACT'
}

enum __StatusValues {
  STATUS_UNSPECIFIED = 0,
  OK = 1,
  NOT_AUTHORIZED = 2,
  NOT_SIGNED_IN = 3,
  THROTTLED = 4,
  INVALID_REQUEST = 5,
  INVALID_CONTACT = 6
}

export namespace Status {
  export const codec = (): Codec<Status> => {
    return enumeration<Status>(__StatusValues)
  }
}

export enum Kind {
  KIND_UNSPECIFIED = 'KIND_UNSPECIFIED',
  CARD = 'CARD',
  SNAPSHOT = 'SNAPSHOT',
  SUBSCRIBE = 'SUBSCRIBE'
}

enum __KindValues {
  KIND_UNSPECIFIED = 0,
  CARD = 1,
  SNAPSHOT = 2,
  SUBSCRIBE = 3
}

export namespace Kind {
  export const codec = (): Codec<Kind> => {
    return enumeration<Kind>(__KindValues)
  }
}

export interface Request {
  kind: Kind
  endpointCertificate: Uint8Array<ArrayBuffer>
}

export namespace Request {
  let _codec: Codec<Request>

  export const codec = (): Codec<Request> => {
    if (_codec == null) {
      _codec = message<Request>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.kind != null && __KindValues[obj.kind] !== 0) {
          w.uint32(8)
          Kind.codec().encode(obj.kind, w)
        }

        if ((obj.endpointCertificate != null && obj.endpointCertificate.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.endpointCertificate)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          kind: Kind.KIND_UNSPECIFIED,
          endpointCertificate: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.kind = Kind.codec().decode(reader)
              break
            }
            case 2: {
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
                value: Kind.codec().decode(reader)
              }
              break
            }
            case 2: {
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

  export interface RequestKindFieldEvent {
    field: '$.kind'
    value: Kind
  }

  export interface RequestEndpointCertificateFieldEvent {
    field: '$.endpointCertificate'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Request>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Request.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Request>): Request {
    return decodeMessage(buf, Request.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Request>): Generator<RequestKindFieldEvent | RequestEndpointCertificateFieldEvent> {
    return streamMessage(buf, Request.codec(), opts)
  }
}

export enum PresenceStatus {
  OFFLINE = 'OFFLINE',
  OUT_TO_LUNCH = 'OUT_TO_LUNCH',
  AWAY = 'AWAY',
  BE_RIGHT_BACK = 'BE_RIGHT_BACK',
  IDLE = 'IDLE',
  BUSY = 'BUSY',
  ON_THE_PHONE = 'ON_THE_PHONE',
  ONLINE = 'ONLINE'
}

enum __PresenceStatusValues {
  OFFLINE = 0,
  OUT_TO_LUNCH = 1,
  AWAY = 2,
  BE_RIGHT_BACK = 3,
  IDLE = 4,
  BUSY = 5,
  ON_THE_PHONE = 6,
  ONLINE = 7
}

export namespace PresenceStatus {
  export const codec = (): Codec<PresenceStatus> => {
    return enumeration<PresenceStatus>(__PresenceStatusValues)
  }
}

export interface Presence {
  status: PresenceStatus
  text: string
}

export namespace Presence {
  let _codec: Codec<Presence>

  export const codec = (): Codec<Presence> => {
    if (_codec == null) {
      _codec = message<Presence>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.status != null && __PresenceStatusValues[obj.status] !== 0) {
          w.uint32(8)
          PresenceStatus.codec().encode(obj.status, w)
        }

        if ((obj.text != null && obj.text !== '')) {
          w.uint32(18)
          w.string(obj.text)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          status: PresenceStatus.OFFLINE,
          text: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.status = PresenceStatus.codec().decode(reader)
              break
            }
            case 2: {
              obj.text = reader.string()
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
                value: PresenceStatus.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.text`,
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

  export interface PresenceStatusFieldEvent {
    field: '$.status'
    value: PresenceStatus
  }

  export interface PresenceTextFieldEvent {
    field: '$.text'
    value: string
  }

  export function encode (obj: Partial<Presence>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Presence.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Presence>): Presence {
    return decodeMessage(buf, Presence.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Presence>): Generator<PresenceStatusFieldEvent | PresenceTextFieldEvent> {
    return streamMessage(buf, Presence.codec(), opts)
  }
}

export interface Item {
  id: string
  data: Uint8Array<ArrayBuffer>
  description: string
  deleted: boolean
}

export namespace Item {
  let _codec: Codec<Item>

  export const codec = (): Codec<Item> => {
    if (_codec == null) {
      _codec = message<Item>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.data != null && obj.data.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.data)
        }

        if ((obj.description != null && obj.description !== '')) {
          w.uint32(26)
          w.string(obj.description)
        }

        if ((obj.deleted != null && obj.deleted !== false)) {
          w.uint32(32)
          w.bool(obj.deleted)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          data: uint8ArrayAlloc(0),
          description: '',
          deleted: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.data = reader.bytes()
              break
            }
            case 3: {
              obj.description = reader.string()
              break
            }
            case 4: {
              obj.deleted = reader.bool()
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
                field: `${prefix}.id`,
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
            case 3: {
              yield {
                field: `${prefix}.description`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.deleted`,
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

  export interface ItemIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface ItemDataFieldEvent {
    field: '$.data'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ItemDescriptionFieldEvent {
    field: '$.description'
    value: string
  }

  export interface ItemDeletedFieldEvent {
    field: '$.deleted'
    value: boolean
  }

  export function encode (obj: Partial<Item>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Item.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Item>): Item {
    return decodeMessage(buf, Item.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Item>): Generator<ItemIdFieldEvent | ItemDataFieldEvent | ItemDescriptionFieldEvent | ItemDeletedFieldEvent> {
    return streamMessage(buf, Item.codec(), opts)
  }
}

export interface Frame {
  status: Status
  card: string
  begin: boolean
  end: boolean
  presence?: Presence
  endpointName?: string
  object?: Item
  application?: Item
  refusal?: string
  endpointCertificate: Uint8Array<ArrayBuffer>
  revocation?: Uint8Array<ArrayBuffer>
}

export namespace Frame {
  let _codec: Codec<Frame>

  export const codec = (): Codec<Frame> => {
    if (_codec == null) {
      _codec = message<Frame>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(8)
          Status.codec().encode(obj.status, w)
        }

        if ((obj.card != null && obj.card !== '')) {
          w.uint32(18)
          w.string(obj.card)
        }

        if ((obj.begin != null && obj.begin !== false)) {
          w.uint32(24)
          w.bool(obj.begin)
        }

        if ((obj.end != null && obj.end !== false)) {
          w.uint32(32)
          w.bool(obj.end)
        }

        if (obj.presence != null) {
          w.uint32(42)
          Presence.codec().encode(obj.presence, w)
        }

        if (obj.endpointName != null) {
          w.uint32(50)
          w.string(obj.endpointName)
        }

        if (obj.object != null) {
          w.uint32(58)
          Item.codec().encode(obj.object, w)
        }

        if (obj.application != null) {
          w.uint32(66)
          Item.codec().encode(obj.application, w)
        }

        if (obj.refusal != null) {
          w.uint32(74)
          w.string(obj.refusal)
        }

        if ((obj.endpointCertificate != null && obj.endpointCertificate.byteLength > 0)) {
          w.uint32(82)
          w.bytes(obj.endpointCertificate)
        }

        if (obj.revocation != null) {
          w.uint32(90)
          w.bytes(obj.revocation)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          status: Status.STATUS_UNSPECIFIED,
          card: '',
          begin: false,
          end: false,
          endpointCertificate: uint8ArrayAlloc(0)
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
              obj.card = reader.string()
              break
            }
            case 3: {
              obj.begin = reader.bool()
              break
            }
            case 4: {
              obj.end = reader.bool()
              break
            }
            case 5: {
              obj.presence = Presence.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.presence
              })
              break
            }
            case 6: {
              obj.endpointName = reader.string()
              break
            }
            case 7: {
              obj.object = Item.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.object
              })
              break
            }
            case 8: {
              obj.application = Item.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.application
              })
              break
            }
            case 9: {
              obj.refusal = reader.string()
              break
            }
            case 10: {
              obj.endpointCertificate = reader.bytes()
              break
            }
            case 11: {
              obj.revocation = reader.bytes()
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
                value: Status.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.card`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.begin`,
                value: reader.bool()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.end`,
                value: reader.bool()
              }
              break
            }
            case 5: {
              yield * Presence.codec().stream(reader, reader.uint32(), `${prefix}.presence`, {
                limits: opts.limits?.presence
              })

              break
            }
            case 6: {
              yield {
                field: `${prefix}.endpointName`,
                value: reader.string()
              }
              break
            }
            case 7: {
              yield * Item.codec().stream(reader, reader.uint32(), `${prefix}.object`, {
                limits: opts.limits?.object
              })

              break
            }
            case 8: {
              yield * Item.codec().stream(reader, reader.uint32(), `${prefix}.application`, {
                limits: opts.limits?.application
              })

              break
            }
            case 9: {
              yield {
                field: `${prefix}.refusal`,
                value: reader.string()
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
            case 11: {
              yield {
                field: `${prefix}.revocation`,
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

  export interface FrameStatusFieldEvent {
    field: '$.status'
    value: Status
  }

  export interface FrameCardFieldEvent {
    field: '$.card'
    value: string
  }

  export interface FrameBeginFieldEvent {
    field: '$.begin'
    value: boolean
  }

  export interface FrameEndFieldEvent {
    field: '$.end'
    value: boolean
  }

  export interface FramePresenceStatusFieldEvent {
    field: '$.presence.status'
    value: PresenceStatus
  }

  export interface FramePresenceTextFieldEvent {
    field: '$.presence.text'
    value: string
  }

  export interface FrameEndpointNameFieldEvent {
    field: '$.endpointName'
    value: string
  }

  export interface FrameObjectIdFieldEvent {
    field: '$.object.id'
    value: string
  }

  export interface FrameObjectDataFieldEvent {
    field: '$.object.data'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FrameObjectDescriptionFieldEvent {
    field: '$.object.description'
    value: string
  }

  export interface FrameObjectDeletedFieldEvent {
    field: '$.object.deleted'
    value: boolean
  }

  export interface FrameApplicationIdFieldEvent {
    field: '$.application.id'
    value: string
  }

  export interface FrameApplicationDataFieldEvent {
    field: '$.application.data'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FrameApplicationDescriptionFieldEvent {
    field: '$.application.description'
    value: string
  }

  export interface FrameApplicationDeletedFieldEvent {
    field: '$.application.deleted'
    value: boolean
  }

  export interface FrameRefusalFieldEvent {
    field: '$.refusal'
    value: string
  }

  export interface FrameEndpointCertificateFieldEvent {
    field: '$.endpointCertificate'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FrameRevocationFieldEvent {
    field: '$.revocation'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Frame>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Frame.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Frame>): Frame {
    return decodeMessage(buf, Frame.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Frame>): Generator<FrameStatusFieldEvent | FrameCardFieldEvent | FrameBeginFieldEvent | FrameEndFieldEvent | FramePresenceStatusFieldEvent | FramePresenceTextFieldEvent | FrameEndpointNameFieldEvent | FrameObjectIdFieldEvent | FrameObjectDataFieldEvent | FrameObjectDescriptionFieldEvent | FrameObjectDeletedFieldEvent | FrameApplicationIdFieldEvent | FrameApplicationDataFieldEvent | FrameApplicationDescriptionFieldEvent | FrameApplicationDeletedFieldEvent | FrameRefusalFieldEvent | FrameEndpointCertificateFieldEvent | FrameRevocationFieldEvent> {
    return streamMessage(buf, Frame.codec(), opts)
  }
}
