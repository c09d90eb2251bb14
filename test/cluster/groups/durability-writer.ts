/**
 * Child process of the durability test: a node on a LevelDB data directory creates a group and
 * adds records as fast as it can, printing each record id once `addRecord` has returned.
 */
import { createPeerhood } from '../../../node/peerhood.ts'

const dataDir = process.argv[2]!
const node = await createPeerhood({ dataDir, config: { mdns: { enabled: false }, dht: { enabled: false }, listen: ['/ip4/127.0.0.1/tcp/0'] }, api: false })
await node.start()
const group = await node.groups.create({ friendlyName: 'durable' })
process.stdout.write(`group ${group.groupId}\n`)
for (let i = 0; ; i++) {
  const record = await node.groups.addRecord(group.groupId, { type: 'entry', data: new TextEncoder().encode(`entry ${i}`) })
  process.stdout.write(`ack ${record.id}\n`)
}
