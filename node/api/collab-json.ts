/**
 * Collaboration values as the control API reports them: bytes as base64 (and as text when they
 * are UTF-8), times as ISO 8601 text and epoch milliseconds.
 */
import { PeerhoodError } from '../../protocols/common/errors.ts'
import type { ApplicationInfo, ApplicationRegistration, EndpointData, EndpointObject, PublishedObject } from '../../protocols/collaboration/types.ts'
import type { Contact } from '../../protocols/contacts/types.ts'

/** A contact as JSON. */
export interface ContactJson {
  /** Its PeerId. */
  peerId: string
  /** Its nickname. */
  nickname: string
  /** Its display name. */
  displayName: string
  /** Its e-mail. */
  email: string
  /** I watch it. */
  watch: boolean
  /** Whether it may watch me. */
  watcherPermission: 'allowed' | 'blocked'
  /** Added from a verified card. */
  trusted: boolean
  /** Addresses from its card. */
  addresses: string[]
  /** When it was added, ISO 8601. */
  addedAt: string
}

/** An object as JSON (mine carry their scope). */
export interface ObjectJson {
  /** Its id. */
  id: string
  /** Size in bytes. */
  size: number
  /** Data, base64. */
  data: string
  /** Data as text, when it is UTF-8. */
  dataText?: string
  /** Scope (my objects only). */
  scope?: string
}

/** An application as JSON (mine carry their scope and local launch command). */
export interface ApplicationJson {
  /** Its id. */
  id: string
  /** Its description. */
  description: string
  /** Size of its data in bytes. */
  size: number
  /** Data, base64. */
  data: string
  /** Local launch command (my applications only; never sent). */
  launch?: string
  /** Local launch arguments (my applications only; never sent). */
  args?: string[]
  /** Scope (my applications only). */
  scope?: string
}

/** Endpoint data as JSON. */
export interface EndpointDataJson extends Omit<EndpointData, 'objects' | 'applications' | 'updatedAt'> {
  /** Its objects. */
  objects: ObjectJson[]
  /** Its applications. */
  applications: ApplicationJson[]
  /** When it last changed, ISO 8601. */
  updatedAt: string
}

function utf8 (data: Uint8Array): string | undefined {
  try { return new TextDecoder('utf-8', { fatal: true }).decode(data) } catch { return undefined }
}

/** A contact as JSON. */
export function contactJson (c: Contact): ContactJson {
  return {
    peerId: c.peerId,
    nickname: c.nickname,
    displayName: c.displayName,
    email: c.email,
    watch: c.watch,
    watcherPermission: c.watcherPermission,
    trusted: c.certificate !== undefined,
    addresses: c.addresses,
    addedAt: new Date(c.addedAt).toISOString()
  }
}

/** An object as JSON. */
export function objectJson (o: EndpointObject | PublishedObject): ObjectJson {
  const text = utf8(o.data)
  return { id: o.id, size: o.data.length, data: Buffer.from(o.data).toString('base64'), ...(text === undefined ? {} : { dataText: text }), ...('scope' in o ? { scope: o.scope } : {}) }
}

/** An application as JSON. */
export function applicationJson (a: ApplicationInfo | ApplicationRegistration): ApplicationJson {
  return {
    id: a.id,
    description: a.description,
    size: a.data.length,
    data: Buffer.from(a.data).toString('base64'),
    ...('launch' in a ? { launch: a.launch, args: a.args, scope: a.scope } : {})
  }
}

/** Endpoint data as JSON. */
export function endpointDataJson (d: EndpointData): EndpointDataJson {
  return { ...d, objects: d.objects.map(objectJson), applications: d.applications.map(applicationJson), updatedAt: new Date(d.updatedAt).toISOString() }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** Bytes given as base64 `data` or UTF-8 `dataText` (not both), or undefined. Code: `INVALID_ARGUMENT`. */
export function bytesOf (b: Record<string, unknown>): Uint8Array | undefined {
  const { data, dataText } = b
  if (data !== undefined && dataText !== undefined) throw new PeerhoodError('INVALID_ARGUMENT', 'give "data" or "dataText", not both', { details: { key: 'data' } })
  if (dataText !== undefined) {
    if (typeof dataText !== 'string') throw new PeerhoodError('INVALID_ARGUMENT', '"dataText" must be a string', { details: { key: 'dataText' } })
    return new TextEncoder().encode(dataText)
  }
  if (data === undefined) return undefined
  if (typeof data !== 'string' || !BASE64.test(data)) throw new PeerhoodError('INVALID_ARGUMENT', '"data" must be base64', { details: { key: 'data' } })
  return new Uint8Array(Buffer.from(data, 'base64'))
}
