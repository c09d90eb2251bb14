/**
 * The server-sent events wire format (WHATWG HTML § 9.2): writing events and comments, and an
 * incremental parser for the client side.
 */

/** One event as the parser delivers it. */
export interface SseMessage {
  /** The `event:` field. @default "message" */
  event: string
  /** The `data:` lines, joined with `\n`. */
  data: string
  /** The `id:` field, when there was one. */
  id?: string
}

/** Formats an event. Line breaks in `type` are dropped, and `data` is split over `data:` lines. */
export function formatSseEvent (type: string, data: string): string {
  const lines = data.split(/\r\n|\r|\n/).map(line => `data: ${line}\n`).join('')
  return `event: ${type.replace(/[\r\n]/g, '')}\n${lines}\n`
}

/** Formats a comment line (ignored by clients). */
export function formatSseComment (text: string): string {
  return `: ${text.replace(/[\r\n]/g, ' ')}\n\n`
}

/**
 * Parses a byte stream's text incrementally: feed it chunks as they arrive (split anywhere, even
 * inside a line or between `\r` and `\n`) and it returns the events completed so far.
 */
export class SseParser {
  private buffer = ''
  private event = ''
  private data: string[] = []
  private id: string | undefined
  private pendingCr = false

  /** Consumes a chunk of text; returns the events it completed, in order. */
  push (chunk: string): SseMessage[] {
    // a \r at the end of the previous chunk already ended a line; skip its \n partner
    if (this.pendingCr && chunk.startsWith('\n')) chunk = chunk.slice(1)
    this.pendingCr = false
    this.buffer += chunk
    const out: SseMessage[] = []
    let match: RegExpExecArray | null
    const lineEnd = /\r\n|\r|\n/g
    let start = 0
    while ((match = lineEnd.exec(this.buffer)) !== null) {
      // a lone \r at the end of the buffer may be the first half of \r\n
      if (match[0] === '\r' && match.index === this.buffer.length - 1) this.pendingCr = true
      const message = this.line(this.buffer.slice(start, match.index))
      if (message !== undefined) out.push(message)
      start = match.index + match[0].length
    }
    this.buffer = this.buffer.slice(start)
    return out
  }

  private line (line: string): SseMessage | undefined {
    if (line === '') return this.dispatch()
    if (line.startsWith(':')) return undefined
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') this.event = value
    else if (field === 'data') this.data.push(value)
    else if (field === 'id' && !value.includes('\0')) this.id = value
    return undefined
  }

  private dispatch (): SseMessage | undefined {
    const hasData = this.data.length > 0
    const message: SseMessage = { event: this.event === '' ? 'message' : this.event, data: this.data.join('\n') }
    if (this.id !== undefined) message.id = this.id
    this.event = ''
    this.data = []
    return hasData ? message : undefined
  }
}
