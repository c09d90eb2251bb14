// Events: the live event stream, filtered by type prefix and group.
import { useState } from 'preact/hooks'
import { html } from '../lib/html.js'
import { eventLog, useEvents } from '../lib/live.js'

const SHOWN = 300

export function EventsPage () {
  const [, setCount] = useState(0)
  const [type, setType] = useState('')
  const [group, setGroup] = useState('')
  useEvents(() => setCount(n => n + 1))
  const shown = eventLog.filter(e => e.type.startsWith(type) && (group === '' || (e.group ?? '').startsWith(group))).slice(-SHOWN).reverse()
  return html`<section><h2>Events</h2>
    <div class="row"><input id="event-type" placeholder="type (e.g. record: or peer:connected)" onInput=${e => setType(e.target.value.trim())} />
      <input id="event-group" placeholder="group id" onInput=${e => setGroup(e.target.value.trim())} />
      <span class="muted">${shown.length} shown of ${eventLog.length} since the page opened</span></div>
    <table class="events" id="events"><thead><tr><th>Time</th><th>Type</th><th>Group</th><th>Data</th></tr></thead>
    <tbody>${shown.map(e => html`<tr><td>${new Date(e.time).toISOString().slice(11, 23)}</td><td>${e.type}</td>
      <td class="mono">${(e.group ?? '').slice(0, 12)}</td><td class="mono">${JSON.stringify(e.data)}</td></tr>`)}</tbody></table></section>`
}
