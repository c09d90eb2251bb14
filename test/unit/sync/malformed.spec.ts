import assert from 'node:assert/strict'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'
import { InitiatorMachine } from '../../../protocols/sync/initiator-machine.ts'
import type { Hello, InitiatorMessage, ResponderMessage } from '../../../protocols/sync/pb/sync.ts'
import { Status } from '../../../protocols/sync/pb/sync.ts'
import { ResponderMachine } from '../../../protocols/sync/responder-machine.ts'
import { buildIndex } from '../../../protocols/sync/set-index.ts'
import { encodeCoded, encodeSymbols } from '../../../protocols/sync/symbols.ts'
import { LIMITS, NOW, seeded } from './fixtures.ts'

const EMPTY = new Uint8Array(0)

function throwsCode (fn: () => unknown, code: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(isPeerhoodError(err), String(err))
    assert.equal(err.code, code)
    return true
  })
}

function hashes (count: number, family: string): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => seeded(`${family}/${i}`, 32))
}

function status (code: Status.Code, setSize = 100): ResponderMessage {
  return { status: { code, setSize }, ack: 0 }
}

function initiator (size = 100): InitiatorMachine {
  const machine = new InitiatorMachine(buildIndex(hashes(size, 'i')), { groupId: 'g', cutoff: NOW, limits: LIMITS })
  machine.start()
  return machine
}

function hello (overrides: Partial<Hello> = {}): InitiatorMessage {
  return { hello: { groupId: 'g', cutoff: NOW, setSize: 1000, setDigest: new Uint8Array(32), ...overrides }, ack: 0 }
}

function responder (size = 1000, helloSize = 1000): ResponderMachine {
  const machine = new ResponderMachine(ResponderMachine.checkHello(hello({ setSize: helloSize })), buildIndex(hashes(size, 'r')), { limits: LIMITS })
  machine.open()
  return machine
}

