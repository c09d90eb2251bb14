import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Attribute {
  name: string
  kind: Attribute.Kind
  value?: string
  int?: number
  date?: number
}

export namespace Attribute {
  export enum Kind {
    STRING = 'STRING',
    INT = 'INT',
    DATE = 'DATE'
  }

  enum __KindValues {
    STRING = 0,
    INT = 1,
    DATE = 2
  }

  export namespace Kind {
    export const codec = (): Codec<Kind> => {
      return enumeration<Kind>(__KindValues)
    }
  }

  let _codec: Codec<Attribute>

  export const codec = (): Codec<Attribute> => {
    if (_codec == null) {
      _codec = message<Attribute>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(10)
          w.string(obj.name)
        }

        if (obj.kind != null && __KindValues[obj.kind] !== 0) {
          w.uint32(16)
          Attribute.Kind.codec().encode(obj.kind, w)
        }

        if (obj.value != null) {
          w.uint32(26)
          w.string(obj.value)
        }

        if (obj.int != null) {
          w.uint32(32)
          w.sint64Number(obj.int)
        }

        if (obj.date != null) {
          w.uint32(40)
          w.uint64Number(obj.date)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          name: '',
          kind: Kind.STRING
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.name = reader.string()
              break
            }
            case 2: {
              obj.kind = Attribute.Kind.codec().decode(reader)
              break
            }
            case 3: {
              obj.value = reader.string()
              break
            }
            case 4: {
              obj.int = reader.sint64Number()
              break
            }
            case 5: {
              obj.date = reader.uint64Number()
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
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.kind`,
                value: Attribute.Kind.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.value`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.int`,
                value: reader.sint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.date`,
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

  export interface AttributeNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface AttributeKindFieldEvent {
    field: '$.kind'
    value: Attribute.Kind
  }

  export interface AttributeValueFieldEvent {
    field: '$.value'
    value: string
  }

  export interface AttributeIntFieldEvent {
    field: '$.int'
    value: number
  }

  export interface AttributeDateFieldEvent {
    field: '$.date'
    value: number
  }

  export function encode (obj: Partial<Attribute>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Attribute.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Attribute>): Attribute {
    return decodeMessage(buf, Attribute.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Attribute>): Generator<AttributeNameFieldEvent | AttributeKindFieldEvent | AttributeValueFieldEvent | AttributeIntFieldEvent | AttributeDateFieldEvent> {
    return streamMessage(buf, Attribute.codec(), opts)
  }
}

export interface RecordBody {
  groupId: string
  type: string
  id: Uint8Array<ArrayBuffer>
  version: number
  creator: Uint8Array<ArrayBuffer>
  modifier: Uint8Array<ArrayBuffer>
  created: number
  modified: number
  expires: number
  attributes: Attribute[]
  data: Uint8Array<ArrayBuffer>
  deleted: boolean
}

export namespace RecordBody {
  let _codec: Codec<RecordBody>

  export const codec = (): Codec<RecordBody> => {
    if (_codec == null) {
      _codec = message<RecordBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.groupId != null && obj.groupId !== '')) {
          w.uint32(10)
          w.string(obj.groupId)
        }

        if ((obj.type != null && obj.type !== '')) {
          w.uint32(18)
          w.string(obj.type)
        }

        if ((obj.id != null && obj.id.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.id)
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(32)
          w.uint32(obj.version)
        }

        if ((obj.creator != null && obj.creator.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.creator)
        }

        if ((obj.modifier != null && obj.modifier.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.modifier)
        }

        if ((obj.created != null && obj.created !== 0)) {
          w.uint32(56)
          w.uint64Number(obj.created)
        }

        if ((obj.modified != null && obj.modified !== 0)) {
          w.uint32(64)
          w.uint64Number(obj.modified)
        }

        if ((obj.expires != null && obj.expires !== 0)) {
          w.uint32(72)
          w.uint64Number(obj.expires)
        }

        if (obj.attributes != null && obj.attributes.length > 0) {
          for (const value of obj.attributes) {
            w.uint32(82)
            Attribute.codec().encode(value, w)
          }
        }

        if ((obj.data != null && obj.data.byteLength > 0)) {
          w.uint32(90)
          w.bytes(obj.data)
        }

        if ((obj.deleted != null && obj.deleted !== false)) {
          w.uint32(96)
          w.bool(obj.deleted)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          groupId: '',
          type: '',
          id: uint8ArrayAlloc(0),
          version: 0,
          creator: uint8ArrayAlloc(0),
          modifier: uint8ArrayAlloc(0),
          created: 0,
          modified: 0,
          expires: 0,
          attributes: [],
          data: uint8ArrayAlloc(0),
          deleted: false
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
              obj.type = reader.string()
              break
            }
            case 3: {
              obj.id = reader.bytes()
              break
            }
            case 4: {
              obj.version = reader.uint32()
              break
            }
            case 5: {
              obj.creator = reader.bytes()
              break
            }
            case 6: {
              obj.modifier = reader.bytes()
              break
            }
            case 7: {
              obj.created = reader.uint64Number()
              break
            }
            case 8: {
              obj.modified = reader.uint64Number()
              break
            }
            case 9: {
              obj.expires = reader.uint64Number()
              break
            }
            case 10: {
              if (opts.limits?.attributes != null && obj.attributes.length === opts.limits.attributes) {
                throw new MaxLengthError('Decode error - repeated field "attributes" had too many elements')
              }

              if (obj.attributes.length === 64) {
                throw new MaxLengthError('Decode error - repeated field "attributes" had too many elements')
              }

              obj.attributes.push(Attribute.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.attributes$
              }))
              break
            }
            case 11: {
              obj.data = reader.bytes()
              break
            }
            case 12: {
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
        const obj = {
          attributes: 64
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
              yield {
                field: `${prefix}.type`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.id`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.creator`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.modifier`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.created`,
                value: reader.uint64Number()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.modified`,
                value: reader.uint64Number()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.expires`,
                value: reader.uint64Number()
              }
              break
            }
            case 10: {
              if (opts.limits?.attributes != null && obj.attributes === opts.limits.attributes) {
                throw new MaxLengthError('Streaming decode error - repeated field "attributes" had too many elements')
              }

              if (obj.attributes === 64) {
                throw new MaxLengthError('Streaming decode error - repeated field "attributes" had too many elements')
              }

              for (const evt of Attribute.codec().stream(reader, reader.uint32(), `${prefix}.attributes[]`, {
                limits: opts.limits?.attributes$
              })) {
                yield {
                  ...evt,
                  index: obj.attributes
                }
              }

              obj.attributes++

              break
            }
            case 11: {
              yield {
                field: `${prefix}.data`,
                value: reader.bytes()
              }
              break
            }
            case 12: {
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

  export interface RecordBodyGroupIdFieldEvent {
    field: '$.groupId'
    value: string
  }

  export interface RecordBodyTypeFieldEvent {
    field: '$.type'
    value: string
  }

  export interface RecordBodyIdFieldEvent {
    field: '$.id'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RecordBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface RecordBodyCreatorFieldEvent {
    field: '$.creator'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RecordBodyModifierFieldEvent {
    field: '$.modifier'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RecordBodyCreatedFieldEvent {
    field: '$.created'
    value: number
  }

  export interface RecordBodyModifiedFieldEvent {
    field: '$.modified'
    value: number
  }

  export interface RecordBodyExpiresFieldEvent {
    field: '$.expires'
    value: number
  }

  export interface RecordBodyAttributesNameFieldEvent {
    field: '$.attributes[].name'
    value: string
    index: number
  }

  export interface RecordBodyAttributesKindFieldEvent {
    field: '$.attributes[].kind'
    value: Attribute.Kind
    index: number
  }

  export interface RecordBodyAttributesValueFieldEvent {
    field: '$.attributes[].value'
    value: string
    index: number
  }

  export interface RecordBodyAttributesIntFieldEvent {
    field: '$.attributes[].int'
    value: number
    index: number
  }

  export interface RecordBodyAttributesDateFieldEvent {
    field: '$.attributes[].date'
    value: number
    index: number
  }

  export interface RecordBodyDataFieldEvent {
    field: '$.data'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RecordBodyDeletedFieldEvent {
    field: '$.deleted'
    value: boolean
  }

  export function encode (obj: Partial<RecordBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RecordBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RecordBody>): RecordBody {
    return decodeMessage(buf, RecordBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RecordBody>): Generator<RecordBodyGroupIdFieldEvent | RecordBodyTypeFieldEvent | RecordBodyIdFieldEvent | RecordBodyVersionFieldEvent | RecordBodyCreatorFieldEvent | RecordBodyModifierFieldEvent | RecordBodyCreatedFieldEvent | RecordBodyModifiedFieldEvent | RecordBodyExpiresFieldEvent | RecordBodyAttributesNameFieldEvent | RecordBodyAttributesKindFieldEvent | RecordBodyAttributesValueFieldEvent | RecordBodyAttributesIntFieldEvent | RecordBodyAttributesDateFieldEvent | RecordBodyDataFieldEvent | RecordBodyDeletedFieldEvent> {
    return streamMessage(buf, RecordBody.codec(), opts)
  }
}

export interface SignedRecord {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedRecord {
  let _codec: Codec<SignedRecord>

  export const codec = (): Codec<SignedRecord> => {
    if (_codec == null) {
      _codec = message<SignedRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.body)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          body: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.body = reader.bytes()
              break
            }
            case 2: {
              obj.signature = reader.bytes()
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
                field: `${prefix}.body`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.signature`,
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

  export interface SignedRecordBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedRecordSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedRecord>): SignedRecord {
    return decodeMessage(buf, SignedRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedRecord>): Generator<SignedRecordBodyFieldEvent | SignedRecordSignatureFieldEvent> {
    return streamMessage(buf, SignedRecord.codec(), opts)
  }
}
