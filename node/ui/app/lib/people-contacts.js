// The People page's contacts: each contact, the presence of the watched ones, and the two
// toggles (watch it, allow it to watch me). Contact and presence events re-read the list.
import { useState } from 'preact/hooks'
import { collabPath, get, patch } from './api.js'
import { useAction } from './forms.js'
import { html } from './html.js'
import { useEventTick, useFetched } from './live.js'
import { Presence } from './presence.js'

const REREAD = new Set(['contact:changed', 'watchlist:changed', 'endpoint:presence-changed', 'signin:changed'])

/** The contacts with the presence of each watched one (undefined while nothing is known of it). */
async function contactsWithPresence () {
  const contacts = await get('/v1/collab/contacts')
  return Promise.all(contacts.map(async c => {
    if (!c.watch) return c
    // a contact is one endpoint here; [] while nothing is known of it (not reached yet)
    const endpoints = await get(`/v1/collab/endpoints?contact=${encodeURIComponent(c.peerId)}`).catch(() => [])
    return { ...c, presence: endpoints[0]?.presence }
  }))
}

function Toggle ({ name, checked, label, onChange }) {
  const [run, error, busy] = useAction(async event => { await onChange(event.target.checked) })
  return html`<label class="toggle"><input type="checkbox" name=${name} checked=${checked} disabled=${busy} onChange=${run} /> ${label}
    ${error && html`<span class="error">${error}</span>`}</label>`
}

function ContactRow ({ c, onDone }) {
  const update = async body => { await patch(collabPath('contacts', c.peerId), body); onDone() }
  return html`<tr data-peer=${c.peerId}>
    <td>${c.nickname}${c.displayName && c.displayName !== c.nickname ? html` <span class="muted">(${c.displayName})</span>` : ''}</td>
    <td class="mono">${c.peerId}</td>
    <td>${c.watch ? html`<${Presence} presence=${c.presence} />` : html`<span class="muted">not watched</span>`}</td>
    <td><${Toggle} name="watch" checked=${c.watch} label="watch" onChange=${watch => update({ watch })} /></td>
    <td><${Toggle} name="allow" checked=${c.watcherPermission === 'allowed'} label="may watch me"
      onChange=${on => update({ watcherPermission: on ? 'allowed' : 'blocked' })} /></td>
    <td class=${c.trusted ? 'ok' : 'muted'}>${c.trusted ? 'verified card' : 'unverified'}</td></tr>`
}

/** The contacts table. */
export function Contacts () {
  const tick = useEventTick(e => REREAD.has(e.type))
  const [mine, setMine] = useState(0)
  const [contacts, error] = useFetched(contactsWithPresence, [tick, mine])
  return html`<section><h2>Contacts</h2>
    ${error && html`<p class="error">${error.message}</p>`}
    ${contacts !== undefined && contacts.length === 0 && html`<p class="muted">No contacts yet: add one from a card (<code>peerhood contact add</code>) or from People Near Me.</p>`}
    <table id="contacts"><thead><tr><th>Nickname</th><th>PeerId</th><th>Presence</th><th>I watch</th><th>Watching me</th><th>Card</th></tr></thead>
    <tbody>${(contacts ?? []).map(c => html`<${ContactRow} key=${c.peerId} c=${c} onDone=${() => setMine(n => n + 1)} />`)}</tbody></table></section>`
}
