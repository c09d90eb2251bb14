// People: me (sign-in, presence), my contacts with their presence and the watch / allow toggles,
// the objects I publish, and People Near Me (GET /v1/collab/near, issue 10), all re-read on the
// events that change them. The parts live in lib/people-*.js.
import { get, post } from '../lib/api.js'
import { useAction } from '../lib/forms.js'
import { html } from '../lib/html.js'
import { useEventTick, useFetched } from '../lib/live.js'
import { Contacts } from '../lib/people-contacts.js'
import { MyObjects, MyPresence } from '../lib/people-me.js'

function AddNear ({ person }) {
  const [run, error, busy] = useAction(async () => { await post('/v1/collab/contacts', { nearId: person.id }) })
  return html`<button class="plain" disabled=${busy} onClick=${run}>Add as contact</button>${error && html`<span class="error">${error}</span>`}`
}

function Near () {
  const tick = useEventTick(e => e.type === 'near:changed' || e.type === 'signin:changed' || e.type === 'contact:changed')
  // listing People Near Me needs sign-in to near: ask first rather than collect a refusal
  const [people, error] = useFetched(async () => (await get('/v1/collab/signin')).near ? await get('/v1/collab/near') : null, [tick])
  if (people === null || error?.code === 'NOT_SIGNED_IN') {
    return html`<section><h2>People Near Me</h2><p class="muted" id="near-signed-out">Sign in to near (above) to see and be seen by the people on this network.</p></section>`
  }
  return html`<section><h2>People Near Me</h2>
    ${error && html`<p class="error">${error.message}</p>`}
    <table id="people"><thead><tr><th>Nickname</th><th>Endpoint</th><th>PeerId</th><th>Addresses</th><th>Last seen</th><th>Trusted</th></tr></thead>
    <tbody>${(people ?? []).map(p => html`<tr><td>${p.nickname}</td><td>${p.endpointName}</td><td class="mono">${p.peerId}</td>
      <td class="mono">${p.addresses.join(', ')}</td><td>${new Date(p.lastSeen).toISOString().slice(11, 19)}</td>
      <td class=${p.trusted ? 'ok' : 'muted'}>${p.trusted ? 'contact' : html`<${AddNear} person=${p} />`}</td></tr>`)}</tbody></table></section>`
}

export function PeoplePage () {
  // a node without the collaboration service has none of these endpoints
  const [signin, error] = useFetched(() => get('/v1/collab/signin'), [])
  if (error?.code === 'NOT_FOUND') {
    return html`<section><h2>People</h2><p class="muted">This node has no collaboration service (People Near Me, contacts, application invitations).</p></section>`
  }
  if (signin === undefined) return html`<p class=${error ? 'error' : 'muted'}>${error?.message ?? 'Loading…'}</p>`
  return html`<${MyPresence} /><${Contacts} /><${MyObjects} /><${Near} />`
}
