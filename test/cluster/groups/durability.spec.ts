import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pWaitFor from 'p-wait-for'
import { createPeerhood } from '../../../node/peerhood.ts'
import { tempDir } from '../../helpers/temp-dir.ts'

const WRITER = join(dirname(fileURLToPath(import.meta.url)), 'durability-writer.js')

describe('cluster: a node killed with SIGKILL in the middle of a stream of adds', function () {
  this.timeout(60_000)

  it('restarts with every add that had returned, and the store opens cleanly', async () => {
    const dir = await tempDir()
    try {
      const child = spawn(process.execPath, [WRITER, dir.path], { stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      let err = ''
      child.stdout.on('data', (d: Buffer) => { out += d.toString() })
      child.stderr.on('data', (d: Buffer) => { err += d.toString() })
      const exited = new Promise(resolve => child.on('close', resolve))
      await pWaitFor(() => (out.match(/^ack /gm)?.length ?? 0) >= 200 || child.exitCode !== null, { timeout: 40_000 })
      assert.equal(child.exitCode, null, err)
      child.kill('SIGKILL')
      await exited
      const groupId = out.match(/^group (\S+)$/m)![1]!
      // only complete lines: a line cut by the kill was not acknowledged
      const acked = out.split('\n').slice(0, -1).filter(l => l.startsWith('ack ')).map(l => l.slice(4))
      assert.ok(acked.length >= 200)

      const node = await createPeerhood({ dataDir: dir.path, config: { mdns: { enabled: false }, dht: { enabled: false }, listen: ['/ip4/127.0.0.1/tcp/0'] }, api: false })
      await node.start()
      try {
        const stored = new Set((await node.groups.listRecords(groupId)).map(r => r.id))
        const missing = acked.filter(id => !stored.has(id))
        assert.deepEqual(missing, [])
        for (const id of acked.slice(-5)) assert.equal((await node.groups.getRecord(groupId, id)).id, id)
        const status = await node.groups.status(groupId)
        assert.ok(status.records >= acked.length)
        assert.equal(status.synchronized, true)
      } finally {
        await node.stop()
      }
    } finally {
      await dir.remove()
    }
  })
})
