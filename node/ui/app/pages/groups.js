// Groups: every group with its status flags; create a group; join one with a pasted token.
import { get, post } from '../lib/api.js'
import { field, useAction } from '../lib/forms.js'
import { html } from '../lib/html.js'
import { useEventTick, useFetched } from '../lib/live.js'

/** Status flags as words. */
export function Flags ({ status }) {
  const flag = (on, label) => html`<span class=${on ? 'ok' : 'muted'}>${on ? '●' : '○'} ${label}</span>`
  return html`<span class="flags">${flag(status.listening, 'listening')}${flag(status.hasConnections, 'connected')}${flag(status.synchronized, 'synchronized')}</span>`
}

function CreateGroup () {
  const [run, error, busy] = useAction(async event => {
    const group = await post('/v1/groups', { friendlyName: field(event, 'name') })
    location.hash = `#/groups/${encodeURIComponent(group.groupId)}`
  })
  return html`<form id="create-group" onSubmit=${run} class="row">
    <input name="name" placeholder="Group name" required /><button disabled=${busy}>Create group</button>
    ${error && html`<span class="error">${error}</span>`}</form>`
}

function JoinGroup () {
  const [run, error, busy] = useAction(async event => {
    const group = await post('/v1/groups/join', { token: field(event, 'token') })
    location.hash = `#/groups/${encodeURIComponent(group.groupId)}`
  })
  return html`<form id="join-group" onSubmit=${run}>
    <textarea name="token" placeholder="Paste an invitation token (peerhood1:…)" required></textarea>
    <div class="row"><button disabled=${busy}>Join</button>${error && html`<span class="error">${error}</span>`}</div></form>`
}

export function GroupsPage () {
  const tick = useEventTick(e => e.type === 'group:status' || e.type === 'member:changed' || e.type === 'property:changed')
  const [groups, error] = useFetched(() => get('/v1/groups'), [tick])
  return html`
    <section><h2>Groups</h2>
      ${error && html`<p class="error">${error.message}</p>`}
      <table id="groups"><thead><tr><th>Name</th><th>Group id</th><th>My roles</th><th>Status</th><th>Connected members</th></tr></thead>
      <tbody>${(groups ?? []).map(g => html`<tr class="clickable" onClick=${() => { location.hash = `#/groups/${encodeURIComponent(g.groupId)}` }}>
        <td><a href="#/groups/${encodeURIComponent(g.groupId)}">${g.properties.friendlyName}</a></td><td class="mono">${g.groupId}</td>
        <td>${g.roles.join(', ')}</td><td><${Flags} status=${g.status} /></td><td>${g.connectedMembers}</td></tr>`)}</tbody></table>
    </section>
    <section><h2>Create a group</h2><${CreateGroup} /></section>
    <section><h2>Join a group</h2><${JoinGroup} /></section>`
}

