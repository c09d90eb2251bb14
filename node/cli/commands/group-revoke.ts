/**
 * `group revoke` and `group revocations` (issue 15).
 */
import { PeerhoodError } from '../../../protocols/common/errors.ts'
import { type Command, emit, flagString } from '../command.ts'
import { EXIT } from '../exit-codes.ts'
import { formatTime } from '../format.ts'
import { targetGroup } from './group.ts'

const revoke: Command = {
  words: ['group', 'revoke'],
  positionals: ['group'],
  options: { peer: { type: 'string' }, reason: { type: 'string' }, lift: { type: 'boolean' } },
  async run (ctx) {
    const peerId = flagString(ctx.flags, 'peer')
    if (peerId === undefined) throw new PeerhoodError('INVALID_ARGUMENT', 'group revoke needs --peer PEERID')
    const reason = flagString(ctx.flags, 'reason')
    const lift = ctx.flags.lift === true
    const { client, groupId } = await targetGroup(ctx)
    const result = await client.revokeMember(groupId, peerId, { ...(reason === undefined ? {} : { reason }), lift })
    emit(ctx, result, () => {
      const head = lift ? `lifted the revocation of ${peerId}` : `revoked ${peerId} at ${formatTime(result.revocation.timeMs)}`
      if (result.affected.length === 0) return head
      return [head, 'members whose chains pass through it (renew them with another administrator):', ...result.affected.map(p => `  ${p}`)].join('\n')
    })
    return EXIT.OK
  }
}

const revocations: Command = {
  words: ['group', 'revocations'],
  positionals: ['group'],
  options: {},
  async run (ctx) {
    const { client, groupId } = await targetGroup(ctx)
    const list = await client.revocations(groupId)
    emit(ctx, list, () => list.length === 0 ? 'no revocations' : list.map(r => `${r.peerId}  ${formatTime(r.timeMs)}  by ${r.revoker}${r.reason === '' ? '' : `  (${r.reason})`}`).join('\n'))
    return EXIT.OK
  }
}

/** The revocation commands. */
export const groupRevokeCommands: Command[] = [revoke, revocations]
