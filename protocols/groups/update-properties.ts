/**
 * Changing group properties (Windows `PeerGroupSetProperties`): only the creator may, and the
 * identity fields never change. Pure: the actor's roles and the time come in as arguments.
 */
import { PeerhoodError } from '../common/errors.ts'
import type { Role } from '../certificates/roles.ts'
import {
  IMMUTABLE_PROPERTIES, MUTABLE_PROPERTIES, validateSettings, type GroupFlags, type GroupProperties
} from './properties.ts'

/** A change: any changeable field; flags may be given in part. */
export type GroupPropertiesPatch = Partial<Omit<Pick<GroupProperties, typeof MUTABLE_PROPERTIES[number]>, 'flags'>> & {
  /** Flags to change; the others keep their value. */
  flags?: Partial<GroupFlags>
}

function same (a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * Applies `patch` to `current` on behalf of an actor holding `actorRoles`; returns the new
 * properties (revision + 1, `modified` = `now`). Throws `NOT_AUTHORIZED` unless the actor is the
 * creator, `INVALID_GROUP_PROPERTIES` for an unknown key or a change to an immutable one (an
 * unchanged value is accepted), and the property checks' codes.
 */
export function updateProperties (current: GroupProperties, patch: GroupPropertiesPatch, actorRoles: readonly Role[], now: number): GroupProperties {
  if (!actorRoles.includes('creator')) throw new PeerhoodError('NOT_AUTHORIZED', 'only the group creator may change group properties')
  const fields = patch as Record<string, unknown>
  for (const key of Object.keys(fields)) {
    if (fields[key] === undefined) continue
    if ((IMMUTABLE_PROPERTIES as readonly string[]).includes(key)) {
      if (!same(fields[key], (current as unknown as Record<string, unknown>)[key])) {
        throw new PeerhoodError('INVALID_GROUP_PROPERTIES', `${key} cannot be changed`, { details: { key } })
      }
    } else if (!(MUTABLE_PROPERTIES as readonly string[]).includes(key)) {
      throw new PeerhoodError('INVALID_GROUP_PROPERTIES', 'unknown group property', { details: { key } })
    }
  }
  const next: GroupProperties = { ...current }
  for (const key of MUTABLE_PROPERTIES) {
    if (key === 'flags' || patch[key] === undefined) continue
    Object.assign(next, { [key]: patch[key] })
  }
  next.flags = { ...current.flags, ...Object.fromEntries(Object.entries(patch.flags ?? {}).filter(([, v]) => v !== undefined)) }
  if (Array.isArray(next.authSchemes)) next.authSchemes = [...next.authSchemes]
  validateSettings(next)
  next.revision = current.revision + 1
  next.modified = Math.max(Math.floor(now), current.modified)
  return next
}
