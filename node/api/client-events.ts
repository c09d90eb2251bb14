/**
 * Reading the event stream of `GET /v1/events` from a `fetch` response, incrementally.
 */
import type { PeerhoodEvent } from '../events.ts'
import { SseParser } from './sse.ts'

/**
 * Delivers every event of `res`'s body to `onEvent` as it arrives. Resolves when the body ends,
 * breaks off (the node went away) or `signal` aborts. Messages whose data is not a JSON object
 * are skipped; an exception from `onEvent` ends the stream and is rethrown.
 */
export async function readEventStream (res: Response, onEvent: (event: PeerhoodEvent) => void, signal?: AbortSignal): Promise<void> {
  if (res.body === null) return
  const parser = new SseParser()
  const decoder = new TextDecoder()
  const reader = res.body.getReader()
  const onAbort = (): void => { reader.cancel().catch(() => {}) }
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    if (signal?.aborted === true) return
    while (true) {
      let chunk: Awaited<ReturnType<typeof reader.read>>
      try {
        chunk = await reader.read()
      } catch {
        // aborted, or the connection dropped: either way the stream is over
        return
      }
      if (chunk.done) return
      for (const message of parser.push(decoder.decode(chunk.value, { stream: true }))) {
        const event = parseEvent(message.data)
        if (event !== undefined) onEvent(event)
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    reader.cancel().catch(() => {})
  }
}

function parseEvent (data: string): PeerhoodEvent | undefined {
  try {
    const value: unknown = JSON.parse(data)
    if (typeof value !== 'object' || value === null || typeof (value as PeerhoodEvent).type !== 'string') return undefined
    return value as PeerhoodEvent
  } catch {
    return undefined
  }
}
