/**
 * W3C NOTE-datetime dates (the formats Windows record attributes and searches use):
 * `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mmTZD`, `YYYY-MM-DDThh:mm:ssTZD` and
 * `YYYY-MM-DDThh:mm:ss.sTZD`, where TZD is `Z` or `±hh:mm`. Dates without a time are UTC.
 */

const W3C_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/

/** Milliseconds since the epoch of a W3C datetime, or undefined if `text` is not one. */
export function parseW3cDate (text: string): number | undefined {
  const m = W3C_DATE.exec(text)
  if (m === null) return undefined
  const year = Number(m[1])
  const month = m[2] === undefined ? 1 : Number(m[2])
  const day = m[3] === undefined ? 1 : Number(m[3])
  const hour = m[4] === undefined ? 0 : Number(m[4])
  const minute = m[5] === undefined ? 0 : Number(m[5])
  const second = m[6] === undefined ? 0 : Number(m[6])
  const millis = m[7] === undefined ? 0 : Math.floor(Number('0.' + m[7]) * 1000)
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, millis)
  if (date.getUTCDate() !== day) return undefined // e.g. 2023-02-30
  let offset = 0
  const tzd = m[8]
  if (tzd !== undefined && tzd !== 'Z') {
    const oh = Number(tzd.slice(1, 3))
    const om = Number(tzd.slice(4, 6))
    if (oh > 23 || om > 59) return undefined
    offset = (tzd[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000
  }
  return date.getTime() - offset
}

/** A date as W3C datetime text in UTC with milliseconds, e.g. `2024-05-01T12:00:00.000Z`. */
export function formatW3cDate (ms: number): string {
  return new Date(ms).toISOString()
}
