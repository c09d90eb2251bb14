/**
 * The Windows XML form of a search query (`PeerGroupSearchRecords`):
 *
 * ```xml
 * <peersearch>
 *   <and>
 *     <clause attrib="author" type="string" compare="equal">al*</clause>
 *     <clause attrib="size" type="int" compare="greater">10</clause>
 *   </and>
 * </peersearch>
 * ```
 *
 * `<peersearch>` holds exactly one `clause`, `and` or `or`; `and` / `or` hold at least one of
 * those; a clause has `attrib`, `type` and optional `compare` (default `equal`) and only text.
 */
import { invalidSearch, makeClause, makeGroup, type QueryNode } from './ast.ts'
import { parseXml, type XmlElement } from './xml-parser.ts'

const WHITESPACE = /^[ \t\r\n]*$/

function elementChildren (element: XmlElement): XmlElement[] {
  const out: XmlElement[] = []
  for (const child of element.children) {
    if (typeof child === 'string') {
      if (!WHITESPACE.test(child)) throw invalidSearch(`<${element.name}> holds no text`)
    } else {
      out.push(child)
    }
  }
  return out
}

function toNode (element: XmlElement): QueryNode {
  const { name, attributes } = element
  if (name === 'and' || name === 'or') {
    if (attributes.size > 0) throw invalidSearch(`<${name}> has no attributes`)
    return makeGroup(name, elementChildren(element).map(toNode))
  }
  if (name !== 'clause') throw invalidSearch(`unexpected element <${name}>`)
  for (const key of attributes.keys()) {
    if (key !== 'attrib' && key !== 'type' && key !== 'compare') throw invalidSearch(`unexpected attribute "${key}" on <clause>`)
  }
  const text = element.children.map(child => {
    if (typeof child !== 'string') throw invalidSearch('<clause> holds only text')
    return child
  }).join('')
  return makeClause(attributes.get('attrib'), attributes.get('type'), attributes.get('compare'), text)
}

/** The query tree of a `<peersearch>` XML query; throws `INVALID_SEARCH`. */
export function parseXmlQuery (text: string): QueryNode {
  const root = parseXml(text)
  if (root.name !== 'peersearch') throw invalidSearch('the root element is <peersearch>')
  if (root.attributes.size > 0) throw invalidSearch('<peersearch> has no attributes')
  const children = elementChildren(root)
  if (children.length !== 1) throw invalidSearch('<peersearch> holds exactly one clause, and or or')
  return toNode(children[0]!)
}
