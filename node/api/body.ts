/**
 * Reading a request's JSON body, bounded in size.
 */
import type { IncomingMessage } from 'node:http'
import { type ErrorCode, PeerhoodError } from '../../protocols/common/errors.ts'

/** How far past the limit an oversized body is still drained before the socket is closed. */
const DRAIN_FACTOR = 16

/**
 * Reads and parses the JSON body; undefined when there is none. A body over `limit` bytes is
 * drained (so the client still reads the response) and refused with `tooLargeCode`
 * (`details.limit` set: the server answers 413); malformed JSON is refused with `INVALID_REQUEST`.
 */
export async function readJsonBody (req: IncomingMessage, limit: number, tooLargeCode: ErrorCode = 'INVALID_REQUEST'): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? NaN)
  let size = 0
  let tooLarge = Number.isFinite(declared) && declared > limit
  const chunks: Buffer[] = []
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) tooLarge = true
    // draining keeps a well-behaved client able to read the 413; an endless body is cut off
    if (size > limit * DRAIN_FACTOR) {
      req.destroy()
      break
    }
    if (!tooLarge) chunks.push(chunk)
  }
  if (tooLarge) {
    throw new PeerhoodError(tooLargeCode, `request body larger than ${limit} bytes`, { details: { limit } })
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw new PeerhoodError('INVALID_REQUEST', 'request body is not valid JSON')
  }
}

/** Whether `err` is the refusal of an oversized body (sent as 413). */
export function isBodyTooLarge (err: unknown): boolean {
  return err instanceof PeerhoodError && typeof err.details?.limit === 'number'
}
