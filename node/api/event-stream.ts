/**
 * Serving one server-sent event stream on an HTTP response: headers, the `: ok` comment,
 * keep-alive comments, and clean-up exactly once however the stream ends.
 */
import type { ServerResponse } from 'node:http'
import { SSE_CONTENT_TYPE } from './constants.ts'
import type { EventStreamReply, SseSink } from './replies.ts'
import { formatSseComment, formatSseEvent } from './sse.ts'

/**
 * Starts streaming `reply` on `res` and returns the function that ends the stream (used when the
 * server closes). The producer's clean-up runs once, when the client goes away or the stream is
 * ended.
 */
export function serveEventStream (res: ServerResponse, reply: EventStreamReply, keepAliveMs: number): () => void {
  res.writeHead(200, {
    'content-type': SSE_CONTENT_TYPE,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // nginx-style proxies would otherwise buffer the stream
    'x-accel-buffering': 'no'
  })
  res.flushHeaders()
  res.socket?.setNoDelay(true)

  let cleanup: (() => void) | undefined
  let ended = false
  const end = (): void => {
    if (ended) return
    ended = true
    clearInterval(timer)
    try { cleanup?.() } catch { /* the stream is going away either way */ }
    if (!res.writableEnded) res.end()
  }

  const write = (text: string): void => {
    if (!ended && !res.destroyed) res.write(text)
  }
  const sink: SseSink = {
    event: (type, data) => { write(formatSseEvent(type, JSON.stringify(data))) },
    comment: (text) => { write(formatSseComment(text)) }
  }

  const timer = setInterval(() => { sink.comment('keep-alive') }, keepAliveMs)
  timer.unref()
  res.on('close', end)
  res.on('error', end)

  try {
    cleanup = reply.open(sink) ?? undefined
  } catch {
    end()
    return end
  }
  // written once subscribed, so a client that saw it misses no later event
  sink.comment('ok')
  // the client may have gone while open() ran: end() then found no clean-up to call
  if (ended) cleanup?.()
  else if (res.destroyed) end()
  return end
}
