import assert from 'node:assert/strict'
import { MAX_APPLICATIONS, MAX_OBJECTS } from '../../../protocols/collaboration/constants.ts'
import { EndpointView } from '../../../protocols/collaboration/endpoint-view.ts'
import { applicationFrame, frame, objectFrame, presenceFrame, snapshotFrames } from '../../../protocols/collaboration/frames.ts'
import type { Frame } from '../../../protocols/collaboration/pb/collab.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'

const obj = (i: number, size = 4) => objectFrame({ id: `org.example.o${i}`, data: new Uint8Array(size).fill(7), scope: 'all' })
const app = (i: number, description = 'd') => applicationFrame({ id: `org.example.a${i}`, description, data: new Uint8Array(1), launch: '/secret', args: ['x'], scope: 'all' })

function feed (view: EndpointView, frames: Frame[]): void {
  for (const f of frames) view.apply(f)
}

function refusedWith (view: EndpointView, frames: Frame[], c: string): void {
  assert.throws(() => { feed(view, frames) }, (err: unknown) => isPeerhoodError(err) && err.code === c)
}

describe('collaboration/endpoint-view', () => {
  it('a snapshot replaces the held data only when whole, and reports the differences', () => {
    const view = new EndpointView()
    view.apply(frame({ begin: true, presence: presenceFrame({ status: 'busy', text: 't' }).presence, endpointName: 'pc' }))
    view.apply(obj(1))
    assert.equal(view.state, undefined)
    const { changes, completed } = view.apply(frame({ end: true }))
    assert.equal(completed, true)
    assert.deepEqual(changes.map(c => c.kind), ['presence', 'endpoint', 'object'])
    const second = [frame({ begin: true, presence: presenceFrame({ status: 'busy', text: 't' }).presence, endpointName: 'pc' }), obj(2), frame({ end: true })]
    let last: ReturnType<EndpointView['apply']> | undefined
    for (const f of second) last = view.apply(f)
    assert.deepEqual(last!.changes.map(c => c.kind === 'object' ? `${c.change}:${c.object.id}` : c.kind), ['added:org.example.o2', 'deleted:org.example.o1'])
  })

  it('the launch command never reaches the wire', () => {
    const f = app(1)
    assert.deepEqual(Object.keys(f.application!).sort(), ['data', 'deleted', 'description', 'id'])
    assert.ok(!JSON.stringify(snapshotFrames({ signedIn: { near: false, internet: true }, presence: { status: 'online', text: '' }, endpointName: 'e', objects: [], applications: [{ id: 'org.x.y', description: 'd', data: new Uint8Array(0), launch: '/secret', args: ['--token'], scope: 'all' }] }, false)).includes('secret'))
  })

  it('every limit is enforced on receipt with its own code, and a refused push stores nothing', () => {
    const base = [frame({ begin: true }), obj(1), frame({ end: true })]
    const cases: Array<[Frame[], string]> = [
      [[frame({ begin: true }), ...Array.from({ length: MAX_OBJECTS + 1 }, (_, i) => obj(i)), frame({ end: true })], 'TOO_MANY_OBJECTS'],
      [[frame({ begin: true }), ...Array.from({ length: MAX_APPLICATIONS + 1 }, (_, i) => app(i)), frame({ end: true })], 'TOO_MANY_APPLICATIONS'],
      [[obj(2, 16 * 1024 + 1)], 'OBJECT_TOO_LARGE'],
      [[obj(2, 0)], 'OBJECT_EMPTY'],
      [[app(2, 'x'.repeat(256))], 'DESCRIPTION_TOO_LONG'],
      [[applicationFrame({ id: 'org.example.big', description: '', data: new Uint8Array(16 * 1024 + 1), launch: '', args: [], scope: 'all' })], 'APPLICATION_DATA_TOO_LARGE'],
      [[frame({ presence: { status: 'ONLINE' as never, text: 'x'.repeat(256) } })], 'PRESENCE_TEXT_TOO_LONG'],
      [[frame({ endpointName: 'x'.repeat(256) })], 'NAME_TOO_LONG'],
      [[objectFrame({ id: '{DD15F41F-FC4E-4922-B035-4C06A754D01D}', data: new Uint8Array(1), scope: 'all' })], 'INVALID_OBJECT_ID'],
      [[frame({ end: true })], 'INVALID_MESSAGE']
    ]
    for (const [frames, c] of cases) {
      const view = new EndpointView()
      feed(view, base)
      const before = view.state
      refusedWith(view, frames, c)
      assert.equal(view.state, before, c)
      assert.deepEqual([...view.state!.objects.keys()], ['org.example.o1'], c)
    }
    // an update before any snapshot is refused
    refusedWith(new EndpointView(), [obj(1)], 'INVALID_MESSAGE')
  })

  it('goes offline once (the subscription ended)', () => {
    const view = new EndpointView()
    feed(view, [frame({ begin: true, presence: presenceFrame({ status: 'online', text: '' }).presence }), frame({ end: true })])
    assert.equal(view.goOffline()?.kind, 'presence')
    assert.equal(view.goOffline(), undefined)
  })
})
