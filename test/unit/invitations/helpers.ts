/**
 * Fixtures of the invitation tests: a group with the password scheme, its creator, an
 * administrator, an inviting member and a member, all from fixed keys at a fixed time.
 */
import type { Ed25519PrivateKey } from '@libp2p/interface'
import type { Issuer } from '../../../protocols/certificates/issuer.ts'
import { createGroup, type CreatedGroup } from '../../../protocols/groups/create-group.ts'
import type { GroupSettingsInit } from '../../../protocols/groups/properties.ts'
import { DAY, T0, type Holder, issueTo, keyOf, seededRandom } from '../certificates/helpers.ts'

/** A group and some of its members. */
export interface World {
  group: CreatedGroup
  creator: Holder
  admin: Holder
  inviter: Holder
  member: Holder
  /** An administrator whose GMC lasts 10 days. */
  shortAdmin: Holder
}

/** The issuer form of a holder. */
export function issuerOf (holder: Holder): Issuer {
  return { privateKey: holder.key, chain: holder.chain }
}

/** The group form of a world. */
export function groupOf (world: World): { groupId: string, properties: CreatedGroup['properties'] } {
  return { groupId: world.group.groupId, properties: world.group.properties }
}

/** Builds a world labelled `label` (settings default to a password group granting `member`). */
export async function makeWorld (label: string, settings: Partial<GroupSettingsInit> = { passwordRole: 'member' }): Promise<World> {
  const creatorKey: Ed25519PrivateKey = await keyOf(`${label}/creator`)
  const group = await createGroup({
    friendlyName: `Group ${label}`,
    ...settings,
    creator: { publicKey: creatorKey.publicKey, displayName: 'Creator' },
    now: T0,
    random: seededRandom(label)
  })
  const creator = { key: creatorKey, chain: group.creatorChain }
  const admin = await issueTo(creator, `${label}/admin`, ['administrator'])
  const inviter = await issueTo(admin, `${label}/inviter`, ['inviting-member'])
  const member = await issueTo(inviter, `${label}/member`, ['member'])
  const shortAdmin = await issueTo(creator, `${label}/short-admin`, ['administrator'], { lifetimeMs: 10 * DAY })
  return { group, creator, admin, inviter, member, shortAdmin }
}
