/**
 * A cold join crosses the wire once: one sync session per pair and group, counted by libp2p's own
 * per-protocol byte counters on the joiner's `/metrics` (each node its own process, so the counters
 * are that node's alone), against the bytes of the signed records it ends up holding.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LevelDatastore } from 'datastore-level'
import { createCluster, type ProcessCluster } from '../../../node/cluster.ts'
import { DATASTORE_DIR } from '../../../node/data-dir/layout.ts'
import { RecordStore } from '../../../protocols/records/store.ts'

const RECORDS = 1000
const PAYLOAD = 1024
/** Records per bulk write. */
const BATCH = 400
const SYNC = '/peerhood/sync/1.0.0'

/** The value of `libp2p_data_transfer_bytes_total{protocol="<label>"}`, 0 when absent. */
function transferBytes (metrics: string, label: string): number {
  const line = metrics.split('\n').find(l => l.startsWith(`libp2p_data_transfer_bytes_total{protocol="${label}"}`))
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1))
}

describe('cold sync bytes (one process per node)', function () {
  this.timeout(180_000)
  const clusters: ProcessCluster[] = []
  const dirs: string[] = []
  after(async () => {
    await Promise.all(clusters.map(async c => c.stop()))
    await Promise.all(dirs.map(async d => rm(d, { recursive: true, force: true })))
  })

  it('a member joining 1,000 × 1 KB records receives them once: sync bytes ≤ 1.1 × the records', async () => {
    const config = { dht: { enabled: false } }
    const creatorCluster = await createCluster({ size: 1, processes: true, group: 'cold bytes', config })
    clusters.push(creatorCluster)
    const creator = creatorCluster.members[0]!
    const groupId = creatorCluster.groupId!
    const payload = Buffer.alloc(PAYLOAD, 7).toString('base64')
    // bulk writes of ~560 KB each (the API's body limit is 1 MiB): a few requests, not a thousand
    for (let i = 0; i < RECORDS; i += BATCH) {
      const records = Array.from({ length: Math.min(BATCH, RECORDS - i) }, () => ({ type: 'bench.item', data: payload }))
      assert.equal((await creator.client.addRecordsBatch(groupId, records)).count, records.length)
    }
    // the joiner's folder outlives its cluster: its LevelDB is read after it stops
    const joinerDir = await mkdtemp(join(tmpdir(), 'peerhood-cold-'))
    dirs.push(joinerDir)
    const joinerCluster = await createCluster({ size: 1, processes: true, config, dir: joinerDir })
    clusters.push(joinerCluster)
    const joiner = joinerCluster.members[0]!
    const invitation = await creator.client.createInvitation(groupId, { peerId: joiner.peerId, addresses: [creator.address] })
    await joiner.client.joinGroup(invitation.token)
    const deadline = Date.now() + 60_000
    while (!(await joiner.client.groupStatus(groupId)).synchronized || (await joiner.client.groupStatus(groupId)).records < RECORDS) {
      assert.ok(Date.now() < deadline, 'the joiner did not synchronise in time')
      await new Promise(resolve => setTimeout(resolve, 100))
    }
    const metrics = await joiner.client.metrics()
    const syncBytes = transferBytes(metrics, `${SYNC} received`) + transferBytes(metrics, `${SYNC} sent`)
    await joinerCluster.stop()
    clusters.pop()

    // the signed records the joiner holds, read back from its LevelDB
    const datastore = new LevelDatastore(join(joiner.dataDir, DATASTORE_DIR))
    await datastore.open()
    let recordBytes = 0
    let count = 0
    try {
      const store = new RecordStore(datastore)
      for await (const entry of store.hashes(groupId, { now: Date.now() })) {
        const found = await store.get(groupId, entry.id)
        if (found?.record.type === 'bench.item') { recordBytes += found.bytes.length; count++ }
      }
    } finally {
      await datastore.close()
    }
    assert.equal(count, RECORDS)
    assert.ok(syncBytes > 0, 'the joiner counted no sync bytes')
    assert.ok(syncBytes <= 1.1 * recordBytes, `sync moved ${syncBytes} B for ${recordBytes} B of records (${(syncBytes / recordBytes).toFixed(3)}×)`)
  })
})
