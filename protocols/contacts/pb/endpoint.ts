import { decodeMessage, encodeMessage, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface EndpointCertificateBody {
  version: number
  endpoint: Uint8Array<ArrayBuffer>
  identityKey: Uint8Array<ArrayBuffer>
  issuedAt: number
  expiresAt: number
}

export namespace EndpointCertificateBody {
  let _codec: Codec<EndpointCertificateBody>

  export const codec = (): Codec<EndpointCertificateBody> => {
    if (_codec == null) {
      _codec = message<EndpointCertificateBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.endpoint != null && obj.endpoint.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.endpoint)
        }

        if ((obj.identityKey != null && obj.identityKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.identityKey)
        }

        if ((obj.issuedAt != null && obj.issuedAt !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.issuedAt)
        }

        if ((obj.expiresAt != null && obj.expiresAt !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.expiresAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          endpoint: uint8ArrayAlloc(0),
          identityKey: uint8ArrayAlloc(0),
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
              obj.endpoint = reader.bytes()
              break
            }
            case 3: {
              obj.identityKey = reader.bytes()
              break
            }
            case 4: {
              obj.issuedAt = reader.uint64Number()
              break
            }
            case 5: {
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
                field: `${prefix}.endpoint`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.identityKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.issuedAt`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
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

  export interface EndpointCertificateBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface EndpointCertificateBodyEndpointFieldEvent {
    field: '$.endpoint'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EndpointCertificateBodyIdentityKeyFieldEvent {
    field: '$.identityKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EndpointCertificateBodyIssuedAtFieldEvent {
    field: '$.issuedAt'
    value: number
  }

  export interface EndpointCertificateBodyExpiresAtFieldEvent {
    field: '$.expiresAt'
    value: number
  }

  export function encode (obj: Partial<EndpointCertificateBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, EndpointCertificateBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EndpointCertificateBody>): EndpointCertificateBody {
    return decodeMessage(buf, EndpointCertificateBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EndpointCertificateBody>): Generator<EndpointCertificateBodyVersionFieldEvent | EndpointCertificateBodyEndpointFieldEvent | EndpointCertificateBodyIdentityKeyFieldEvent | EndpointCertificateBodyIssuedAtFieldEvent | EndpointCertificateBodyExpiresAtFieldEvent> {
    return streamMessage(buf, EndpointCertificateBody.codec(), opts)
  }
}

export interface SignedEndpointCertificate {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedEndpointCertificate {
  let _codec: Codec<SignedEndpointCertificate>

  export const codec = (): Codec<SignedEndpointCertificate> => {
    if (_codec == null) {
      _codec = message<SignedEndpointCertificate>((obj, w, opts = {}) => {
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

  export interface SignedEndpointCertificateBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedEndpointCertificateSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedEndpointCertificate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedEndpointCertificate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedEndpointCertificate>): SignedEndpointCertificate {
    return decodeMessage(buf, SignedEndpointCertificate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedEndpointCertificate>): Generator<SignedEndpointCertificateBodyFieldEvent | SignedEndpointCertificateSignatureFieldEvent> {
    return streamMessage(buf, SignedEndpointCertificate.codec(), opts)
  }
}

export interface EndpointRevocationBody {
  version: number
  endpoint: Uint8Array<ArrayBuffer>
  identityKey: Uint8Array<ArrayBuffer>
  revokedAt: number
  reason: string
}

export namespace EndpointRevocationBody {
  let _codec: Codec<EndpointRevocationBody>

  export const codec = (): Codec<EndpointRevocationBody> => {
    if (_codec == null) {
      _codec = message<EndpointRevocationBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.endpoint != null && obj.endpoint.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.endpoint)
        }

        if ((obj.identityKey != null && obj.identityKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.identityKey)
        }

        if ((obj.revokedAt != null && obj.revokedAt !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.revokedAt)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(42)
          w.string(obj.reason)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          endpoint: uint8ArrayAlloc(0),
          identityKey: uint8ArrayAlloc(0),
          revokedAt: 0,
          reason: ''
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
              obj.endpoint = reader.bytes()
              break
            }
            case 3: {
              obj.identityKey = reader.bytes()
              break
            }
            case 4: {
              obj.revokedAt = reader.uint64Number()
              break
            }
            case 5: {
              obj.reason = reader.string()
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
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.endpoint`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.identityKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.revokedAt`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.reason`,
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

  export interface EndpointRevocationBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface EndpointRevocationBodyEndpointFieldEvent {
    field: '$.endpoint'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EndpointRevocationBodyIdentityKeyFieldEvent {
    field: '$.identityKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EndpointRevocationBodyRevokedAtFieldEvent {
    field: '$.revokedAt'
    value: number
  }

  export interface EndpointRevocationBodyReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export function encode (obj: Partial<EndpointRevocationBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, EndpointRevocationBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EndpointRevocationBody>): EndpointRevocationBody {
    return decodeMessage(buf, EndpointRevocationBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EndpointRevocationBody>): Generator<EndpointRevocationBodyVersionFieldEvent | EndpointRevocationBodyEndpointFieldEvent | EndpointRevocationBodyIdentityKeyFieldEvent | EndpointRevocationBodyRevokedAtFieldEvent | EndpointRevocationBodyReasonFieldEvent> {
    return streamMessage(buf, EndpointRevocationBody.codec(), opts)
  }
}

export interface SignedEndpointRevocation {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedEndpointRevocation {
  let _codec: Codec<SignedEndpointRevocation>

  export const codec = (): Codec<SignedEndpointRevocation> => {
    if (_codec == null) {
      _codec = message<SignedEndpointRevocation>((obj, w, opts = {}) => {
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

  export interface SignedEndpointRevocationBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedEndpointRevocationSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedEndpointRevocation>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedEndpointRevocation.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedEndpointRevocation>): SignedEndpointRevocation {
    return decodeMessage(buf, SignedEndpointRevocation.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedEndpointRevocation>): Generator<SignedEndpointRevocationBodyFieldEvent | SignedEndpointRevocationSignatureFieldEvent> {
    return streamMessage(buf, SignedEndpointRevocation.codec(), opts)
  }
}
