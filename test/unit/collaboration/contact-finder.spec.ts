import assert from 'node:assert/strict'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { ConnectionManager } from '@libp2p/interface-internal'
import { defaultLogger } from '@libp2p/logger'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { ContactFinder } from '../../../protocols/collaboration/contact-finder.ts'

describe('collaboration: the contact finder\'s backoff', () => {
  it('a contact briefly not lost (a subscription being tried) keeps its backoff: it is not searched again at the next tick', async () => {
    const self = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    const contact = peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()
    let dials = 0
    // a network where the contact cannot be reached: every dial fails
    const connectionManager = {
      getConnections: () => [],
      openConnection: async () => { dials++; throw new Error('unreachable') }
    } as unknown as ConnectionManager
    let now = 0
    const finder = new ContactFinder({ peerId: self, connectionManager, logger: defaultLogger(), stepTimeoutMs: 1_000, backoff: { minDelayMs: 500, maxDelayMs: 2_000, factor: 2, jitter: 0 }, now: () => now })
    const lost = [{ peerId: contact, addresses: [] }]
    const settle = async (): Promise<void> => { await new Promise(resolve => setTimeout(resolve, 20)) }
    finder.tick(lost, [contact])
    await settle()
    assert.equal(dials, 1)
    // a subscription is being tried (the contact is watched, not lost): its search state stays
    now = 100
    finder.tick([], [contact])
    now = 200
    finder.tick(lost, [contact])
    await settle()
    assert.equal(dials, 1, 'searched again before its backoff ran out')
    now = 500
    finder.tick(lost, [contact])
    await settle()
    assert.equal(dials, 2)
    // no longer watched: forgotten, so a new watch searches at once
    finder.tick([], [])
    now = 600
    finder.tick(lost, [contact])
    await settle()
    assert.equal(dials, 3)
    finder.stop()
  })
})
