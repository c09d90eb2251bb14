// People Near Me (GET /v1/collab/near, issue 10), refreshed by near:changed events. On a node
// without collaboration the endpoint is missing and the page says so.
import { get } from '../lib/api.js'
import { html } from '../lib/html.js'
import { useEventTick, useFetched } from '../lib/live.js'

export function PeoplePage () {
  const tick = useEventTick(e => e.type === 'near:changed')
  const [people, error] = useFetched(() => get('/v1/collab/near'), [tick])
  if (error?.code === 'NOT_FOUND') {
    return html`<section><h2>People Near Me</h2><p class="muted">This node has no collaboration service (People Near Me, contacts, application invitations).</p></section>`
  }
  return html`<section><h2>People Near Me</h2>
    ${error && html`<p class="error">${error.message}</p>`}
    <table id="people"><thead><tr><th>Nickname</th><th>Endpoint</th><th>PeerId</th><th>Addresses</th><th>Last seen</th><th>Trusted</th></tr></thead>
    <tbody>${(people ?? []).map(p => html`<tr><td>${p.nickname}</td><td>${p.endpointName}</td><td class="mono">${p.peerId}</td>
      <td class="mono">${p.addresses.join(', ')}</td><td>${new Date(p.lastSeen).toISOString().slice(11, 19)}</td>
      <td class=${p.trusted ? 'ok' : 'muted'}>${p.trusted ? 'contact' : 'unproven'}</td></tr>`)}</tbody></table></section>`
}
