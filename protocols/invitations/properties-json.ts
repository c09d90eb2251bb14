/**
 * Group properties inside an invitation: UTF-8 JSON with the keys in one fixed order, so the
 * same properties always encode to the same bytes (the frozen fixture depends on it).
 */
import { validateProperties, type GroupProperties } from '../groups/properties.ts'
import { notTrusted } from './codec.ts'
import { MAX_PROPERTIES_BYTES } from './constants.ts'

/** The canonical copy of properties: known keys only, in a fixed order. */
function canonical (p: GroupProperties): GroupProperties {
  return {
    groupId: p.groupId,
    ...(p.classifier === undefined ? {} : { classifier: p.classifier }),
    creatorPeerId: p.creatorPeerId,
    friendlyName: p.friendlyName,
    comment: p.comment,
    presenceLifetimeS: p.presenceLifetimeS,
    memberDataLifetimeS: p.memberDataLifetimeS,
    maxRecordSize: p.maxRecordSize,
    authSchemes: [...p.authSchemes],
    passwordRole: p.passwordRole,
    flags: {
      memberDataOptional: p.flags.memberDataOptional,
      disablePresence: p.flags.disablePresence,
      deferExpiration: p.flags.deferExpiration
    },
    revision: p.revision,
    created: p.created,
    modified: p.modified
  }
}

/** Encodes checked properties (throws `INVALID_GROUP_PROPERTIES` and friends for bad ones). */
export function encodeProperties (properties: GroupProperties): Uint8Array {
  validateProperties(properties)
  return new TextEncoder().encode(JSON.stringify(canonical(properties)))
}

/** Decodes and checks carried properties; anything wrong is `INVITATION_NOT_TRUSTED`. */
export function decodeProperties (bytes: Uint8Array): GroupProperties {
  if (bytes.length > MAX_PROPERTIES_BYTES) throw notTrusted('properties')
  try {
    const parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as GroupProperties
    validateProperties(parsed)
    return canonical(parsed)
  } catch (err) {
    throw notTrusted('properties', err)
  }
}
