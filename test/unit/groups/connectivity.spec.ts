import assert from 'node:assert/strict'
import { directAddresses, MAX_UPGRADE_ADDRESSES } from '../../../protocols/peer-groups/direct-upgrade.ts'
import { encodePresence } from '../../../protocols/peer-groups/presence.ts'
import { lastKnownMembers } from '../../../protocols/peer-groups/reconnector.ts'
import type { MemberInfo } from '../../../protocols/certificates/chain-result.ts'
import type { GroupRecord } from '../../../protocols/records/types.ts'

const A = '12D3KooWKnDdG3iXw9eTFijk3EWSunZcFi54Zka4wmtqtt6rPxc8'
const B = '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo'
const RELAY = '12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq'

describe('groups: where members are dialled', () => {
  it('direct upgrade dials only a member\'s own non-relay addresses, each ending in its PeerId', () => {
    const out = directAddresses([
      `/ip4/10.0.0.2/tcp/4001/p2p/${A}`,
      '/ip4/192.168.1.5/tcp/4001',
      `/ip4/10.99.0.1/tcp/4001/p2p/${RELAY}/p2p-circuit/p2p/${A}`,
      `/ip4/10.0.0.9/tcp/4001/p2p/${B}`,
      'not a multiaddr',
      `/ip4/10.0.0.2/tcp/4001/p2p/${A}`
    ], A).map(ma => ma.toString())
    assert.deepEqual(out, [`/ip4/10.0.0.2/tcp/4001/p2p/${A}`, `/ip4/192.168.1.5/tcp/4001/p2p/${A}`])
    const many = Array.from({ length: 40 }, (_, i) => `/ip4/10.0.0.${i + 1}/tcp/1`)
    assert.equal(directAddresses(many, A).length, MAX_UPGRADE_ADDRESSES)
  })

  it('the reconnector tries members with a live presence record first, with its addresses, each member once', async () => {
    const presence = (creator: string, addresses: string[], deleted = false) => ({ type: 'peerhood.presence', creator, deleted, data: encodePresence({ addresses, status: 'online' }) }) as unknown as GroupRecord
    async function * records () {
      yield presence(B, ['/ip4/10.0.0.2/tcp/1'])
      yield presence(A, ['/ip4/10.0.0.3/tcp/1'], true)
    }
    const member = (peerId: string) => ({ peerId }) as MemberInfo
    const known = await lastKnownMembers(records(), [member(A), member(B), member(B)])
    assert.deepEqual(known, [{ peerId: B, addresses: ['/ip4/10.0.0.2/tcp/1'] }, { peerId: A, addresses: [] }])
  })
})
