// Sync: one progress bar per (group, peer) from sync:progress, completed by sync:completed.
import { useState } from 'preact/hooks'
import { html } from '../lib/html.js'
import { eventLog, useEvents } from '../lib/live.js'

/** Folds a sync event into the table of transfers. */
function fold (table, e) {
  if (e.type !== 'sync:progress' && e.type !== 'sync:completed') return table
  const key = `${e.group} ${e.data.peerId}`
  const row = { ...(table.get(key) ?? {}), group: e.group, peerId: e.data.peerId, time: e.time }
  if (e.type === 'sync:progress') Object.assign(row, { received: e.data.received, total: e.data.total, done: false })
  else Object.assign(row, { received: e.data.recordsReceived, total: e.data.recordsReceived, sent: e.data.recordsSent, done: true })
  return new Map(table).set(key, row)
}

export function SyncPage () {
  const [table, setTable] = useState(() => eventLog.reduce(fold, new Map()))
  useEvents(e => setTable(t => fold(t, e)))
  const rows = [...table.values()].sort((a, b) => b.time - a.time)
  return html`<section><h2>Sync</h2>
    ${rows.length === 0 && html`<p class="muted">No sync since this page opened. Transfers appear here as they run.</p>`}
    <table id="sync"><thead><tr><th>Group</th><th>Peer</th><th>Progress</th><th>Records</th><th>State</th></tr></thead>
    <tbody>${rows.map(r => {
      const pct = r.done ? 100 : r.total ? Math.min(100, Math.round(100 * r.received / r.total)) : 0
      return html`<tr><td class="mono">${r.group.slice(0, 16)}…</td><td class="mono">${r.peerId.slice(-12)}</td>
        <td><div class="bar"><div style=${{ width: `${pct}%` }}></div></div></td>
        <td>${r.received}${r.total === undefined ? '' : ` / ${r.total}`}${r.sent === undefined ? '' : ` (sent ${r.sent})`}</td>
        <td class=${r.done ? 'ok' : ''}>${r.done ? 'done' : 'running'}</td></tr>`
    })}</tbody></table></section>`
}
