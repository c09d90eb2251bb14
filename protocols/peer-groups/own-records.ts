/**
 * The reserved records this node writes about itself in an open group: its membership record,
 * the group properties (creator only) and its presence record, each published through the
 * context like any record this node writes.
 */
import { CREDENTIALS_RECORD_TYPE, PROPERTIES_RECORD_TYPE, SUBJECT_ATTRIBUTE } from './constants.ts'
import { encodeChainData } from './chain-data.ts'
import type { GroupsContext } from './group-context.ts'
import type { GroupRuntime } from './group-runtime.ts'
import { writeOwnMembership } from './membership-records.ts'
import { refreshPresence } from './presence-publisher.ts'

/** What publishing this node's records uses. */
export type OwnRecordsContext = Pick<GroupsContext, 'components' | 'now' | 'publish'>

/** This node's own membership record: published once per chain. */
export async function publishOwnMembership (ctx: Pick<OwnRecordsContext, 'publish'>, rt: GroupRuntime): Promise<void> {
  const written = await writeOwnMembership(rt.db, rt.membership.chain, rt.self)
  if (written !== undefined) await ctx.publish(rt, written)
}

/** The group properties record, written by the creator only. */
export async function publishProperties (ctx: Pick<OwnRecordsContext, 'publish'>, rt: GroupRuntime): Promise<void> {
  if (!rt.self.roles.includes('creator')) return
  // under the creator's reserved id: no other record can stand in for it (issue 9, defect 5)
  const data = new TextEncoder().encode(JSON.stringify(rt.membership.properties))
  await ctx.publish(rt, await rt.db.writeReserved(PROPERTIES_RECORD_TYPE, { data, expires: rt.self.notAfter }))
}

/** Publishes, refreshes or withdraws this node's presence record as `presenceAction` says. */
export async function refreshOwnPresence (ctx: OwnRecordsContext, rt: GroupRuntime, options: { leaving?: boolean } = {}): Promise<void> {
  const addresses = ctx.components.addressManager.getAddresses().map(a => a.toString())
  await refreshPresence(rt, { addresses, now: ctx.now(), ...options, publish: async published => { await ctx.publish(rt, published) } })
}

/** Stores a member's credentials (a chain this node issued) in the group database for its subject. */
export async function publishCredentials (ctx: Pick<OwnRecordsContext, 'publish'>, rt: GroupRuntime, subject: string, chain: Uint8Array[], notAfter: number): Promise<void> {
  await ctx.publish(rt, await rt.db.add({
    type: CREDENTIALS_RECORD_TYPE,
    data: encodeChainData(chain),
    attributes: [{ name: SUBJECT_ATTRIBUTE, type: 'string', value: subject }],
    expires: notAfter
  }, { system: true }))
}
