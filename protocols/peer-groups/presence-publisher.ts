/**
 * Publishing this node's presence record in one group: what {@link presenceAction} decides,
 * written to the group database and handed on for gossip.
 */
import type { GroupRecord } from '../records/types.ts'
import { PRESENCE_RECORD_TYPE } from './constants.ts'
import type { GroupRuntime } from './group-runtime.ts'
import { encodePresence, presenceAction } from './presence.ts'

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
  let current: GroupRecord | undefined
  for await (const record of rt.db.list({ type: PRESENCE_RECORD_TYPE })) if (record.creator === rt.self.peerId) current = record
  const { addresses } = input
  const decision = input.leaving === true
    ? (current === undefined ? { action: 'keep' as const } : { action: 'withdraw' as const })
    : presenceAction({ self: rt.self, properties: rt.membership.properties, now: input.now, addresses, ...(current === undefined ? {} : { current }) })
  if (decision.action === 'withdraw' && current !== undefined) {
    await input.publish(await rt.db.delete(current.id, { system: true }))
  } else if (decision.action === 'publish') {
    const data = encodePresence({ addresses, status: 'online' })
    const published = current === undefined
      ? await rt.db.add({ type: PRESENCE_RECORD_TYPE, data, expires: decision.expires }, { system: true })
      : await rt.db.update(current.id, { data, expires: decision.expires }, { system: true })
    await input.publish(published)
  }
}
