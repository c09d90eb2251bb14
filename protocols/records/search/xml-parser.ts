/**
 * A strict parser for the small XML subset search queries use: one root element; elements with
 * quoted attributes, text and child elements; self-closing tags; the entities `&lt;` `&gt;`
 * `&amp;` `&quot;` `&apos;`; and an optional `<?xml ...?>` declaration first. Anything else
 * (comments, CDATA, DOCTYPE, processing instructions, character references, namespaces, stray
 * `<` or `&`) is `INVALID_SEARCH`.
 */
import { MAX_QUERY_DEPTH } from '../constants.ts'
import { invalidSearch } from './ast.ts'

/** An element: name, attributes, and children (elements and text, in order). */
export interface XmlElement {
  name: string
  attributes: Map<string, string>
  children: Array<XmlElement | string>
}

const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y
const SPACE = /[ \t\r\n]*/y
const DECLARATION = /<\?xml(?:[ \t\r\n]+(?:version|encoding|standalone)[ \t\r\n]*=[ \t\r\n]*(?:"[^"<&]*"|'[^'<&]*'))*[ \t\r\n]*\?>/y
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: '\'' }

class Parser {
  pos = 0
  constructor (readonly text: string) {}

  fail (message: string): never {
    throw invalidSearch(`malformed query XML: ${message}`, { position: this.pos })
  }

  match (re: RegExp): string | undefined {
    re.lastIndex = this.pos
    const m = re.exec(this.text)
    if (m === null) return undefined
    this.pos = re.lastIndex
    return m[0]
  }

  space (): void { this.match(SPACE) }

  expect (literal: string): void {
    if (!this.text.startsWith(literal, this.pos)) this.fail(`expected "${literal}"`)
    this.pos += literal.length
  }

  name (): string {
    return this.match(NAME) ?? this.fail('expected a name')
  }

  /** Text up to one of `stops`, with entities resolved; `<` and a bare `&` are refused. */
  chars (stops: string): string {
    let out = ''
    while (this.pos < this.text.length && !stops.includes(this.text[this.pos]!)) {
      const c = this.text[this.pos]!
      if (c === '<') return out
      if (c === '&') {
        const end = this.text.indexOf(';', this.pos)
        const entity = end < 0 ? undefined : ENTITIES[this.text.slice(this.pos + 1, end)]
        if (entity === undefined) this.fail('only &lt; &gt; &amp; &quot; &apos; are allowed')
        out += entity
        this.pos = end + 1
      } else {
        out += c
        this.pos++
      }
    }
    return out
  }

  attribute (): [string, string] {
    const name = this.name()
    this.space()
    this.expect('=')
    this.space()
    const quote = this.text[this.pos]
    if (quote !== '"' && quote !== '\'') this.fail('attribute values are quoted')
    this.pos++
    const value = this.chars(quote)
    this.expect(quote)
    return [name, value]
  }

  element (depth: number): XmlElement {
    if (depth > MAX_QUERY_DEPTH + 2) this.fail('too deep')
    this.expect('<')
    const element: XmlElement = { name: this.name(), attributes: new Map(), children: [] }
    for (;;) {
      const before = this.pos
      this.space()
      if (this.text.startsWith('/>', this.pos)) { this.pos += 2; return element }
      if (this.text[this.pos] === '>') { this.pos++; break }
      if (this.pos === before) this.fail('expected a space, ">" or "/>"')
      const [name, value] = this.attribute()
      if (element.attributes.has(name)) this.fail(`duplicate attribute "${name}"`)
      element.attributes.set(name, value)
    }
    for (;;) {
      const text = this.chars('<')
      if (text !== '') element.children.push(text)
      if (this.pos >= this.text.length) this.fail(`"${element.name}" is not closed`)
      if (this.text.startsWith('</', this.pos)) break
      if (/[!?]/.test(this.text[this.pos + 1] ?? '')) this.fail('comments, CDATA and processing instructions are not allowed')
      element.children.push(this.element(depth + 1))
    }
    this.expect('</')
    if (this.name() !== element.name) this.fail(`"${element.name}" closed by another tag`)
    this.space()
    this.expect('>')
    return element
  }

  document (): XmlElement {
    this.match(DECLARATION)
    this.space()
    const root = this.element(0)
    this.space()
    if (this.pos !== this.text.length) this.fail('text after the root element')
    return root
  }
}

/** Parses an XML document of the supported subset; throws `INVALID_SEARCH`. */
export function parseXml (text: string): XmlElement {
  return new Parser(text).document()
}
