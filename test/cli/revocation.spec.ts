/**
 * Issue 15: `peerhood group revoke` and `group revocations` against a real node process.
 */
import assert from 'node:assert/strict'
import type { GroupSummaryJson } from '../../node/api/routes-groups.ts'
import type { RevocationJson, RevokeResultJson } from '../../node/api/routes-revocation.ts'
import { assertFailed, cliWorld, ph, phJson } from '../helpers/cli-groups.ts'

describe('cli: peerhood group revoke / revocations', function () {
  this.timeout(180_000)
  const world = cliWorld()

  it('revokes with a reason, lists, lifts; refuses a missing --peer and itself', async () => {
    const a = await world.startNode()
    const stranger = (await phJson<{ peerId: string }>(await world.newDir(), 'init')).peerId
    await phJson<GroupSummaryJson>(a.dir, 'group', 'create', 'team')

    const human = await ph(a.dir, 'group', 'revoke', 'team', '--peer', stranger, '--reason', 'left')
    assert.equal(human.code, 0, human.stderr)
    assert.match(human.stdout, new RegExp(`^revoked ${stranger} at `))
    const list = await phJson<RevocationJson[]>(a.dir, 'group', 'revocations', 'team')
    assert.deepEqual(list.map(r => [r.peerId, r.reason, r.revoker]), [[stranger, 'left', a.peerId]])

    const lifted = await phJson<RevokeResultJson>(a.dir, 'group', 'revoke', 'team', '--peer', stranger, '--lift')
    assert.equal(lifted.revocation.lifted, true)
    assert.deepEqual(await phJson<RevocationJson[]>(a.dir, 'group', 'revocations', 'team'), [])

    assertFailed(await ph(a.dir, 'group', 'revoke', 'team'), 'INVALID_ARGUMENT', 2)
    assertFailed(await ph(a.dir, 'group', 'revoke', 'team', '--peer', a.peerId), 'INVALID_ARGUMENT', 2)
  })
})
