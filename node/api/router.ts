/**
 * A tiny router, so features add endpoints (`router.add('GET', '/v1/groups/:id', handler)`)
 * without touching the server.
 */
import type { ZodType } from 'zod'
import { PeerhoodError } from '../../protocols/common/errors.ts'

/** HTTP methods a route may use. */
export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** What a handler receives. */
export interface ApiRequest {
  /** The request method. */
  method: ApiMethod
  /** The path, without the query string (e.g. `/v1/groups/abc/records`). */
  path: string
  /** Path parameters by name (`:id` → `params.id`), URI-decoded. */
  params: Record<string, string>
  /** The query string. */
  query: URLSearchParams
  /** Parsed JSON body; undefined when the request has none. At most 1 MiB unless the route sets its own limit. */
  body: unknown
  /** Aborted when the client goes away (or the server closes) before the response is sent. */
  signal: AbortSignal
}

/**
 * Handles one request. The resolved value is sent as 200 JSON (`undefined` as 204 No Content),
 * or as text / an event stream when it is a {@link TextReply} / {@link EventStreamReply}. A thrown
 * PeerhoodError is sent as `{ code, message }` with the status of its code.
 */
export type ApiHandler = (req: ApiRequest) => Promise<unknown>

/** How one route bounds its request body. */
export interface BodyLimit {
  /** Largest body, in bytes, for the request's path parameters (e.g. from the group's record limit). */
  bytes: (params: Record<string, string>) => Promise<number>
  /** Code of the 413 refusal of a larger body. @default 'INVALID_REQUEST' */
  code?: 'INVALID_REQUEST' | 'MAX_RECORD_SIZE_EXCEEDED' | 'MAX_DATA_SIZE_EXCEEDED'
}

/**
 * What a route declares besides its handler. The router validates requests with `body` and
 * `query` before the handler runs, and `GET /v1/openapi.json` is generated from the same fields.
 */
export interface RouteOptions {
  /** Schema of the JSON body (examples in its `.meta({ examples })`). @default undefined (any body) */
  body?: ZodType
  /** Schema of the query string as an object of strings. @default undefined (any query) */
  query?: ZodType
  /** One line for the API description. @default `METHOD /pattern` */
  summary?: string
  /** Groups of the API description (`node`, `groups`, `records`, ...). @default the first path segment after `/v1` */
  tags?: string[]
  /** Served without the bearer token or session (the login exchange only). @default false */
  public?: boolean
  /** The route's own body limit. @default undefined (the API's 1 MiB, `INVALID_REQUEST`) */
  bodyLimit?: BodyLimit
}

/** A registered route, as {@link ApiRouter.entries} lists it. */
export interface RouteEntry {
  /** Its method. */
  method: ApiMethod
  /** Its path pattern (`/v1/groups/:id`). */
  pattern: string
  /** What it declared. */
  options: RouteOptions
}

/** Outcome of {@link ApiRouter.match}. */
export type RouteMatch =
  | { kind: 'found', handler: ApiHandler, params: Record<string, string>, options: RouteOptions }
  | { kind: 'method-not-allowed', allow: ApiMethod[] }
  | { kind: 'not-found' }

interface Route {
  method: ApiMethod
  pattern: string
  segments: string[]
  handler: ApiHandler
  options: RouteOptions
}

/** Routes by method and path pattern; `:name` segments capture one path segment each. */
export class ApiRouter {
  private readonly routes: Route[] = []

  /**
   * Adds a route. Patterns start with `/`; a segment `:name` matches any one non-empty segment.
   * Literal segments win over parameters whatever the order of registration.
   * Throws `ALREADY_EXISTS` when the same method and pattern shape is added twice.
   */
  add (method: ApiMethod, pattern: string, handler: ApiHandler, options: RouteOptions = {}): this {
    if (!pattern.startsWith('/')) throw new PeerhoodError('INVALID_ARGUMENT', `route pattern must start with "/": ${pattern}`)
    const segments = split(pattern)
    const shape = segments.map(s => s.startsWith(':') ? ':' : s).join('/')
    if (this.routes.some(r => r.method === method && r.segments.map(s => s.startsWith(':') ? ':' : s).join('/') === shape)) {
      throw new PeerhoodError('ALREADY_EXISTS', `route already added: ${method} ${pattern}`)
    }
    this.routes.push({ method, pattern, segments, handler, options })
    return this
  }

  /** Finds the route for `method` and `path` (no query string). Throws `INVALID_REQUEST` on bad %-escapes. */
  match (method: string, path: string): RouteMatch {
    const parts = split(path)
    let best: { route: Route, params: Record<string, string>, score: number } | undefined
    const allow = new Set<ApiMethod>()
    for (const route of this.routes) {
      const result = matchSegments(route.segments, parts)
      if (result === undefined) continue
      allow.add(route.method)
      if (route.method !== method) continue
      if (best === undefined || result.score > best.score) best = { route, ...result }
    }
    if (best !== undefined) return { kind: 'found', handler: best.route.handler, params: best.params, options: best.route.options }
    if (allow.size > 0) return { kind: 'method-not-allowed', allow: [...allow] }
    return { kind: 'not-found' }
  }

  /** Every route as `METHOD /pattern`, in registration order (for docs and tests). */
  list (): string[] {
    return this.routes.map(r => `${r.method} ${r.pattern}`)
  }

  /** Every route with its options, in registration order (the API description is built from these). */
  entries (): RouteEntry[] {
    return this.routes.map(r => ({ method: r.method, pattern: r.pattern, options: r.options }))
  }
}

/** Splits a path into segments, ignoring one trailing slash. */
function split (path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path
  return trimmed.split('/').slice(1)
}

/** Matches path parts against a pattern; the score counts literal segments so they win. */
function matchSegments (segments: string[], parts: string[]): { params: Record<string, string>, score: number } | undefined {
  if (segments.length !== parts.length) return undefined
  const params: Record<string, string> = {}
  let score = 0
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!
    const part = parts[i]!
    if (seg.startsWith(':')) {
      if (part === '') return undefined
      params[seg.slice(1)] = decode(part)
    } else if (seg === part) {
      score++
    } else {
      return undefined
    }
  }
  return { params, score }
}

function decode (part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    throw new PeerhoodError('INVALID_REQUEST', 'malformed percent-encoding in path')
  }
}
