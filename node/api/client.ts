/**
 * The control API's client, as the CLI uses it: finds the running node through the data
 * directory, sends the token, and turns every failure into a PeerhoodError with a stable code.
 */
import type { LoginCodeJson } from './routes-ui.ts'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PeerhoodError, isErrorCode } from '../../protocols/common/errors.ts'
import type { EventFilter, PeerhoodEvent } from '../events.ts'
import type { NodeStatus, PeerSummary, PingResult } from '../types.ts'
import { readApiFile } from './api-file.ts'
import { TOKEN_FILE } from './constants.ts'
import { limitRequest } from './client-limit.ts'
import { readEventStream } from './client-events.ts'
import { formatEventFilter } from './filter.ts'
import type { NodeIdentity } from './routes.ts'
import type {
  GroupDetailJson, GroupMemberJson, GroupStatusJson, GroupSummaryJson, IssueResultJson, MemberJson
} from './routes-groups.ts'
import type { RecordInputJson, RecordJson } from './routes-records.ts'
import type { RecordBatchResultJson } from './routes-records-batch.ts'
import type { DirectConnectionJson, GroupConnectionJson, SendDataJson } from './routes-connections.ts'
import type { InvitationInfoJson, InvitationJson } from './routes-joining.ts'
import type { RevocationJson, RevokeResultJson } from './routes-revocation.ts'
import type { NearPersonJson } from './routes-near.ts'
import type { Role } from '../../protocols/certificates/roles.ts'
import type { GroupProperties, PasswordRole } from '../../protocols/groups/properties.ts'
import type { GroupPropertiesPatch } from '../../protocols/groups/update-properties.ts'
import type { CreateGroupOptions, IssueCredentialsOptions } from '../../protocols/peer-groups/types.ts'

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

  /** `GET /v1/collab/near`: everyone People Near Me sees on the local network. */
  async near (): Promise<NearPersonJson[]> { return await this.request('GET', '/v1/collab/near') }

  /** `GET /v1/collab/near/:id` (id or PeerId). Codes: `NOT_FOUND`. */
  async nearPerson (idOrPeerId: string): Promise<NearPersonJson> { return await this.request('GET', `/v1/collab/near/${encodeURIComponent(idOrPeerId)}`) }

  /** `POST /v1/connect`. Codes: `INVALID_MULTIADDR`, `CONNECTION_FAILED`, `CONNECT_SELF`. */
  async connect (multiaddr: string, options?: ApiRequestOptions): Promise<PeerSummary> {
    return await this.request('POST', '/v1/connect', { multiaddr }, options)
  }

  /** `POST /v1/ping` with a PeerId or a multiaddr. Codes: `INVALID_PEER_ID`, `CONNECTION_FAILED`, `TIMEOUT`. */
  async ping (peer: string, options?: ApiRequestOptions): Promise<PingResult> {
    return await this.request('POST', '/v1/ping', { peer }, options)
  }

  /** `POST /v1/groups`. Codes: `INVALID_FRIENDLY_NAME`, `INVALID_CLASSIFIER`, `INVALID_GROUP_PROPERTIES`. */
  async createGroup (options: CreateGroupOptions): Promise<GroupSummaryJson> {
    return await this.request('POST', '/v1/groups', options)
  }

  /** `GET /v1/groups`: every local group. */
  async groups (): Promise<GroupSummaryJson[]> { return await this.request('GET', '/v1/groups') }

  /** `GET /v1/groups/:id`: summary and this node's chain. Code: `INVALID_GROUP`. */
  async group (groupId: string): Promise<GroupDetailJson> { return await this.request('GET', groupPath(groupId)) }

  /** `DELETE /v1/groups/:id`: forgets the group's local data. Code: `INVALID_GROUP`. */
  async deleteGroup (groupId: string): Promise<void> { await this.request('DELETE', groupPath(groupId)) }

  /** `GET /v1/groups/:id/cert?format=pem`: this node's chain as PEM, GRC first. */
  async groupCertPem (groupId: string): Promise<string> {
    return await this.send('GET', groupPath(groupId, '/cert?format=pem'), undefined, {}, 'text/plain')
  }

  /** `GET /v1/groups/:id/cert?format=json`: this node's chain as base64 DER, GRC first. */
  async groupCertDer (groupId: string): Promise<{ groupId: string, chain: string[] }> {
    return await this.request('GET', groupPath(groupId, '/cert?format=json'))
  }

  /** `PATCH /v1/groups/:id/properties` (creator only). Codes: `NOT_AUTHORIZED`, `INVALID_GROUP_PROPERTIES`. */
  async setGroupProperties (groupId: string, patch: GroupPropertiesPatch): Promise<GroupProperties> {
    return await this.request('PATCH', groupPath(groupId, '/properties'), patch)
  }

  /** `POST /v1/groups/:id/issue`. Codes: `NOT_AUTHORIZED`, `INVALID_TIME_PERIOD`, `CHAIN_TOO_LONG`, `INVALID_PEER_ID`. */
  async issueCredentials (groupId: string, options: IssueCredentialsOptions): Promise<IssueResultJson> {
    return await this.request('POST', groupPath(groupId, '/issue'), options)
  }

  /** `POST /v1/groups/:id/export`: the password-sealed membership text. */
  async exportMembership (groupId: string, password: string, options: { includeRootKey?: boolean } = {}): Promise<string> {
    const { text } = await this.request<{ text: string }>('POST', groupPath(groupId, '/export'), { password, ...options })
    return text
  }

  /** `POST /v1/groups/import`. Codes: `BAD_PASSWORD`, `INVALID_EXPORT`, `NOT_AUTHORIZED`, `ALREADY_EXISTS`. */
  async importMembership (text: string, password: string): Promise<GroupSummaryJson> {
    return await this.request('POST', '/v1/groups/import', { text, password })
  }

  /** `GET /v1/groups/:id/status`. */
  async groupStatus (groupId: string): Promise<GroupStatusJson> { return await this.request('GET', groupPath(groupId, '/status')) }

  /** `GET /v1/groups/:id/members`: this node first; with `present`, only members online (a live presence record) or connected. */
  async groupMembers (groupId: string, options: { present?: boolean } = {}): Promise<GroupMemberJson[]> {
    return await this.request('GET', groupPath(groupId, options.present === true ? '/members?present=true' : '/members'))
  }

  /**
   * `POST /v1/groups/:id/invitations`: an invitation bound to one invitee. `expiresAt` is ISO 8601
   * text or epoch milliseconds. Codes: `INVALID_PEER_ID`, `NOT_AUTHORIZED`, `INVALID_TIME_PERIOD`,
   * `CHAIN_TOO_LONG`, `GROUP_NOT_READY`.
   */
  async createInvitation (groupId: string, options: { peerId: string, roles?: Role[], expiresAt?: string | number, lifetimeMs?: number | 'infinite', displayName?: string, addresses?: string[] }): Promise<InvitationJson> {
    return await this.request('POST', groupPath(groupId, '/invitations'), options)
  }

  /** `POST /v1/groups/:id/invitations/password` (administrators). Codes: `NOT_AUTHORIZED`, `PASSWORD_NOT_SET`, `INVALID_TIME_PERIOD`. */
  async createPasswordInvitation (groupId: string, options: { expiresAt?: string | number, lifetimeMs?: number | 'infinite', addresses?: string[] } = {}): Promise<InvitationJson> {
    return await this.request('POST', groupPath(groupId, '/invitations/password'), options)
  }

  /** `POST /v1/invitations/parse`: verifies an invitation offline. Codes: `INVITATION_NOT_TRUSTED`, `INVALID_TIME_PERIOD`. */
  async parseInvitation (token: string): Promise<InvitationInfoJson> {
    return await this.request('POST', '/v1/invitations/parse', { token })
  }

  /**
   * `POST /v1/groups/join`: joins with an invitation (and the group password for a password
   * invitation); the node then looks for members in the background. Codes:
   * `INVITATION_NOT_TRUSTED`, `INVALID_TIME_PERIOD`, `ALREADY_A_MEMBER`, `AUTHENTICATION_FAILED`,
   * `THROTTLED`, `NO_MEMBERS_FOUND`.
   */
  async joinGroup (token: string, options: { password?: string } = {}, request?: ApiRequestOptions): Promise<GroupSummaryJson> {
    return await this.request('POST', '/v1/groups/join', { token, ...options }, request)
  }

  /** `PUT /v1/groups/:id/password` (creator). Codes: `NOT_AUTHORIZED`, `PASSWORD_DOES_NOT_MEET_POLICY`. */
  async setGroupPassword (groupId: string, password: string, options: { role?: PasswordRole } = {}): Promise<GroupProperties> {
    return await this.request('PUT', groupPath(groupId, '/password'), { password, ...options })
  }

  /** `POST /v1/groups/:id/renew`: renews this node's certificate with a connected administrator. Code: `NO_MEMBERS_FOUND`. */
  async renewCredentials (groupId: string, options: { peerId?: string } = {}, request?: ApiRequestOptions): Promise<MemberJson> {
    return await this.request('POST', groupPath(groupId, '/renew'), options, request)
  }

  /** `POST /v1/groups/:id/revoke` (administrator or creator). Codes: `NOT_AUTHORIZED`, `INVALID_ARGUMENT`. */
  async revokeMember (groupId: string, peerId: string, options: { reason?: string, lift?: boolean } = {}): Promise<RevokeResultJson> {
    return await this.request('POST', groupPath(groupId, '/revoke'), { peerId, ...options })
  }

  /** `GET /v1/groups/:id/revocations`: the revocations in force. */
  async revocations (groupId: string): Promise<RevocationJson[]> {
    return await this.request('GET', groupPath(groupId, '/revocations'))
  }

  /** `POST /v1/groups/:id/connect`: looks for members; resolves with the connected ones. Code: `NO_MEMBERS_FOUND`. */
  async connectGroup (groupId: string, options: { addresses?: string[], timeoutMs?: number } = {}, request?: ApiRequestOptions): Promise<MemberJson[]> {
    return await this.request('POST', groupPath(groupId, '/connect'), options, request)
  }

  /** `GET /v1/groups/:id/connections`: neighbours (connected members), then direct connections. */
  async groupConnections (groupId: string): Promise<GroupConnectionJson[]> {
    return await this.request('GET', groupPath(groupId, '/connections'))
  }

  /** `POST /v1/groups/:id/connections`: opens a direct connection. Codes: `CONNECT_SELF`, `NOT_A_MEMBER`, `MAX_CONNECTIONS_EXCEEDED`, `CONNECTION_FAILED`. */
  async openConnection (groupId: string, peerId: string, request?: ApiRequestOptions): Promise<DirectConnectionJson> {
    return await this.request('POST', groupPath(groupId, '/connections'), { peerId }, request)
  }

  /** `DELETE /v1/groups/:id/connections/:cid`. Code: `CONNECTION_NOT_FOUND`. */
  async closeConnection (groupId: string, connectionId: string): Promise<void> {
    await this.request('DELETE', groupPath(groupId, `/connections/${encodeURIComponent(connectionId)}`))
  }

  /**
   * `POST /v1/groups/:id/send`: typed data to a connected member (`peerId`) or on a connection
   * (`connectionId`). Codes: `CONNECTION_NOT_FOUND`, `CONNECT_SELF`, `NOT_A_MEMBER`,
   * `MAX_DATA_SIZE_EXCEEDED`, `CONNECTION_FAILED`, `TIMEOUT`.
   */
  async sendData (groupId: string, input: SendDataJson, request?: ApiRequestOptions): Promise<{ ok: true }> {
    return await this.request('POST', groupPath(groupId, '/send'), input, request)
  }

  /** `POST /v1/groups/:id/records`. Codes: `GROUP_NOT_READY`, `INVALID_ATTRIBUTES`, `MAX_RECORD_SIZE_EXCEEDED`, `NOT_AUTHORIZED`. */
  async addRecord (groupId: string, input: RecordInputJson & { type: string }): Promise<RecordJson> {
    return await this.request('POST', groupPath(groupId, '/records'), input)
  }

  /** `POST /v1/groups/:id/records:batch`: up to 1,000 records in one durable write, all or nothing. */
  async addRecordsBatch (groupId: string, records: Array<RecordInputJson & { type: string }>, options?: ApiRequestOptions): Promise<RecordBatchResultJson> {
    return await this.request('POST', groupPath(groupId, '/records:batch'), { records }, options)
  }

  /** `PATCH /v1/groups/:id/records/:rid`. Codes: `RECORD_NOT_FOUND`, `NOT_AUTHORIZED`, `INVALID_RECORD_EXPIRATION`. */
  async updateRecord (groupId: string, recordId: string, input: Omit<RecordInputJson, 'type'>): Promise<RecordJson> {
    return await this.request('PATCH', recordPath(groupId, recordId), input)
  }

  /** `DELETE /v1/groups/:id/records/:rid`. Codes: `RECORD_NOT_FOUND`, `NOT_AUTHORIZED`. */
  async deleteRecord (groupId: string, recordId: string): Promise<void> { await this.request('DELETE', recordPath(groupId, recordId)) }

  /** `GET /v1/groups/:id/records/:rid`. Code: `RECORD_NOT_FOUND`. */
  async getRecord (groupId: string, recordId: string): Promise<RecordJson> { return await this.request('GET', recordPath(groupId, recordId)) }

  /** `GET /v1/groups/:id/records[?type=T]`. */
  async listRecords (groupId: string, options: { type?: string } = {}): Promise<RecordJson[]> {
    const query = options.type === undefined ? '' : `?type=${encodeURIComponent(options.type)}`
    return await this.request('GET', groupPath(groupId, '/records' + query))
  }

  /** `POST /v1/groups/:id/records/search` with a JSON query object, JSON text or `<peersearch>` XML. Code: `INVALID_SEARCH`. */
  async searchRecords (groupId: string, query: string | object): Promise<RecordJson[]> {
    return await this.request('POST', groupPath(groupId, '/records/search'), { query })
  }

  /** `POST /v1/ui/login-codes`: a one-time dashboard login code (60 s, single use) and the URL carrying it. */
  async uiLoginCode (): Promise<LoginCodeJson> { return await this.request('POST', '/v1/ui/login-codes') }

  /** `GET /v1/groups/:id/records/page`: one page of the live records and their total. */
  async pageRecords (groupId: string, options: { offset?: number, limit?: number, type?: string } = {}): Promise<{ total: number, offset: number, records: RecordJson[] }> {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(options)) if (v !== undefined) q.set(k, String(v))
    return await this.request('GET', groupPath(groupId, `/records/page?${q.toString()}`))
  }

  /** `GET /metrics`: Prometheus text. */
  async metrics (): Promise<string> {
    return await this.send('GET', '/metrics', undefined, {})
  }

  /** Any endpoint: sends `body` as JSON, returns the parsed JSON response (undefined for 204). */
  async request<T> (method: string, path: string, body?: unknown, options: ApiRequestOptions = {}): Promise<T> {
    const text = await this.send(method, path, body, options)
    if (text === '') return undefined as T
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
      // a stream holds its connection for as long as it is open: it takes no request slot
      res = await this.open('GET', '/v1/events' + formatEventFilter(filter), undefined, options, 'text/event-stream')
    } catch (err) {
      if (options.signal?.aborted === true) return
      throw err
    }
    options.onOpen?.()
    await readEventStream(res, onEvent, options.signal)
  }

  /**
   * Sends a request and reads its whole answer, holding one of the process's request slots for
   * this API (see `client-limit.ts`) until then; returns a 2xx response's text ('' for 204).
   */
  private async send (method: string, path: string, body: unknown, options: ApiRequestOptions, accept = 'application/json'): Promise<string> {
    return await limitRequest(this.url, options.signal, async () => {
      const res = await this.open(method, path, body, options, accept)
      try {
        return res.status === 204 ? '' : await res.text()
      } catch (err) {
        throw await this.unreachable(networkError(err, this.url))
      }
    })
  }

  /** Sends a request; returns a 2xx response, or throws the error the response (or the network) reports. */
  private async open (method: string, path: string, body: unknown, options: ApiRequestOptions, accept: string): Promise<Response> {
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
      throw await this.unreachable(networkError(err, this.url))
    }
    if (res.ok) return res
    throw await responseError(res)
  }

  /**
   * The error to throw when the API cannot be reached (`err`: `NODE_NOT_RUNNING`, `INTERNAL` or an
   * abort). Subclasses that know why a node went away (a cluster that started it) say so here.
   */
  protected async unreachable (err: unknown): Promise<unknown> { return err }
}

function groupPath (groupId: string, rest = ''): string {
  return `/v1/groups/${encodeURIComponent(groupId)}${rest}`
}

function recordPath (groupId: string, recordId: string): string {
  return groupPath(groupId, `/records/${encodeURIComponent(recordId)}`)
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
