// One group: status, members (roles, presence, chain depth, expiry), connections, invitations
// (token and QR code) and the records table.
import { useState } from 'preact/hooks'
import { renderSVG } from 'uqr'
import { get, groupPath, post } from '../lib/api.js'
import { field, useAction } from '../lib/forms.js'
import { html } from '../lib/html.js'
import { useEventTick, useFetched } from '../lib/live.js'
import { Flags } from './groups.js'
import { Records } from './records.js'

const day = ms => new Date(ms).toISOString().slice(0, 10)

/** Characters per QR code: a certificate-carrying token (~3 KB) needs a few codes, each easy to scan. */
const QR_CHUNK = 1200

/** QR codes of `text` as SVG images (data: URLs: no inline code or style), in parts when it is long. */
function Qr ({ text }) {
  const parts = []
  for (let i = 0; i < text.length; i += QR_CHUNK) parts.push(text.slice(i, i + QR_CHUNK))
  return html`<div id="qr">${parts.map((part, i) => {
    const svg = renderSVG(part, { ecc: 'L', border: 2 })
    return html`<figure><img class="qr" alt=${`QR code ${i + 1} of ${parts.length}`} src=${`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} />
      ${parts.length > 1 && html`<figcaption class="muted">part ${i + 1} of ${parts.length}: scan them in order and join the text</figcaption>`}</figure>`
  })}</div>`
}

function Invite ({ groupId }) {
  const [token, setToken] = useState(undefined)
  const [run, error, busy] = useAction(async event => {
    setToken((await post(groupPath(groupId, '/invitations'), { peerId: field(event, 'peer') })).token)
  })
  return html`<form id="invite" onSubmit=${run} class="row">
      <input class="wide" name="peer" placeholder="PeerId of the invitee" required /><button disabled=${busy}>Invite</button>
      ${error && html`<span class="error">${error}</span>`}</form>
    ${token && html`<div class="grid2"><div><p class="muted">Give this token to the invitee (it works for that PeerId only):</p>
      <p class="token mono" id="invitation-token">${token}</p></div><${Qr} text=${token} /></div>`}`
}

function Members ({ groupId, tick }) {
  const [members] = useFetched(() => get(groupPath(groupId, '/members')), [groupId, tick])
  return html`<table id="members"><thead><tr><th>Name</th><th>PeerId</th><th>Roles</th><th>Presence</th><th>Depth</th><th>Expires</th></tr></thead>
    <tbody>${(members ?? []).map(m => html`<tr><td>${m.displayName}${m.self ? ' (me)' : ''}</td><td class="mono">${m.peerId}</td>
      <td>${m.roles.join(', ')}</td><td class=${m.present || m.connected ? 'ok' : 'muted'}>${m.connected ? 'connected' : m.present ? 'online' : 'offline'}</td>
      <td>${m.depth}</td><td>${day(m.notAfterMs)}</td></tr>`)}</tbody></table>`
}

function Connections ({ groupId, tick }) {
  const [connections] = useFetched(() => get(groupPath(groupId, '/connections')), [groupId, tick])
  if (connections === undefined || connections.length === 0) return html`<p class="muted">No connections.</p>`
  return html`<table><thead><tr><th>Peer</th><th>Kind</th></tr></thead>
    <tbody>${connections.map(c => html`<tr><td class="mono">${c.peerId}</td><td>${c.kind ?? c.type ?? ''}</td></tr>`)}</tbody></table>`
}

export function GroupPage ({ groupId }) {
  const mine = e => e.group === groupId
  const tick = useEventTick(e => mine(e) && (e.type === 'group:status' || e.type === 'member:changed' || e.type.startsWith('direct:') || e.type === 'sync:completed'), [groupId])
  // the records table is what people wait for: the rest (a status that counts every record,
  // members, connections) is asked for once its first page is on screen, not in competition with it
  const [shown, setShown] = useState(false)
  const [group, error] = useFetched(() => get(groupPath(groupId)), [groupId, tick])
  const [status] = useFetched(() => shown ? get(groupPath(groupId, '/status')) : Promise.resolve(undefined), [groupId, tick, shown])
  return html`
    ${group === undefined
      ? html`<p class=${error ? 'error' : 'muted'}>${error?.message ?? 'Loading…'}</p>`
      : html`<section><h2 id="group-name">${group.properties.friendlyName}</h2>
        <p class="mono">${group.groupId}</p>
        <p>${status && html`<${Flags} status=${status} /> · ${status.records} records`} · my roles: ${group.roles.join(', ')} · chain depth ${group.member.depth} · expires ${day(group.member.notAfterMs)}</p>
      </section>`}
    ${shown && group !== undefined && html`
      <section><h2>Members</h2><${Members} groupId=${groupId} tick=${tick} /></section>
      <section><h2>Connections</h2><${Connections} groupId=${groupId} tick=${tick} /></section>
      <section><h2>Invite</h2><${Invite} groupId=${groupId} /></section>`}
    ${error === undefined && html`<${Records} groupId=${groupId} onLoaded=${() => setShown(true)} />`}`
}