describe('sync machines refuse malformed messages', () => {
  describe('initiator', () => {
    it('maps refusal statuses to codes', () => {
      throwsCode(() => initiator().receive(status(Status.Code.NOT_A_MEMBER)), 'NOT_A_MEMBER')
      throwsCode(() => initiator().receive(status(Status.Code.LIMIT_EXCEEDED)), 'SYNC_LIMIT_EXCEEDED')
      throwsCode(() => initiator().receive(status(Status.Code.INVALID_MESSAGE)), 'INVALID_MESSAGE')
      throwsCode(() => initiator().receive(status(Status.Code.INTERNAL)), 'INTERNAL')
    })

    it('refuses empty messages and messages with two parts', () => {
      throwsCode(() => initiator().receive({ ack: 0 }), 'INVALID_MESSAGE')
      throwsCode(() => initiator().receive({ ...status(Status.Code.OK), done: { accepted: 0, rejected: 0 } }), 'INVALID_MESSAGE')
    })

    it('refuses messages out of order', () => {
      throwsCode(() => initiator().receive({ symbols: { coded: encodeCoded([{ symbol: 1n, hash: 1n, count: 1n }]), list: EMPTY, last: true }, ack: 0 }), 'INVALID_MESSAGE')
      throwsCode(() => initiator().receive({ done: { accepted: 0, rejected: 0 }, ack: 0 }), 'INVALID_MESSAGE')
      const machine = initiator()
      machine.receive(status(Status.Code.OK))
      throwsCode(() => machine.receive(status(Status.Code.OK)), 'INVALID_MESSAGE')
    })

    it('refuses a set size out of range', () => {
      throwsCode(() => initiator().receive(status(Status.Code.OK, 2 ** 40)), 'INVALID_MESSAGE')
    })

    it('refuses truncated coded symbols, and more than asked for', () => {
      const machine = initiator()
      machine.receive(status(Status.Code.OK))
      throwsCode(() => machine.receive({ symbols: { coded: new Uint8Array(20), list: EMPTY, last: true }, ack: 0 }), 'INVALID_MESSAGE')
      const greedy = initiator(10)
      greedy.receive(status(Status.Code.OK, 10))
      const cells = Array.from({ length: 1100 }, (_, i) => ({ symbol: BigInt(i), hash: 0n, count: 0n }))
      throwsCode(() => greedy.receive({ symbols: { coded: encodeCoded(cells), list: EMPTY, last: true }, ack: 0 }), 'INVALID_MESSAGE')
    })

    it('refuses a page with both coded and listed symbols, and an empty first page', () => {
      const machine = initiator()
      machine.receive(status(Status.Code.OK))
      throwsCode(() => machine.receive({ symbols: { coded: encodeCoded([{ symbol: 1n, hash: 1n, count: 1n }]), list: encodeSymbols([1n]), last: true }, ack: 0 }), 'INVALID_MESSAGE')
      const other = initiator()
      other.receive(status(Status.Code.OK))
      throwsCode(() => other.receive({ symbols: { coded: EMPTY, list: EMPTY, last: true }, ack: 0 }), 'INVALID_MESSAGE')
    })

    it('refuses a list that is not ascending, or longer than the set', () => {
      const machine = initiator()
      machine.receive(status(Status.Code.OK))
      throwsCode(() => machine.receive({ symbols: { coded: EMPTY, list: encodeSymbols([5n, 3n]), last: true }, ack: 0 }), 'INVALID_MESSAGE')
      const other = initiator()
      other.receive(status(Status.Code.OK, 2))
      throwsCode(() => other.receive({ symbols: { coded: EMPTY, list: encodeSymbols([1n, 2n, 3n]), last: true }, ack: 0 }), 'INVALID_MESSAGE')
    })

    it('refuses too many records in one page', () => {
      const machine = new InitiatorMachine(buildIndex([]), { groupId: 'g', cutoff: NOW, limits: { ...LIMITS, maxRecordsPerMessage: 2 } })
      machine.start()
      machine.receive(status(Status.Code.OK, 10))
      throwsCode(() => machine.receive({ records: { records: [EMPTY, EMPTY, EMPTY] as Array<Uint8Array<ArrayBuffer>>, last: false }, ack: 0 }), 'INVALID_MESSAGE')
    })
  })

  describe('responder', () => {
    it('refuses a malformed Hello', () => {
      throwsCode(() => ResponderMachine.checkHello({ ack: 1 }), 'INVALID_MESSAGE')
      throwsCode(() => ResponderMachine.checkHello({ want: { symbols: EMPTY, push: 0, last: true }, ack: 0 }), 'INVALID_MESSAGE')
      throwsCode(() => ResponderMachine.checkHello(hello({ groupId: '' })), 'INVALID_MESSAGE')
      throwsCode(() => ResponderMachine.checkHello(hello({ groupId: 'x'.repeat(2000) })), 'INVALID_MESSAGE')
      throwsCode(() => ResponderMachine.checkHello(hello({ setDigest: new Uint8Array(31) })), 'INVALID_MESSAGE')
      throwsCode(() => ResponderMachine.checkHello(hello({ setSize: 2 ** 40 })), 'INVALID_MESSAGE')
      throwsCode(() => ResponderMachine.checkHello(hello({ cutoff: 2 ** 60 })), 'INVALID_MESSAGE')
    })

    it('refuses a second Hello and records before a Want', () => {
      throwsCode(() => responder().receive(hello()), 'INVALID_MESSAGE')
      throwsCode(() => responder().receive({ records: { records: [], last: true }, ack: 0 }), 'INVALID_MESSAGE')
    })

    it('refuses requests for no symbols, and beyond the limit', () => {
      throwsCode(() => responder().receive({ request: { symbols: 0, list: false }, ack: 0 }), 'INVALID_MESSAGE')
      throwsCode(() => responder().receive({ request: { symbols: 10_000, list: false }, ack: 0 }), 'SYNC_LIMIT_EXCEEDED')
    })

    it('refuses a ragged Want and more wanted symbols than it holds', () => {
      throwsCode(() => responder().receive({ want: { symbols: new Uint8Array(7), push: 0, last: true }, ack: 0 }), 'INVALID_MESSAGE')
      const small = responder(3, 3)
      throwsCode(() => small.receive({ want: { symbols: encodeSymbols([1n, 2n, 3n, 4n]), push: 0, last: true }, ack: 0 }), 'INVALID_MESSAGE')
    })

    it('refuses more pushed records than announced', () => {
      const machine = responder()
      machine.receive({ want: { symbols: EMPTY, push: 1, last: true }, ack: 0 })
      throwsCode(() => machine.receive({ records: { records: [EMPTY, EMPTY] as Array<Uint8Array<ArrayBuffer>>, last: true }, ack: 0 }), 'INVALID_MESSAGE')
    })

    it('answers a Want without pushes with Done at once', () => {
      const machine = responder()
      const actions = machine.receive({ want: { symbols: EMPTY, push: 0, last: true }, ack: 0 })
      assert.deepEqual(actions.map(a => a.type), ['send', 'done'])
      assert.ok(machine.done)
    })
  })
})
