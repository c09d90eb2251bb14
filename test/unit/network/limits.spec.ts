import assert from 'node:assert/strict'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { checkNetworks } from '../../../node/network/networks.ts'
import { floodSubsided } from '../../../node/network/memory-relief.ts'
import { hostKey, refusesPending } from '../../../node/network/pending-gate.ts'
import { createNodeLog, levelOfEvent } from '../../../node/log.ts'

describe('network: limits and the node log (rules)', () => {
  it('refuses a handshake once a host holds its share', () => {
    assert.equal(refusesPending(0, 4), false)
    assert.equal(refusesPending(3, 4), false)
    assert.equal(refusesPending(4, 4), true)
    assert.equal(refusesPending(9, 4), true)
  })

  it('counts an IPv4 address as itself and an IPv6 address by its /64', () => {
    assert.equal(hostKey('127.0.0.2'), '127.0.0.2')
    assert.equal(hostKey('::ffff:192.0.2.7'), '192.0.2.7')
    assert.equal(hostKey('2001:db8:0:1::5'), '2001:db8:0:1::/64')
    assert.equal(hostKey('2001:0db8:0000:0001:aaaa:bbbb:cccc:dddd'), '2001:db8:0:1::/64')
    assert.equal(hostKey('::1'), '0:0:0:0::/64')
    assert.equal(hostKey('fe80::1'), 'fe80:0:0:0::/64')
  })

  it('reduces memory only when a flood has clearly subsided', () => {
    assert.equal(floodSubsided(500, 0, 32), true)
    assert.equal(floodSubsided(64, 32, 32), true)
    assert.equal(floodSubsided(64, 33, 32), false) // still more than half
    assert.equal(floodSubsided(20, 0, 32), false) // never a flood
  })

  it('writes one JSON line per call at or above its level', () => {
    const lines: string[] = []
    const log = createNodeLog('info', line => { lines.push(line) })
    log.write('debug', 'api:refused', { code: 'UNAUTHORIZED' })
    log.write('info', 'node:ready', { peerId: 'p' })
    log.write('error', 'api:error', { code: 'INTERNAL' })
    assert.deepEqual(lines.map(l => { const { time, ...rest } = JSON.parse(l); assert.equal(typeof time, 'string'); return rest }), [
      { level: 'info', event: 'node:ready', peerId: 'p' },
      { level: 'error', event: 'api:error', code: 'INTERNAL' }
    ])
    assert.equal(levelOfEvent('record:changed'), 'debug')
    assert.equal(levelOfEvent('peer:connected'), 'info')
  })

  it('takes IP networks in connections.allow and deny, and names the key of anything else', () => {
    assert.deepEqual(checkNetworks('connections.allow', ['/ip4/10.0.0.0/ipcidr/8', '/ip6/fd00::/ipcidr/8', '/ip4/192.0.2.1']), ['/ip4/10.0.0.0/ipcidr/8', '/ip6/fd00::/ipcidr/8', '/ip4/192.0.2.1'])
    for (const bad of ['/foo', '/dns4/example.com', 'not a multiaddr']) {
      assert.throws(() => checkNetworks('connections.deny', ['/ip4/10.0.0.0/ipcidr/8', bad]), err => isPeerhoodError(err, 'INVALID_CONFIG') && err.details?.key === 'connections.deny' && err.details?.index === 1, bad)
    }
  })
})
