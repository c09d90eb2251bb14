// The People page's "me" part: sign-in, my presence (status and text) and the objects I publish
// to my watchers (list, set, delete). my:* and signin:changed events re-read them.
import { useState } from 'preact/hooks'
import { collabPath, del, get, post, put } from './api.js'
import { field, useAction } from './forms.js'
import { html } from './html.js'
import { useEventTick, useFetched } from './live.js'
import { Presence, SETTABLE } from './presence.js'

const bytes = n => n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB`

function Signin ({ me, onDone }) {
  const [run, error, busy] = useAction(async event => {
    await post(`/v1/collab/${event.submitter.value}`, { scope: field(event, 'scope') })
    onDone()
  })
  return html`<form id="signin" class="row" onSubmit=${run}>
    <span>Signed in: <strong id="signin-scope">${me.scope}</strong></span>
    <select name="scope"><option value="internet">internet</option><option value="near">near</option><option value="all">all</option></select>
    <button name="action" value="signin" disabled=${busy}>Sign in</button><button class="plain" name="action" value="signout" disabled=${busy}>Sign out</button>
    ${error && html`<span class="error">${error}</span>`}</form>`
}

/** Sign-in and my presence. */
export function MyPresence () {
  const tick = useEventTick(e => e.type === 'my:presence-changed' || e.type === 'signin:changed' || e.type === 'my:endpoint-changed')
  const [mine, setMine] = useState(0)
  const [me, error] = useFetched(() => get('/v1/collab/me'), [tick, mine])
  const onDone = () => setMine(n => n + 1)
  const [run, setError, busy] = useAction(async event => {
    await put('/v1/collab/presence', { status: field(event, 'status'), text: field(event, 'text') })
    onDone()
  })
  if (me === undefined) return html`<section><h2>Me</h2><p class=${error ? 'error' : 'muted'}>${error?.message ?? 'Loading…'}</p></section>`
  return html`<section><h2>Me</h2>
    <p>${me.nickname || me.displayName} · endpoint <strong>${me.endpointName}</strong> · presence <span id="my-presence"><${Presence} presence=${me.presence} /></span></p>
    <${Signin} me=${me} onDone=${onDone} />
    <form id="set-presence" class="row" onSubmit=${run}>
      <select name="status">${SETTABLE.map(s => html`<option value=${s} selected=${me.presence.status === s}>${s.replaceAll('-', ' ')}</option>`)}</select>
      <input class="wide" name="text" placeholder="What I am doing (optional)" maxlength="255" defaultValue=${me.presence.text} />
      <button disabled=${busy}>Set presence</button>${setError && html`<span class="error">${setError}</span>`}</form></section>`
}

function ObjectRow ({ o, onDone }) {
  const [remove, error, busy] = useAction(async () => { await del(collabPath('objects', o.id)); onDone() })
  return html`<tr data-id=${o.id}><td class="mono">${o.id}</td><td>${o.scope}</td><td>${bytes(o.size)}</td>
    <td class="mono">${o.dataText ?? html`<span class="muted">binary</span>`}</td>
    <td><button class="plain delete" disabled=${busy} onClick=${remove}>Delete</button>${error && html`<span class="error">${error}</span>`}</td></tr>`
}

/** The objects I publish: list, set (text data), delete. */
export function MyObjects () {
  const tick = useEventTick(e => e.type === 'my:object-changed' || e.type === 'signin:changed')
  const [mine, setMine] = useState(0)
  const [objects, error] = useFetched(() => get('/v1/collab/objects'), [tick, mine])
  const onDone = () => setMine(n => n + 1)
  const [run, setError, busy] = useAction(async event => {
    await put(collabPath('objects', field(event, 'id')), { dataText: event.target.elements.text.value, scope: field(event, 'scope') })
    event.target.reset()
    onDone()
  })
  return html`<section><h2>My objects</h2>
    ${error && html`<p class="error">${error.message}</p>`}
    <table id="objects"><thead><tr><th>Id</th><th>Scope</th><th>Size</th><th>Data</th><th></th></tr></thead>
    <tbody>${(objects ?? []).map(o => html`<${ObjectRow} key=${o.id} o=${o} onDone=${onDone} />`)}</tbody></table>
    <form id="set-object" class="row" onSubmit=${run}>
      <input name="id" placeholder="Object id (org.example.avatar or a UUID)" required />
      <input class="wide" name="text" placeholder="Data (text)" required />
      <select name="scope"><option value="all">all</option><option value="internet">internet</option><option value="near">near</option></select>
      <button disabled=${busy}>Publish</button>${setError && html`<span class="error">${setError}</span>`}</form></section>`
}
