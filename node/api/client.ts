/**
 * The control API's client, as the CLI uses it: finds the running node through the data
 * directory, sends the token, and turns every failure into a PeerhoodError with a stable code.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PeerhoodError, isErrorCode } from '../../protocols/common/errors.ts'
import type { EventFilter, PeerhoodEvent } from '../events.ts'
import type { NodeStatus, PeerSummary, PingResult } from '../types.ts'
import { readApiFile } from './api-file.ts'
import { TOKEN_FILE } from './constants.ts'
import { readEventStream } from './client-events.ts'
import { formatEventFilter } from './filter.ts'
import type { NodeIdentity } from './routes.ts'

/** Where the API is and how to authenticate. */
export interface ApiClientInit {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string
  /** Bearer token (contents of `api-token`). */
  token: string
}

/** Options of a single request. */
export interface ApiRequestOptions {
  /** Aborts the request (the server's handler sees its own signal abort). @default undefined */
  signal?: AbortSignal
}

/** Options of {@link ApiClient.events}. */
export interface ApiEventsOptions extends ApiRequestOptions {
  /** Called once the server has subscribed: events emitted from then on are delivered. @default undefined */
  onOpen?: () => void
}

/** A client of one node's control API. Every method throws PeerhoodError with the server's code. */
export class ApiClient {
  /** Base URL of the API. */
  readonly url: string
  private readonly token: string

  constructor (init: ApiClientInit) {
    this.url = init.url.replace(/\/+$/, '')
    this.token = init.token
  }

  /** A client for the node running on `dataDir` (reads `api.json` and `api-token`). Codes: `NODE_NOT_RUNNING`. */
  static async fromDataDir (dataDir: string): Promise<ApiClient> {
    const { url } = await readApiFile(dataDir)
    const file = join(dataDir, TOKEN_FILE)
    let token: string
    try {
      token = (await readFile(file, 'utf8')).trim()
    } catch (err) {
      throw new PeerhoodError('NODE_NOT_RUNNING', `no running node found (cannot read ${file})`, { cause: err, details: { path: file } })
    }
    return new ApiClient({ url, token })
  }

  /** `GET /v1/id`. */
  async id (): Promise<NodeIdentity> { return await this.request('GET', '/v1/id') }

  /** `GET /v1/status`. */
  async status (): Promise<NodeStatus> { return await this.request('GET', '/v1/status') }

  /** `GET /v1/peers`. */
  async peers (): Promise<PeerSummary[]> { return await this.request('GET', '/v1/peers') }

  /** `POST /v1/connect`. Codes: `INVALID_MULTIADDR`, `CONNECTION_FAILED`, `CONNECT_SELF`. */
  async connect (multiaddr: string, options?: ApiRequestOptions): Promise<PeerSummary> {
    return await this.request('POST', '/v1/connect', { multiaddr }, options)
  }

  /** `POST /v1/ping` with a PeerId or a multiaddr. Codes: `INVALID_PEER_ID`, `CONNECTION_FAILED`, `TIMEOUT`. */
  async ping (peer: string, options?: ApiRequestOptions): Promise<PingResult> {
    return await this.request('POST', '/v1/ping', { peer }, options)
  }

  /** `GET /metrics`: Prometheus text. */
  async metrics (): Promise<string> {
    const res = await this.send('GET', '/metrics', undefined, {})
    return await res.text()
  }

  /** Any endpoint: sends `body` as JSON, returns the parsed JSON response (undefined for 204). */
  async request<T> (method: string, path: string, body?: unknown, options: ApiRequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, body, options)
    if (res.status === 204) return undefined as T
    const text = await res.text()
    try {
      return JSON.parse(text) as T
    } catch (err) {
      throw new PeerhoodError('INTERNAL', `${method} ${path}: response is not JSON`, { cause: err })
    }
  }

  /**
   * Streams `GET /v1/events` to `onEvent`. Resolves when the stream ends (the node stopped) or
   * `options.signal` aborts; throws PeerhoodError if the stream cannot be opened.
   */
  async events (filter: EventFilter, onEvent: (event: PeerhoodEvent) => void, options: ApiEventsOptions = {}): Promise<void> {
    let res: Response
    try {
      res = await this.send('GET', '/v1/events' + formatEventFilter(filter), undefined, options, 'text/event-stream')
    } catch (err) {
      if (options.signal?.aborted === true) return
      throw err
    }
    options.onOpen?.()
    await readEventStream(res, onEvent, options.signal)
  }

  /** Sends a request; returns a 2xx response, or throws the error the response (or the network) reports. */
  private async send (method: string, path: string, body: unknown, options: ApiRequestOptions, accept = 'application/json'): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept }
    if (body !== undefined) headers['content-type'] = 'application/json'
    let res: Response
    try {
      res = await fetch(this.url + path, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(options.signal === undefined ? {} : { signal: options.signal })
      })
    } catch (err) {
      throw networkError(err, this.url)
    }
    if (res.ok) return res
    throw await responseError(res)
  }
}

/** The PeerhoodError an error response carries (unknown or missing code → `INTERNAL`). */
export async function responseError (res: Response): Promise<PeerhoodError> {
  const text = await res.text().catch(() => '')
  let parsed: Record<string, unknown> = {}
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value === 'object' && value !== null) parsed = value as Record<string, unknown>
  } catch { /* not JSON: reported as INTERNAL below */ }
  const code = isErrorCode(parsed.code) ? parsed.code : 'INTERNAL'
  const message = typeof parsed.message === 'string' ? parsed.message : `HTTP ${res.status}`
  const details = typeof parsed.details === 'object' && parsed.details !== null ? parsed.details as Record<string, unknown> : {}
  return new PeerhoodError(code, message, { details: { ...details, httpStatus: res.status } })
}

/** Maps a `fetch` failure: nobody listening (or the socket dropped) → `NODE_NOT_RUNNING`; aborts are rethrown as they are. */
function networkError (err: unknown, url: string): unknown {
  if (err instanceof Error && err.name === 'AbortError') return err
  const cause = err instanceof Error ? err.cause as NodeJS.ErrnoException | undefined : undefined
  const code = cause?.code
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') {
    return new PeerhoodError('NODE_NOT_RUNNING', `no node answers at ${url} (${code})`, { cause: err, details: { url } })
  }
  return new PeerhoodError('INTERNAL', `request to ${url} failed`, { cause: err, details: { url, ...(code === undefined ? {} : { errno: code }) } })
}
