/**
 * Replies a handler may return instead of a JSON value: plain text (for `/metrics`) and a
 * server-sent event stream (for `/v1/events`).
 */

/** A text reply with its own content type. */
export class TextReply {
  /** The body. */
  readonly body: string
  /** The `Content-Type` header. */
  readonly contentType: string
  /** The HTTP status. @default 200 */
  readonly status: number

  constructor (body: string, contentType: string, status = 200) {
    this.body = body
    this.contentType = contentType
    this.status = status
  }
}

/** Where an open event stream writes. */
export interface SseSink {
  /** Sends one event (`event: <type>` and `data: <JSON of data>`). */
  event (type: string, data: unknown): void
  /** Sends a comment line (clients ignore it; it keeps proxies and idle timers awake). */
  comment (text: string): void
}

/**
 * Opens an event stream: the server sends the headers and the `: ok` comment, then calls `open`
 * with a sink; the function `open` returns is called once when the stream ends, whether the client
 * went away or the server is closing.
 */
export type EventStreamOpener = (sink: SseSink) => (() => void) | undefined

/** A server-sent event stream reply. */
export class EventStreamReply {
  /** Starts producing events; returns the clean-up. */
  readonly open: EventStreamOpener

  constructor (open: EventStreamOpener) {
    this.open = open
  }
}

/** A JSON reply with extra response headers (the login exchange sets its cookie this way). */
export class JsonReply {
  /** The value, sent as JSON. */
  readonly value: unknown
  /** Extra headers, lowercase names. */
  readonly headers: Record<string, string>

  constructor (value: unknown, headers: Record<string, string>) {
    this.value = value
    this.headers = headers
  }
}
