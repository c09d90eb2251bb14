import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum InvitationKind {
  KIND_UNSPECIFIED = 'KIND_UNSPECIFIED',
  GMC = 'GMC',
  PASSWORD = 'PASSWORD'
}

enum __InvitationKindValues {
  KIND_UNSPECIFIED = 0,
  GMC = 1,
  PASSWORD = 2
}

export namespace InvitationKind {
  export const codec = (): Codec<InvitationKind> => {
    return enumeration<InvitationKind>(__InvitationKindValues)
  }
}

export interface InvitationBody {
  version: number
  kind: InvitationKind
  groupId: string
  properties: Uint8Array<ArrayBuffer>
  chain: Uint8Array<ArrayBuffer>[]
  addresses: string[]
  issuedAt: number
  expiresAt: number
}

export namespace InvitationBody {
  let _codec: Codec<InvitationBody>

  export const codec = (): Codec<InvitationBody> => {
    if (_codec == null) {
      _codec = message<InvitationBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.kind != null && __InvitationKindValues[obj.kind] !== 0) {
          w.uint32(16)
          InvitationKind.codec().encode(obj.kind, w)
        }

        if ((obj.groupId != null && obj.groupId !== '')) {
          w.uint32(26)
          w.string(obj.groupId)
        }

        if ((obj.properties != null && obj.properties.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.properties)
        }

        if (obj.chain != null && obj.chain.length > 0) {
          for (const value of obj.chain) {
            w.uint32(42)
            w.bytes(value)
          }
        }

        if (obj.addresses != null && obj.addresses.length > 0) {
          for (const value of obj.addresses) {
            w.uint32(50)
            w.string(value)
          }
        }

        if ((obj.issuedAt != null && obj.issuedAt !== 0)) {
          w.uint32(56)
          w.uint64Number(obj.issuedAt)
        }

        if ((obj.expiresAt != null && obj.expiresAt !== 0)) {
          w.uint32(64)
          w.uint64Number(obj.expiresAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          kind: InvitationKind.KIND_UNSPECIFIED,
          groupId: '',
          properties: uint8ArrayAlloc(0),
          chain: [],
          addresses: [],
          issuedAt: 0,
          expiresAt: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.kind = InvitationKind.codec().decode(reader)
              break
            }
            case 3: {
              obj.groupId = reader.string()
              break
            }
            case 4: {
              obj.properties = reader.bytes()
              break
            }
            case 5: {
              if (opts.limits?.chain != null && obj.chain.length === opts.limits.chain) {
                throw new MaxLengthError('Decode error - repeated field "chain" had too many elements')
              }

              obj.chain.push(reader.bytes())
              break
            }
            case 6: {
              if (opts.limits?.addresses != null && obj.addresses.length === opts.limits.addresses) {
                throw new MaxLengthError('Decode error - repeated field "addresses" had too many elements')
              }

              obj.addresses.push(reader.string())
              break
            }
            case 7: {
              obj.issuedAt = reader.uint64Number()
              break
            }
            case 8: {
              obj.expiresAt = reader.uint64Number()
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
          chain: 0,
          addresses: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.kind`,
                value: InvitationKind.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.groupId`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.properties`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
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
            case 6: {
              if (opts.limits?.addresses != null && obj.addresses === opts.limits.addresses) {
                throw new MaxLengthError('Streaming decode error - repeated field "addresses" had too many elements')
              }

              yield {
                field: `${prefix}.addresses[]`,
                index: obj.addresses,
                value: reader.string()
              }

              obj.addresses++

              break
            }
            case 7: {
              yield {
                field: `${prefix}.issuedAt`,
                value: reader.uint64Number()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.expiresAt`,
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

  export interface InvitationBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface InvitationBodyKindFieldEvent {
    field: '$.kind'
    value: InvitationKind
  }

  export interface InvitationBodyGroupIdFieldEvent {
    field: '$.groupId'
    value: string
  }

  export interface InvitationBodyPropertiesFieldEvent {
    field: '$.properties'
    value: Uint8Array<ArrayBuffer>
  }

  export interface InvitationBodyChainFieldEvent {
    field: '$.chain[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface InvitationBodyAddressesFieldEvent {
    field: '$.addresses[]'
    index: number
    value: string
  }

  export interface InvitationBodyIssuedAtFieldEvent {
    field: '$.issuedAt'
    value: number
  }

  export interface InvitationBodyExpiresAtFieldEvent {
    field: '$.expiresAt'
    value: number
  }

  export function encode (obj: Partial<InvitationBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, InvitationBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<InvitationBody>): InvitationBody {
    return decodeMessage(buf, InvitationBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<InvitationBody>): Generator<InvitationBodyVersionFieldEvent | InvitationBodyKindFieldEvent | InvitationBodyGroupIdFieldEvent | InvitationBodyPropertiesFieldEvent | InvitationBodyChainFieldEvent | InvitationBodyAddressesFieldEvent | InvitationBodyIssuedAtFieldEvent | InvitationBodyExpiresAtFieldEvent> {
    return streamMessage(buf, InvitationBody.codec(), opts)
  }
}

export interface SignedInvitation {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedInvitation {
  let _codec: Codec<SignedInvitation>

  export const codec = (): Codec<SignedInvitation> => {
    if (_codec == null) {
      _codec = message<SignedInvitation>((obj, w, opts = {}) => {
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

  export interface SignedInvitationBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedInvitationSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedInvitation>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedInvitation.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedInvitation>): SignedInvitation {
    return decodeMessage(buf, SignedInvitation.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedInvitation>): Generator<SignedInvitationBodyFieldEvent | SignedInvitationSignatureFieldEvent> {
    return streamMessage(buf, SignedInvitation.codec(), opts)
  }
}
