import assert from 'node:assert/strict'
import { openApiPath } from '../../../node/api/openapi.ts'
import { type ApiServer, startApiServer } from '../../../node/api/server.ts'
import { generateToken } from '../../../node/api/token.ts'
import { validateRequest } from '../../../node/api/validate.ts'
import { PeerhoodError } from '../../../protocols/common/errors.ts'
import { createFakeNode, type FakeNode } from '../../helpers/fake-node.ts'

describe('api/openapi: GET /v1/openapi.json', () => {
  let node: FakeNode
  let server: ApiServer
  const token = generateToken()

  before(async () => {
    node = await createFakeNode({})
    server = await startApiServer(node, { token })
  })
  after(async () => { await server.close() })

  // biome-ignore lint/suspicious/noExplicitAny: the document is read loosely
  async function document (): Promise<any> {
    const res = await fetch(`${server.url}/v1/openapi.json`, { headers: { authorization: `Bearer ${token}` } })
    assert.equal(res.status, 200)
    return await res.json()
  }

  it('is OpenAPI 3.1 and describes every registered route, each operation once', async () => {
    const doc = await document()
    assert.equal(doc.openapi, '3.1.0')
    const entries = server.router.entries()
    assert.ok(entries.length >= 40, `only ${entries.length} routes`)
    const ids = new Set<string>()
    for (const { method, pattern, options } of entries) {
      const op = doc.paths[openApiPath(pattern)]?.[method.toLowerCase()]
      assert.ok(op !== undefined, `${method} ${pattern} is not in the document`)
      assert.ok(!ids.has(op.operationId))
      ids.add(op.operationId)
      assert.ok(typeof op.summary === 'string' && op.summary !== `${method} ${pattern}`, `${method} ${pattern} has no summary`)
      for (const name of pattern.split('/').filter(s => s.startsWith(':'))) {
        assert.ok(op.parameters.some((p: { name: string, in: string }) => p.in === 'path' && p.name === name.slice(1)))
      }
      if (method !== 'GET' && method !== 'DELETE' && pattern !== '/v1/ui/login-codes') {
        assert.ok(options.body !== undefined && op.requestBody !== undefined, `${method} ${pattern} declares no body schema`)
      }
    }
    // no operation the router does not serve
    const count = Object.values(doc.paths).reduce((n: number, ops) => n + Object.keys(ops as object).length, 0)
    assert.equal(count, entries.length)
  })

  it('routes added later are described too (the document is built on each request)', async () => {
    server.router.add('GET', '/v1/test/late', async () => ({}), { summary: 'late' })
    assert.equal((await document()).paths['/v1/test/late']?.get?.summary, 'late')
  })

  it('every documented example validates with the schema the router checks requests with', async () => {
    const doc = await document()
    let checked = 0
    for (const { method, pattern, options } of server.router.entries()) {
      const op = doc.paths[openApiPath(pattern)][method.toLowerCase()]
      const examples = Object.values(op.requestBody?.content['application/json'].examples ?? {}) as Array<{ value: unknown }>
      if (options.body !== undefined) assert.ok(examples.length > 0, `${method} ${pattern} has no example`)
      for (const { value } of examples) {
        assert.doesNotThrow(() => { validateRequest(options, value, new URLSearchParams()) }, `${method} ${pattern}: ${JSON.stringify(value)}`)
        checked++
      }
      const queryExamples = (options.query?.meta()?.examples ?? []) as Array<Record<string, string>>
      for (const example of queryExamples) {
        assert.doesNotThrow(() => { validateRequest(options, undefined, new URLSearchParams(example)) }, `${method} ${pattern}?${new URLSearchParams(example)}`)
        checked++
      }
    }
    assert.ok(checked >= 25, `only ${checked} examples`)
  })

  it('the router refuses a body its schema refuses, naming the field, before the handler runs', async () => {
    const entries = server.router.entries()
    const create = entries.find(e => e.method === 'POST' && e.pattern === '/v1/groups')!
    assert.throws(() => { validateRequest(create.options, { friendlyName: 'x', colour: 'red' }, new URLSearchParams()) },
      (err: unknown) => err instanceof PeerhoodError && err.code === 'INVALID_ARGUMENT' && err.details?.key === 'colour')
    assert.throws(() => { validateRequest(create.options, { friendlyName: 5 }, new URLSearchParams()) },
      (err: unknown) => err instanceof PeerhoodError && err.code === 'INVALID_ARGUMENT' && err.details?.key === 'friendlyName')
    const page = entries.find(e => e.pattern === '/v1/groups/:id/records/page')!
    assert.throws(() => { validateRequest(page.options, undefined, new URLSearchParams({ limit: 'lots' })) },
      (err: unknown) => err instanceof PeerhoodError && err.code === 'INVALID_ARGUMENT' && err.details?.key === 'limit')
    const res = await fetch(`${server.url}/v1/ping`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"peer":"x","extra":1}' })
    assert.equal(res.status, 400)
    assert.deepEqual(((await res.json()) as { details: unknown }).details, { key: 'extra' })
  })
})
