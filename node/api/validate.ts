/**
 * Checking a request against its route's schemas, in one place for every route.
 */
import type { ZodType } from 'zod'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import type { RouteOptions } from './router.ts'

/**
 * Throws `INVALID_ARGUMENT` (details.key naming the first offending field, when there is one)
 * when `body` or `query` do not match the route's schemas. The handler still gets the raw values.
 */
export function validateRequest (options: RouteOptions, body: unknown, query: URLSearchParams): void {
  if (options.body !== undefined) check(options.body, body, 'body')
  if (options.query !== undefined) check(options.query, Object.fromEntries(query), 'query')
}

function check (schema: ZodType, value: unknown, where: 'body' | 'query'): void {
  const result = schema.safeParse(value)
  if (result.success) return
  const issue = result.error.issues[0]
  const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined
  const key = unknownKey ?? (typeof issue?.path[0] === 'string' ? issue.path[0] : undefined)
  const message = unknownKey !== undefined
    ? `unknown field "${unknownKey}" in the ${where}`
    : `${where}${key === undefined ? '' : ` field "${key}"`}: ${issue?.message ?? 'invalid'}`
  throw new PeerhoodError('INVALID_ARGUMENT', message, key === undefined ? {} : { details: { key } })
}
