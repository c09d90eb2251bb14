/**
 * The event filter as a query string: `?type=peer:connected&type=member:&group=<id>`.
 */
import { PeerhoodError } from '../../protocols/common/errors.ts'
import type { EventFilter } from '../events.ts'

/** Longest accepted event type or group id, in characters. */
const MAX_FIELD_LENGTH = 256

/** Most `type` values in one filter. */
const MAX_TYPES = 64

/**
 * Reads an {@link EventFilter} from a query string. `type` may repeat and may hold several
 * comma-separated types; a type ending in `:` is a prefix. Throws `INVALID_ARGUMENT` on an empty
 * or oversized value, repeated `group`, or too many types.
 */
export function parseEventFilter (query: URLSearchParams): EventFilter {
  const filter: EventFilter = {}
  const types = query.getAll('type').flatMap(value => value.split(',')).map(t => t.trim())
  if (types.length > MAX_TYPES) throw new PeerhoodError('INVALID_ARGUMENT', `at most ${MAX_TYPES} event types`, { details: { key: 'type' } })
  for (const type of types) check('type', type)
  if (types.length > 0) filter.types = types

  const groups = query.getAll('group')
  if (groups.length > 1) throw new PeerhoodError('INVALID_ARGUMENT', 'at most one group', { details: { key: 'group' } })
  if (groups[0] !== undefined) {
    check('group', groups[0])
    filter.group = groups[0]
  }
  return filter
}

/** Writes an {@link EventFilter} as a query string (with the leading `?`, or `''` for no filter). */
export function formatEventFilter (filter: EventFilter): string {
  const query = new URLSearchParams()
  for (const type of filter.types ?? []) query.append('type', type)
  if (filter.group !== undefined) query.set('group', filter.group)
  const text = query.toString()
  return text === '' ? '' : `?${text}`
}

function check (key: string, value: string): void {
  if (value === '' || value.length > MAX_FIELD_LENGTH) {
    throw new PeerhoodError('INVALID_ARGUMENT', `${key} must be 1 to ${MAX_FIELD_LENGTH} characters`, { details: { key } })
  }
}
