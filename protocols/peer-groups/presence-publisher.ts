/**
 * Publishing this node's presence record in one group: what {@link presenceAction} decides,
 * written to the group database and handed on for gossip.
 */
import type { GroupRecord } from '../records/types.ts'
import { PRESENCE_RECORD_TYPE } from './constants.ts'
import type { GroupRuntime } from './group-runtime.ts'
import { encodePresence, MAX_PRESENCE_ADDRESSES, presenceAction } from './presence.ts'

/** What {@link refreshPresence} needs besides the group. */
export interface PresenceRefresh {
  /** This node's addresses now (relay `/p2p-circuit` addresses included once reserved). */
  addresses: string[]
  /** Epoch milliseconds. */
  now: number
  /** The node is stopping: withdraw the record. @default false */
  leaving?: boolean
  /** Applies and gossips a record this node wrote. */
  publish: (published: { bytes: Uint8Array, record: GroupRecord }) => Promise<void>
}

/** Publishes, refreshes or withdraws this node's presence record. */
export async function refreshPresence (rt: GroupRuntime, input: PresenceRefresh): Promise<void> {
  // under this member's reserved id: nothing else can stand in for it (issue 9, defect 5)
  const current = await rt.db.find(rt.db.reservedId(PRESENCE_RECORD_TYPE))
  const addresses = input.addresses.slice(0, MAX_PRESENCE_ADDRESSES)
  const decision = input.leaving === true
    ? (current === undefined ? { action: 'keep' as const } : { action: 'withdraw' as const })
    : presenceAction({ self: rt.self, properties: rt.membership.properties, now: input.now, addresses, ...(current === undefined ? {} : { current }) })
  if (decision.action === 'withdraw' && current !== undefined && !current.deleted) {
    await input.publish(await rt.db.delete(current.id, { system: true }))
  } else if (decision.action === 'publish') {
    await input.publish(await rt.db.writeReserved(PRESENCE_RECORD_TYPE, { data: encodePresence({ addresses, status: 'online' }), expires: decision.expires }))
  }
}
