import assert from 'node:assert/strict'
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateKeyPair, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import { LevelDatastore } from 'datastore-level'
import { Key } from 'interface-datastore'
import pWaitFor from 'p-wait-for'
import { createPeerhood } from '../../../node/peerhood.ts'
import { type RepairReport, repairDataDir } from '../../../node/storage/repair.ts'
import type { PeerhoodNode } from '../../../node/types.ts'
import { runCli } from '../../helpers/cli.ts'
import { tempDir } from '../../helpers/temp-dir.ts'
import { snapshot } from '../../unit/data-dir/helpers.ts'
import { admit } from '../groups/helpers.ts'
import { DAMAGES, datastoreOf, QUIET } from './damage.ts'

async function addNotes (node: PeerhoodNode, groupId: string, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) await node.groups.addRecord(groupId, { type: 'note', data: new TextEncoder().encode(`note ${i} ${'y'.repeat(400)}`) })
}

async function noteIds (node: PeerhoodNode, groupId: string): Promise<string[]> {
  return (await node.groups.listRecords(groupId)).map(r => r.id).sort()
}

describe('cluster: peerhood repair rebuilds a damaged store and the group sends back what was lost', function () {
  this.timeout(180_000)
  let tmp: Awaited<ReturnType<typeof tempDir>>
  let alice: PeerhoodNode
  let groupId: string
  let pristine: string
  let n = 0

  /** Bob (LevelDB) restarted once more and synchronised with alice. */
  async function bobRound (dataDir: string): Promise<PeerhoodNode> {
    const bob = await createPeerhood({ dataDir, config: QUIET, api: false })
    await bob.start()
    await bob.connect(alice.status().addresses[0]!)
    return bob
  }

  before(async () => {
    tmp = await tempDir()
    alice = await createPeerhood({ config: QUIET })
    await alice.start()
    groupId = (await alice.groups.create({ friendlyName: 'repair' })).groupId
    await addNotes(alice, groupId, 0, 100)
    pristine = join(tmp.path, 'bob')
    // bob joins and syncs; two more runs leave his store in two tables, the newer one holding
    // only records (the memberships sit in the older one)
    let bob = await createPeerhood({ dataDir: pristine, config: QUIET, api: false })
    await bob.start()
    await admit(alice, bob, groupId)
    await bob.connect(alice.status().addresses[0]!)
    await pWaitFor(async () => (await noteIds(bob, groupId)).length === 100, { timeout: 60_000 })
    await bob.stop()
    bob = await bobRound(pristine)
    await pWaitFor(() => alice.groups.connectedMembers(groupId).length === 1, { timeout: 60_000 })
    await addNotes(alice, groupId, 100, 100)
    await pWaitFor(async () => (await noteIds(bob, groupId)).length === 200, { timeout: 60_000 })
    await bob.stop()
    const last = await createPeerhood({ dataDir: pristine, config: QUIET, api: false })
    await last.start()
    await last.stop()
  })
  after(async () => {
    await alice?.stop()
    await tmp.remove()
  })

  it('the store to damage has two tables', async () => {
    assert.ok((await readdir(datastoreOf(pristine))).filter(f => f.endsWith('.ldb')).length >= 2)
  })

  for (const damage of DAMAGES) {
    it(`${damage.name}: repair, reconnect, and every record of the group is back`, async () => {
      const dir = join(tmp.path, `copy-${n++}`)
      await cp(pristine, dir, { recursive: true })
      await damage.apply(datastoreOf(dir))
      // the command once (its exit status and --json), the function it runs otherwise (faster)
      let report: RepairReport
      if (damage === DAMAGES[0]) {
        const res = await runCli(['repair', '--data', dir, '--json'])
        assert.equal(res.code, 0, res.stderr)
        report = JSON.parse(res.stdout)
      } else {
        report = await repairDataDir(dir)
      }
      const [group, ...others] = report.groups
      assert.equal(others.length, 0)
      assert.equal(group?.groupId, groupId)
      // a group that may have lost records is marked to be fetched again; one that lost nothing is not
      assert.equal(group.refetch, damage.loses)
      assert.equal(report.lost.length > 0, damage.loses)
      const bob = await bobRound(dir)
      try {
        const expected = await noteIds(alice, groupId)
        assert.equal(expected.length, 200)
        await pWaitFor(async () => (await noteIds(bob, groupId)).length === 200 && (await bob.groups.status(groupId)).synchronized, { timeout: 60_000 })
        assert.deepEqual(await noteIds(bob, groupId), expected)
        // the type index was rebuilt
        assert.equal((await bob.groups.listRecords(groupId, { type: 'note' })).length, 200)
        await pWaitFor(async () => (await bob.groups.status(groupId)).records === (await alice.groups.status(groupId)).records, { timeout: 30_000 })
      } finally {
        await bob.stop()
      }
    })
  }

  it('stops, changing nothing, on a damaged root key or identity', async () => {
    const dir = join(tmp.path, `copy-${n++}`)
    await cp(pristine, dir, { recursive: true })
    // bob owns no group: give his membership a root key that is not the group's
    const db = new LevelDatastore(datastoreOf(dir))
    await db.open()
    await db.put(new Key(`/peerhood/groups/${groupId}/root-key`), privateKeyToProtobuf(await generateKeyPair('Ed25519')))
    await db.close()
    let before = await snapshot(dir)
    let res = await runCli(['repair', '--data', dir])
    assert.equal(res.code, 1)
    assert.match(res.stderr, /^DATASTORE_CORRUPT: /m)
    assert.deepEqual(await snapshot(dir), before)
    const key = await readFile(join(dir, 'identity.key'))
    key[20] = key[20]! ^ 1
    await writeFile(join(dir, 'identity.key'), key)
    before = await snapshot(dir)
    res = await runCli(['repair', '--data', dir])
    assert.equal(res.code, 1)
    assert.match(res.stderr, /^INVALID_IDENTITY: /m)
    assert.deepEqual(await snapshot(dir), before)
  })

  it('stops, changing nothing, when the loss may include memberships or root keys', async () => {
    const dir = join(tmp.path, `copy-${n++}`)
    await cp(pristine, dir, { recursive: true })
    for (const name of (await readdir(datastoreOf(dir))).filter(f => f.endsWith('.ldb'))) await rm(join(datastoreOf(dir), name))
    const before = await snapshot(dir)
    const res = await runCli(['repair', '--data', dir])
    assert.equal(res.code, 1)
    assert.match(res.stderr, /^DATASTORE_CORRUPT: /m)
    assert.deepEqual(await snapshot(dir), before)
  })
})
