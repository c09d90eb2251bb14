import assert from 'node:assert/strict'
import { ResponderMachine } from '../../../protocols/sync/responder-machine.ts'
import { indexSet } from '../../../protocols/sync/set-index.ts'
import { LIMITS, NOW, records, setOf } from './fixtures.ts'

describe('sync responder: pushed pages applied at once', () => {
  it('ends the session only once every pushed page is applied, whatever order their verdicts come in', async () => {
    // an empty responder: the initiator pushes its whole set
    const index = await indexSet(setOf([]), NOW)
    const machine = new ResponderMachine({ groupId: 'g', cutoff: NOW, setSize: 4, setDigest: new Uint8Array(32) }, index, { limits: LIMITS })
    machine.open()
    assert.deepEqual(machine.receive({ want: { symbols: new Uint8Array(0), push: 4, last: true }, ack: 0 }), [])
    const a = records('a', 2) as Array<Uint8Array<ArrayBuffer>>
    const b = records('b', 2) as Array<Uint8Array<ArrayBuffer>>
    // both pages arrive before either is applied (the driver applies two at once)
    assert.equal(machine.receive({ records: { records: a, last: false }, ack: 0 })[0]?.type, 'apply')
    assert.equal(machine.receive({ records: { records: b, last: true }, ack: 0 })[0]?.type, 'apply')
    // the first page's verdict comes after the last page arrived: not the end yet
    assert.deepEqual(machine.applied({ accepted: 2, rejected: 0 }), [])
    assert.equal(machine.done, false)
    const end = machine.applied({ accepted: 1, rejected: 1 })
    assert.ok(end.some(action => action.type === 'done'))
    assert.equal(machine.done, true)
    assert.equal(machine.accepted, 3)
    assert.equal(machine.rejected, 1)
  })
})
