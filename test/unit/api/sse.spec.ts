import assert from 'node:assert/strict'
import { SseParser, formatSseComment, formatSseEvent } from '../../../node/api/sse.ts'

describe('api/sse', () => {
  it('formats events and comments', () => {
    assert.equal(formatSseEvent('peer:connected', '{"a":1}'), 'event: peer:connected\ndata: {"a":1}\n\n')
    assert.equal(formatSseEvent('x\ny', 'a\nb'), 'event: xy\ndata: a\ndata: b\n\n')
    assert.equal(formatSseComment('ok'), ': ok\n\n')
  })

  it('parses what it formats, split at every position', () => {
    const text = formatSseComment('ok') + formatSseEvent('a:b', '{"n":1}') + formatSseComment('keep-alive') + formatSseEvent('c:d', 'x\ny')
    for (let i = 0; i <= text.length; i++) {
      const parser = new SseParser()
      const got = [...parser.push(text.slice(0, i)), ...parser.push(text.slice(i))]
      assert.deepEqual(got, [{ event: 'a:b', data: '{"n":1}' }, { event: 'c:d', data: 'x\ny' }], `split at ${i}`)
    }
  })

  it('handles CRLF and CR line endings, even split between \\r and \\n', () => {
    const parser = new SseParser()
    const got = [
      ...parser.push('event: a\r'),
      ...parser.push('\ndata: 1\r\n\r'),
      ...parser.push('\nevent: b\rdata:2\r\r')
    ]
    assert.deepEqual(got, [{ event: 'a', data: '1' }, { event: 'b', data: '2' }])
  })

  it('ignores comments, unknown fields and events without data; defaults the type', () => {
    const parser = new SseParser()
    const got = parser.push(': hi\nretry: 10\nfoo: bar\nevent: empty\n\ndata: d\nid: 7\n\n')
    assert.deepEqual(got, [{ event: 'message', data: 'd', id: '7' }])
  })
})
