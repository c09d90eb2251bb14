/**
 * The configuration table (key, environment variable, type, default, description), generated from
 * the schema for `docs/configuration.md`; a unit test fails when the document falls behind.
 */
import { typeLabel } from './allowed.ts'
import { configLeaves } from './leaves.ts'

/** Marker line before the generated table in a markdown document. */
export const CONFIG_TABLE_START = '<!-- config-table:start -->'

/** Marker line after the generated table in a markdown document. */
export const CONFIG_TABLE_END = '<!-- config-table:end -->'

/** One row of the configuration table. */
export interface ConfigTableRow {
  /** Dotted key, e.g. `api.port`. */
  key: string
  /** Environment variable, e.g. `PEERHOOD_API_PORT`. */
  env: string
  /** Short type, e.g. `integer (0–65535)`. */
  type: string
  /** Default value. */
  default: unknown
  /** One line of documentation. */
  description: string
}

/** Every settable key, in schema order. */
export function configTable (): ConfigTableRow[] {
  return configLeaves().map(leaf => ({
    key: leaf.key,
    env: leaf.env,
    type: typeLabel(leaf.schema),
    default: leaf.default,
    description: leaf.description
  }))
}

function cell (text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

/** The configuration table in markdown (columns Key, Env, Type, Default, Description), no markers. */
export function configTableMarkdown (): string {
  const lines = ['| Key | Env | Type | Default | Description |', '| --- | --- | --- | --- | --- |']
  for (const row of configTable()) {
    const cells = [`\`${row.key}\``, `\`${row.env}\``, row.type, `\`${JSON.stringify(row.default)}\``, row.description]
    lines.push(`| ${cells.map(cell).join(' | ')} |`)
  }
  return lines.join('\n') + '\n'
}

/** The text between the markers of `doc`, or undefined when it has no (well-ordered) markers. */
export function extractConfigTable (doc: string): string | undefined {
  const start = doc.indexOf(CONFIG_TABLE_START)
  const end = doc.indexOf(CONFIG_TABLE_END)
  if (start === -1 || end < start) return undefined
  return doc.slice(start + CONFIG_TABLE_START.length, end).replace(/^\r?\n/, '')
}

/** `doc` with the text between the markers replaced by the current table (unchanged without markers). */
export function replaceConfigTable (doc: string): string {
  const start = doc.indexOf(CONFIG_TABLE_START)
  const end = doc.indexOf(CONFIG_TABLE_END)
  if (start === -1 || end < start) return doc
  return doc.slice(0, start + CONFIG_TABLE_START.length) + '\n' + configTableMarkdown() + doc.slice(end)
}
