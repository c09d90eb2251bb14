// Application invitations (issue 11): received ones waiting for an answer (accept / decline with
// an optional message), sent ones with their state and a cancel button, and a form to send one.
// Every invitation:* event re-reads the lists, so states move without a reload.
import { useState } from 'preact/hooks'
import { collabPath, get, post } from '../lib/api.js'
import { field, useAction } from '../lib/forms.js'
import { html } from '../lib/html.js'
import { useEventTick, useFetched } from '../lib/live.js'

const clock = ms => new Date(ms).toISOString().slice(11, 19)
/** States in which a sent invitation can still be withdrawn. */
const OPEN = new Set(['queued', 'sending', 'delivered'])
const STATE_CLASS = { accepted: 'ok', declined: 'bad', error: 'bad', expired: 'muted', cancelled: 'muted' }

function Received ({ inv, onDone }) {
  const answer = verb => async event => {
    const { message, join } = event.target.form.elements
    const text = message.value.trim()
    await post(collabPath('invitations', inv.id, verb), {
      ...(text === '' ? {} : { message: text }), ...(verb === 'accept' && join !== undefined ? { join: join.checked } : {})
    })
    onDone()
  }
  const [accept, acceptError, accepting] = useAction(answer('accept'))
  const [decline, declineError, declining] = useAction(answer('decline'))
  const error = acceptError ?? declineError
  return html`<tr data-id=${inv.id}>
    <td>${inv.nickname || html`<span class="muted">not a contact</span>`}</td><td class="mono">${inv.from}</td>
    <td class="mono">${inv.appId}</td><td>${inv.message}</td><td>${inv.dataSize} B</td>
    <td class=${inv.verified ? 'ok' : 'muted'}>${inv.verified ? 'verified' : 'unverified'}</td><td>${clock(inv.expiresAt)}</td>
    <td class="actions"><form class="row answer" onSubmit=${e => e.preventDefault()}>
      <input name="message" placeholder="Reply (optional)" maxlength="255" />
      ${inv.session && html`<label class="toggle" title="the invitation is for a hosted session: accepting joins its group"><input type="checkbox" name="join" checked /> join its group</label>`}
      <button type="button" class="accept" disabled=${accepting || declining} onClick=${accept}>Accept</button>
      <button type="button" class="decline plain" disabled=${accepting || declining} onClick=${decline}>Decline</button>
      ${error && html`<span class="error">${error}</span>`}</form></td></tr>`
}

function Sent ({ inv, name, onDone }) {
  const [cancel, error, busy] = useAction(async () => { await post(collabPath('invitations', inv.id, 'cancel')); onDone() })
  return html`<tr data-id=${inv.id}>
    <td>${name ?? html`<span class="muted">not a contact</span>`}</td><td class="mono">${inv.peerId}</td><td class="mono">${inv.appId}</td><td>${inv.message}</td>
    <td class=${`state ${STATE_CLASS[inv.state] ?? ''}`}>${inv.state}${inv.error ? ` (${inv.error})` : ''}</td>
    <td class="response">${inv.responseMessage ?? ''}</td><td>${clock(inv.createdAt)}</td><td>${clock(inv.expiresAt)}</td>
    <td>${OPEN.has(inv.state) && html`<button class="cancel plain" disabled=${busy} onClick=${cancel}>Cancel</button>`}
      ${error && html`<span class="error">${error}</span>`}</td></tr>`
}

function SendInvitation ({ contacts, onDone }) {
  const [run, error, busy] = useAction(async event => {
    const message = field(event, 'message')
    await post('/v1/collab/invitations', { to: field(event, 'to'), appId: field(event, 'app'), ...(message === '' ? {} : { message }) })
    event.target.reset()
    onDone()
  })
  return html`<form id="send-invitation" class="row" onSubmit=${run}>
    <input class="wide" name="to" list="invite-contacts" placeholder="Contact's PeerId" required />
    <datalist id="invite-contacts">${(contacts ?? []).map(c => html`<option value=${c.peerId}>${c.nickname}</option>`)}</datalist>
    <input name="app" placeholder="Application id (org.example.chat)" required />
    <input name="message" placeholder="Message (optional)" maxlength="255" />
    <button disabled=${busy}>Invite</button>${error && html`<span class="error">${error}</span>`}</form>`
}

export function InvitationsPage () {
  const tick = useEventTick(e => e.type.startsWith('invitation:'))
  // answering re-reads at once, not only when the event comes back
  const [local, setLocal] = useState(0)
  const [lists, error] = useFetched(() => get('/v1/collab/invitations'), [tick, local])
  const [contacts] = useFetched(() => get('/v1/collab/contacts').catch(() => []), [])
  const refresh = () => setLocal(n => n + 1)
  if (error?.code === 'NOT_FOUND') {
    return html`<section><h2>Invitations</h2><p class="muted">This node has no application invitation service.</p></section>`
  }
  const sent = [...(lists?.sent ?? [])].sort((a, b) => b.createdAt - a.createdAt)
  const names = new Map((contacts ?? []).map(c => [c.peerId, c.nickname || c.displayName]))
  return html`
    <section><h2>Received</h2>
      ${error && html`<p class="error">${error.message}</p>`}
      ${lists !== undefined && lists.received.length === 0 && html`<p class="muted" id="no-received">No invitation is waiting for an answer.</p>`}
      <table id="received"><thead><tr><th>From</th><th>PeerId</th><th>Application</th><th>Message</th><th>Data</th><th>Sender</th><th>Expires</th><th>Answer</th></tr></thead>
      <tbody>${(lists?.received ?? []).map(inv => html`<${Received} key=${inv.id} inv=${inv} onDone=${refresh} />`)}</tbody></table></section>
    <section><h2>Sent</h2>
      <table id="sent"><thead><tr><th>To</th><th>PeerId</th><th>Application</th><th>Message</th><th>State</th><th>Reply</th><th>Sent</th><th>Expires</th><th></th></tr></thead>
      <tbody>${sent.map(inv => html`<${Sent} key=${inv.id} inv=${inv} name=${names.get(inv.peerId)} onDone=${refresh} />`)}</tbody></table></section>
    <section><h2>Invite a contact to an application</h2><${SendInvitation} contacts=${contacts} onDone=${refresh} /></section>`
}
