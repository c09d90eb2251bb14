import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface CardBody {
  version: number
  identityCertificate: Uint8Array<ArrayBuffer>
  nickname: string
  displayName: string
  email: string
  addresses: string[]
  issuedAt: number
}

export namespace CardBody {
  let _codec: Codec<CardBody>

  export const codec = (): Codec<CardBody> => {
    if (_codec == null) {
      _codec = message<CardBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.identityCertificate != null && obj.identityCertificate.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.identityCertificate)
        }

        if ((obj.nickname != null && obj.nickname !== '')) {
          w.uint32(26)
          w.string(obj.nickname)
        }

        if ((obj.displayName != null && obj.displayName !== '')) {
          w.uint32(34)
          w.string(obj.displayName)
        }

        if ((obj.email != null && obj.email !== '')) {
          w.uint32(42)
          w.string(obj.email)
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

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          identityCertificate: uint8ArrayAlloc(0),
          nickname: '',
          displayName: '',
          email: '',
          addresses: [],
          issuedAt: 0
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
              obj.identityCertificate = reader.bytes()
              break
            }
            case 3: {
              obj.nickname = reader.string()
              break
            }
            case 4: {
              obj.displayName = reader.string()
              break
            }
            case 5: {
              obj.email = reader.string()
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
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
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
                field: `${prefix}.identityCertificate`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.nickname`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.displayName`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.email`,
                value: reader.string()
              }
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

  export interface CardBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface CardBodyIdentityCertificateFieldEvent {
    field: '$.identityCertificate'
    value: Uint8Array<ArrayBuffer>
  }

  export interface CardBodyNicknameFieldEvent {
    field: '$.nickname'
    value: string
  }

  export interface CardBodyDisplayNameFieldEvent {
    field: '$.displayName'
    value: string
  }

  export interface CardBodyEmailFieldEvent {
    field: '$.email'
    value: string
  }

  export interface CardBodyAddressesFieldEvent {
    field: '$.addresses[]'
    index: number
    value: string
  }

  export interface CardBodyIssuedAtFieldEvent {
    field: '$.issuedAt'
    value: number
  }

  export function encode (obj: Partial<CardBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, CardBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CardBody>): CardBody {
    return decodeMessage(buf, CardBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CardBody>): Generator<CardBodyVersionFieldEvent | CardBodyIdentityCertificateFieldEvent | CardBodyNicknameFieldEvent | CardBodyDisplayNameFieldEvent | CardBodyEmailFieldEvent | CardBodyAddressesFieldEvent | CardBodyIssuedAtFieldEvent> {
    return streamMessage(buf, CardBody.codec(), opts)
  }
}

export interface SignedCard {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedCard {
  let _codec: Codec<SignedCard>

  export const codec = (): Codec<SignedCard> => {
    if (_codec == null) {
      _codec = message<SignedCard>((obj, w, opts = {}) => {
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

  export interface SignedCardBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedCardSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedCard>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedCard.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedCard>): SignedCard {
    return decodeMessage(buf, SignedCard.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedCard>): Generator<SignedCardBodyFieldEvent | SignedCardSignatureFieldEvent> {
    return streamMessage(buf, SignedCard.codec(), opts)
  }
}
