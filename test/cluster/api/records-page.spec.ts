import assert from 'node:assert/strict'
import { ApiClient } from '../../../node/api/client.ts'
import { type Cluster, createCluster } from '../../../node/cluster.ts'
import { PeerhoodError } from '../../../protocols/common/errors.ts'
import { MEMBERSHIP_RECORD_TYPE } from '../../../protocols/peer-groups/constants.ts'

describe('api: GET /v1/groups/:id/records/page', function () {
  this.timeout(60_000)
  let cluster: Cluster
  after(async () => { await cluster?.stop() })

  it('pages through every live record once, with the total, a type filter, and reserved types left out', async () => {
    cluster = await createCluster({ size: 1, topology: 'none', config: { dht: { enabled: false } } })
    const api = await ApiClient.fromDataDir(cluster.nodes[0]!.dataDir!)
    const { groupId } = await api.createGroup({ friendlyName: 'paging' })
    const added: string[] = []
    for (let i = 0; i < 120; i++) added.push((await api.addRecord(groupId, { type: i % 3 === 0 ? 'fizz' : 'plain', dataText: `r${i}` })).id)
    await api.deleteRecord(groupId, added.pop()!)

    const seen: string[] = []
    for (let offset = 0; ; offset += 50) {
      const page = await api.pageRecords(groupId, { offset, limit: 50 })
      assert.equal(page.total, 119)
      assert.equal(page.offset, offset)
      seen.push(...page.records.map(r => r.id))
      if (page.records.length < 50) break
    }
    assert.deepEqual([...seen].sort(), [...added].sort())
    assert.ok(seen.every(id => id !== undefined))

    const fizz = await api.pageRecords(groupId, { type: 'fizz', limit: 1000 })
    assert.equal(fizz.total, 40)
    assert.ok(fizz.records.every(r => r.type === 'fizz'))
    // the node's own membership record is there, but listed only when asked for by type
    const own = await api.pageRecords(groupId, { type: MEMBERSHIP_RECORD_TYPE })
    assert.ok(own.total >= 1)
    assert.ok(seen.every(id => !own.records.some(r => r.id === id)))
    const past = await api.pageRecords(groupId, { offset: 500 })
    assert.deepEqual(past.records, [])
    assert.equal(past.total, 119)
    // a change drops the listing the pages were cut from
    const late = await api.addRecord(groupId, { type: 'plain', dataText: 'late' })
    const after = await api.pageRecords(groupId, { limit: 1000 })
    assert.equal(after.total, 120)
    assert.ok(after.records.some(r => r.id === late.id))
    await assert.rejects(api.pageRecords(groupId, { limit: -1 }), (err: unknown) => err instanceof PeerhoodError && err.code === 'INVALID_ARGUMENT')
  })
})
