/**
 * Child process of the SIGKILL durability test: opens a LevelDB record store in the folder given
 * as argv[2] and adds records forever, printing each record id once its add has resolved.
 */
import { pathToFileURL } from 'node:url'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { LevelDatastore } from 'datastore-level'
import { GroupDatabase } from '../../../protocols/records/database.ts'
import { RecordStore } from '../../../protocols/records/store.ts'
import { WRITER_GROUP } from './writer-group.ts'

async function main (dir: string): Promise<void> {
  const privateKey = await generateKeyPairFromSeed('Ed25519', new Uint8Array(32).fill(1))
  const peerId = peerIdFromPrivateKey(privateKey).toString()
  const datastore = new LevelDatastore(dir)
  await datastore.open()
  const now = Date.now()
  const db = new GroupDatabase({
    groupId: WRITER_GROUP,
    store: new RecordStore(datastore),
    self: { privateKey, peerId },
    lookupMember: id => id === peerId ? { peerId, roles: ['member'], notBefore: now - 60_000, notAfter: now + 86_400_000 } : undefined
  })
  for (let i = 0; ; i++) {
    const { record } = await db.add({ type: 'com.example.log', data: new Uint8Array(512).fill(i & 0xff), expires: now + 3_600_000 })
    process.stdout.write(`${record.id}\n`)
  }
}

// only when run as the child process, never when imported
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] !== undefined) {
  main(process.argv[2]).catch(err => {
    process.stderr.write(`${String(err)}\n`)
    process.exit(1)
  })
}
