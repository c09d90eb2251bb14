/**
 * Per-group state a node keeps beside the group database: whether it has synchronised with a
 * member at least once. `peerhood repair` clears it for a group that may have lost records, so
 * that the node fetches them again at its next connection.
 */
import { type Datastore, Key } from 'interface-datastore'
import { GROUP_STATE_PREFIX } from './constants.ts'

/** Datastore key of a group's synchronised flag (one byte: 1 synchronised, 0 not). */
export function synchronizedKey (groupId: string): Key {
  return new Key(`${GROUP_STATE_PREFIX}/${encodeURIComponent(groupId)}/synchronized`)
}

/** Whether the node has synchronised the group at least once (false when never written). */
export async function readSynchronized (datastore: Datastore, groupId: string): Promise<boolean> {
  try {
    return (await datastore.get(synchronizedKey(groupId)))[0] === 1
  } catch {
    return false
  }
}
