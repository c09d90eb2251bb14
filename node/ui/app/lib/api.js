// Calls to the node's API: same origin, authenticated by the HttpOnly session cookie the
// browser sends by itself (the page never sees a token).

/** An API error: `code` is the stable PeerhoodError code. */
export class ApiError extends Error {
  constructor (status, body) {
    super(body?.message ?? `HTTP ${status}`)
    this.status = status
    this.code = body?.code ?? 'INTERNAL'
  }
}

/** `method path` with an optional JSON body; resolves to the parsed JSON (undefined on 204). */
export async function api (method, path, body) {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin'
  })
  if (res.status === 204) return undefined
  const value = await res.json().catch(() => undefined)
  if (!res.ok) throw new ApiError(res.status, value)
  return value
}

export const get = path => api('GET', path)
export const post = (path, body) => api('POST', path, body)
export const put = (path, body) => api('PUT', path, body)
export const patch = (path, body) => api('PATCH', path, body)
export const del = path => api('DELETE', path)

/** `/v1/groups/<id><rest>` with the id escaped. */
export const groupPath = (id, rest = '') => `/v1/groups/${encodeURIComponent(id)}${rest}`

/** `/v1/collab/<rest>` with each path segment escaped (PeerIds, object and invitation ids). */
export const collabPath = (...segments) => `/v1/collab/${segments.map(encodeURIComponent).join('/')}`
