import assert from 'node:assert/strict'
import { LevelDatastore } from 'datastore-level'
import { Key } from 'interface-datastore'
import { join } from 'node:path'
import { ApiClient } from '../../../node/api/client.ts'
import { createPeerhood } from '../../../node/peerhood.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { tempDir } from '../../helpers/temp-dir.ts'
import { datastoreOf, QUIET } from './damage.ts'

/** Changes bytes of stored values the way a disk would, between two runs of the node. */
async function alter (dataDir: string, edit: (db: LevelDatastore) => Promise<void>): Promise<void> {
  const db = new LevelDatastore(datastoreOf(dataDir))
  await db.open()
  try { await edit(db) } finally { await db.close() }
}

function recordKey (groupId: string, id: string): Key {
  return new Key(`/peerhood/records/${groupId}/r/${id}`, false)
}

describe('cluster: a stored record whose bytes changed is never served', function () {
  this.timeout(60_000)
  let tmp: Awaited<ReturnType<typeof tempDir>>
  beforeEach(async () => { tmp = await tempDir() })
  afterEach(async () => { await tmp.remove() })

  it('answers DATASTORE_CORRUPT for an altered record, an unreadable one and one moved under another id', async () => {
    const dataDir = join(tmp.path, 'data')
    const node = await createPeerhood({ dataDir, config: QUIET, api: false })
    await node.start()
    const { groupId } = await node.groups.create({ friendlyName: 'verify' })
    const ids: string[] = []
    for (let i = 0; i < 4; i++) ids.push((await node.groups.addRecord(groupId, { type: 'note', data: new TextEncoder().encode(`amount: 10${i} EUR`) })).id)
    await node.stop()

    await alter(dataDir, async db => {
      const bytes = Buffer.from(await db.get(recordKey(groupId, ids[0]!)))
      const at = bytes.indexOf('100 EUR')
      bytes[at] = '9'.charCodeAt(0) // 100 → 900: still a well-formed record
      await db.put(recordKey(groupId, ids[0]!), bytes)
      await db.put(recordKey(groupId, ids[1]!), Buffer.from('not a record'))
      await db.put(recordKey(groupId, ids[2]!), await db.get(recordKey(groupId, ids[3]!)))
    })

    const again = await createPeerhood({ dataDir, config: { ...QUIET, api: { port: 0 } }, api: true })
    await again.start()
    try {
      // over the API: a 500 with the code, not a 200 with the altered record
      const api = await ApiClient.fromDataDir(dataDir)
      await assert.rejects(api.getRecord(groupId, ids[0]!), (err: unknown) => isPeerhoodError(err, 'DATASTORE_CORRUPT') && err.details?.httpStatus === 500)
      for (const id of ids.slice(0, 3)) {
        await assert.rejects(again.groups.getRecord(groupId, id), (err: unknown) => isPeerhoodError(err, 'DATASTORE_CORRUPT') && err.details?.id === id)
      }
      assert.equal(new TextDecoder().decode((await again.groups.getRecord(groupId, ids[3]!)).data), 'amount: 103 EUR')
      await assert.rejects(again.groups.listRecords(groupId), { code: 'DATASTORE_CORRUPT' })
      await assert.rejects(again.groups.listRecords(groupId, { type: 'note' }), { code: 'DATASTORE_CORRUPT' })
    } finally {
      await again.stop()
    }
  })
})
