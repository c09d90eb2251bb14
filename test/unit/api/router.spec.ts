import assert from 'node:assert/strict'
import { ApiRouter } from '../../../node/api/router.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'

const h = (name: string) => async () => name

describe('api/router', () => {
  it('matches literal paths and captures decoded params', async () => {
    const router = new ApiRouter()
      .add('GET', '/v1/status', h('status'))
      .add('GET', '/v1/groups/:id/records/:record', h('record'))
    const status = router.match('GET', '/v1/status')
    assert.equal(status.kind, 'found')
    const rec = router.match('GET', '/v1/groups/g%2F1/records/r1')
    assert.ok(rec.kind === 'found')
    assert.deepEqual(rec.params, { id: 'g/1', record: 'r1' })
    assert.equal(await rec.handler({} as never), 'record')
  })

  it('ignores one trailing slash and refuses empty params', () => {
    const router = new ApiRouter().add('GET', '/v1/groups/:id', h('g'))
    assert.equal(router.match('GET', '/v1/groups/abc/').kind, 'found')
    assert.equal(router.match('GET', '/v1/groups//').kind, 'not-found')
    assert.equal(router.match('GET', '/v1/groups/a/b').kind, 'not-found')
  })

  it('prefers literal segments over params whatever the order', async () => {
    const router = new ApiRouter()
      .add('GET', '/v1/groups/:id', h('param'))
      .add('GET', '/v1/groups/mine', h('literal'))
    const m = router.match('GET', '/v1/groups/mine')
    assert.ok(m.kind === 'found')
    assert.equal(await m.handler({} as never), 'literal')
  })

  it('reports the allowed methods of a known path', () => {
    const router = new ApiRouter().add('GET', '/v1/peers', h('a')).add('DELETE', '/v1/peers', h('b'))
    const m = router.match('POST', '/v1/peers')
    assert.ok(m.kind === 'method-not-allowed')
    assert.deepEqual(m.allow.sort(), ['DELETE', 'GET'])
    assert.equal(router.match('GET', '/v2/peers').kind, 'not-found')
  })

  it('refuses duplicate routes and bad patterns', () => {
    const router = new ApiRouter().add('GET', '/v1/groups/:id', h('a'))
    assert.throws(() => router.add('GET', '/v1/groups/:other', h('b')), err => isPeerhoodError(err, 'ALREADY_EXISTS'))
    assert.throws(() => router.add('GET', 'v1/x', h('b')), err => isPeerhoodError(err, 'INVALID_ARGUMENT'))
    router.add('POST', '/v1/groups/:id', h('c'))
    assert.deepEqual(router.list(), ['GET /v1/groups/:id', 'POST /v1/groups/:id'])
  })

  it('refuses malformed percent-encoding with INVALID_REQUEST', () => {
    const router = new ApiRouter().add('GET', '/v1/groups/:id', h('a'))
    assert.throws(() => router.match('GET', '/v1/groups/%E0%A4%A'), err => isPeerhoodError(err, 'INVALID_REQUEST'))
  })
})
