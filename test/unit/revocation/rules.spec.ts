/**
 * Issue 15: the revocation rules, one by one (pure: no node, no I/O).
 */
import assert from 'node:assert/strict'
import { RevocationIndex } from '../../../protocols/revocation/revocation-index.ts'
import { chainRevocation, passesThrough, recordRevoked, revocationAuthorityProblem } from '../../../protocols/revocation/rules.ts'
import { decodeRevocationData, encodeRevocationData, REVOCATION_RECORD_TYPE } from '../../../protocols/revocation/record.ts'
import type { ChainLink, Revocation } from '../../../protocols/revocation/types.ts'
import type { GroupRecord } from '../../../protocols/records/types.ts'

const T = 1_700_000_000_000

function rev (peer: string, time: number, extra: Partial<Revocation> = {}): Revocation {
  return { groupId: 'g', peer, serials: [], time, reason: '', lifted: false, revoker: 'admin', ...extra }
}

function link (peerId: string, notBefore: number, serialNumber = `${peerId}00`.replace(/[^0-9a-f]/g, 'a')): ChainLink {
  return { peerId, serialNumber, notBefore }
}

describe('revocation rules (issue 15)', () => {
  describe('who may revoke', () => {
    it('an administrator revokes a member; a plain member may not', () => {
      assert.equal(revocationAuthorityProblem({ peerId: 'A', roles: ['administrator'], ancestors: ['C'] }, 'M', 'C'), undefined)
      assert.equal(revocationAuthorityProblem({ peerId: 'M2', roles: ['member'], ancestors: ['C'] }, 'M', 'C')?.code, 'NOT_AUTHORIZED')
      assert.equal(revocationAuthorityProblem({ peerId: 'I', roles: ['inviting-member'], ancestors: ['C'] }, 'M', 'C')?.code, 'NOT_AUTHORIZED')
    })

    it('the creator cannot be revoked, not even by an administrator it made', () => {
      assert.equal(revocationAuthorityProblem({ peerId: 'A', roles: ['administrator'], ancestors: [] }, 'C', 'C')?.code, 'NOT_AUTHORIZED')
    })

    it('only the creator revokes an administrator above the revoker (a subtree cannot revoke its root)', () => {
      assert.equal(revocationAuthorityProblem({ peerId: 'A2', roles: ['administrator'], ancestors: ['A1'] }, 'A1', 'C')?.code, 'NOT_AUTHORIZED')
      assert.equal(revocationAuthorityProblem({ peerId: 'C', roles: ['creator'], ancestors: [] }, 'A1', 'C'), undefined)
      // an administrator elsewhere in the tree may
      assert.equal(revocationAuthorityProblem({ peerId: 'B1', roles: ['administrator'], ancestors: [] }, 'A1', 'C'), undefined)
    })

    it('nobody revokes itself', () => {
      assert.equal(revocationAuthorityProblem({ peerId: 'A', roles: ['administrator'], ancestors: [] }, 'A', 'C')?.code, 'INVALID_ARGUMENT')
    })
  })

  describe('records before and after', () => {
    it('refuses a revoked member\'s versions from the revocation time on, keeps earlier ones', () => {
      const index = new RevocationIndex()
      index.apply(rev('M', T))
      assert.equal(recordRevoked('M', T - 1, index), false)
      assert.equal(recordRevoked('M', T, index), true, 'the boundary belongs to the revocation')
      assert.equal(recordRevoked('M', T + 1, index), true)
      assert.equal(recordRevoked('N', T + 1, index), false)
      assert.equal(recordRevoked('M', T + 1, undefined), false)
    })
  })

  describe('lift', () => {
    it('a later lift restores; a revocation wins a tie; a newer revocation revokes again', () => {
      const index = new RevocationIndex()
      assert.equal(index.apply(rev('M', T)), 'revoked')
      assert.equal(index.apply(rev('M', T, { lifted: true, revoker: 'other' })), undefined, 'a tie keeps the revocation')
      assert.equal(index.revokedAt('M'), T)
      assert.equal(index.apply(rev('M', T + 10, { lifted: true })), 'lifted')
      assert.equal(index.revokedAt('M'), undefined)
      assert.equal(recordRevoked('M', T + 5, index), false)
      assert.equal(index.apply(rev('M', T + 20)), 'revoked')
      assert.equal(index.revokedAt('M'), T + 20)
    })

    it('an older record from the same revoker never replaces a newer one', () => {
      const index = new RevocationIndex()
      index.apply(rev('M', T + 10, { lifted: true }))
      assert.equal(index.apply(rev('M', T)), undefined)
      assert.equal(index.revokedAt('M'), undefined)
    })
  })

  describe('chains', () => {
    it('a chain whose leaf is revoked is refused from the revocation time on', () => {
      const index = new RevocationIndex()
      index.apply(rev('M', T))
      const chain = [link('A', T - 100), link('M', T - 50)]
      assert.equal(chainRevocation(chain, index, T - 1), undefined)
      assert.equal(chainRevocation(chain, index, T), 'revoked')
    })

    it('a revoked certificate serial is refused even under another name', () => {
      const index = new RevocationIndex()
      index.apply(rev('M', T, { serials: ['abcd'] }))
      assert.equal(chainRevocation([link('X', T - 50, 'abcd')], index, T + 1), 'revoked')
    })

    it('revoking an administrator refuses what it issued after, keeps what it issued before', () => {
      const index = new RevocationIndex()
      index.apply(rev('A', T))
      assert.equal(chainRevocation([link('A', T - 100), link('M', T - 1)], index, T + 1000), undefined, 'issued before: valid')
      assert.equal(chainRevocation([link('A', T - 100), link('M', T + 1000)], index, T + 2000), 'issued-after-revocation')
      assert.equal(chainRevocation([link('A', T - 100), link('B', T - 1000), link('M', T + 5000)], index, T + 9000), undefined, 'B is not revoked')
      assert.equal(chainRevocation([link('A', T - 100), link('B', T + 1000), link('M', T + 5000)], index, T + 9000), 'issued-after-revocation')
    })

    it('certificate times are whole seconds: a GMC starting in the second of the revocation counts as before it, the next second after', () => {
      const index = new RevocationIndex()
      index.apply(rev('A', T + 500))
      assert.equal(chainRevocation([link('A', T - 100), link('M', T)], index, T + 1000), undefined)
      assert.equal(chainRevocation([link('A', T - 100), link('M', T + 1000)], index, T + 2000), 'issued-after-revocation')
    })

    it('lists the members whose chains pass through a peer', () => {
      const chains = [[link('A', 0), link('M', 0)], [link('A', 0), link('B', 0), link('N', 0)], [link('C', 0), link('O', 0)], [link('A', 0)]]
      assert.deepEqual(passesThrough(chains, 'A'), ['M', 'N'])
    })

    it('a check is a lookup: 100,000 revocations cost no more per chain than 1', () => {
      const index = new RevocationIndex()
      for (let i = 0; i < 100_000; i++) index.apply(rev(`P${i}`, T))
      const chain = [link('A', T - 100), link('B', T - 50), link('M', T - 10)]
      const start = process.hrtime.bigint()
      for (let i = 0; i < 100_000; i++) chainRevocation(chain, index, T + 1)
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      assert.ok(ms < 2000, `100,000 checks took ${ms} ms`)
    })
  })

  describe('the record data', () => {
    function record (data: Uint8Array, subject = 'M', modified = T): GroupRecord {
      return { groupId: 'g', type: REVOCATION_RECORD_TYPE, id: '0'.repeat(32), version: 1, creator: 'A', modifier: 'A', created: modified, modified, expires: modified + 1, attributes: [{ name: 'subject', type: 'string', value: subject }], data, deleted: false }
    }

    it('reads its canonical form and refuses anything else', () => {
      const good = encodeRevocationData({ peer: 'M', serials: ['ab'], time: T, reason: 'left', lifted: false })
      assert.equal(typeof decodeRevocationData(record(good)), 'object')
      assert.equal(typeof decodeRevocationData(record(good, 'N')), 'string', 'peer is the subject')
      assert.equal(typeof decodeRevocationData(record(good, 'M', T + 1)), 'string', 'time is the modification time: no backdating')
      const extra = new TextEncoder().encode(JSON.stringify({ peer: 'M', serials: [], time: T, reason: '', lifted: false, more: 1 }))
      assert.equal(typeof decodeRevocationData(record(extra)), 'string')
      const self = encodeRevocationData({ peer: 'A', serials: [], time: T, reason: '', lifted: false })
      assert.equal(typeof decodeRevocationData(record(self, 'A')), 'string', 'nobody revokes itself')
    })
  })
})
