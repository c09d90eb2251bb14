// The dashboard shell: trades the one-time login code for a session cookie, opens the event
// stream, and shows one page per hash route (#/node, #/groups, #/groups/<id>, #/sync, #/people,
// #/invitations, #/events).
import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { ApiError, get, post } from './lib/api.js'
import { html } from './lib/html.js'
import { lazy } from './lib/lazy.js'
import { startLive } from './lib/live.js'
import { EventsPage } from './pages/events.js'
import { GroupPage } from './pages/group.js'
import { GroupsPage } from './pages/groups.js'
import { NodePage } from './pages/node.js'
import { SyncPage } from './pages/sync.js'

// the collaboration pages load when opened: the first render (a group's records) goes without them
const PeoplePage = lazy(() => import('./pages/people.js').then(m => m.PeoplePage))
const InvitationsPage = lazy(() => import('./pages/invitations.js').then(m => m.InvitationsPage))

const PAGES = [['node', 'Node'], ['groups', 'Groups'], ['sync', 'Sync'], ['people', 'People'], ['invitations', 'Invitations'], ['events', 'Events']]

/** Redeems `#code=…` (from `peerhood ui`) and removes it from the address bar and history. */
async function login () {
  const match = /^#code=([A-Za-z0-9_-]+)$/.exec(location.hash)
  if (match === null) return
  history.replaceState(null, '', `${location.pathname}#/node`)
  await post('/ui/session', { code: match[1] }).catch(() => {})
}

function useRoute () {
  const [hash, setHash] = useState(location.hash)
  useEffect(() => {
    const on = () => setHash(location.hash)
    addEventListener('hashchange', on)
    return () => removeEventListener('hashchange', on)
  }, [])
  return (hash.replace(/^#\/?/, '') || 'node').split('/').map(decodeURIComponent)
}

function Page ({ route }) {
  const [name, arg] = route
  if (name === 'groups' && arg !== undefined) return html`<${GroupPage} key=${arg} groupId=${arg} />`
  if (name === 'groups') return html`<${GroupsPage} />`
  if (name === 'sync') return html`<${SyncPage} />`
  if (name === 'people') return html`<${PeoplePage} />`
  if (name === 'invitations') return html`<${InvitationsPage} />`
  if (name === 'events') return html`<${EventsPage} />`
  return html`<${NodePage} />`
}

function App ({ identity }) {
  const route = useRoute()
  const [live, setLive] = useState('connecting')
  useEffect(() => startLive(setLive), [])
  return html`
    <header>
      <h1>Peerhood</h1>
      <nav>${PAGES.map(([id, label]) => html`<a href="#/${id}" class=${route[0] === id ? 'active' : ''}>${label}</a>`)}</nav>
      <span class="muted">${identity.displayName} · <span class="mono">${identity.peerId.slice(-8)}</span> · <span id="live">${live}</span></span>
    </header>
    <main><${Page} route=${route} /></main>`
}

function LoggedOut () {
  return html`<main><section><h2>Not logged in</h2>
    <p>Run <code>peerhood ui</code> on this machine and open the URL it prints (valid 60 seconds, once).</p></section></main>`
}

async function start () {
  await login()
  const root = document.getElementById('app')
  // Preact renders beside what is there: the "Loading…" placeholder goes first
  root.textContent = ''
  try {
    const identity = await get('/v1/id')
    render(html`<${App} identity=${identity} />`, root)
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) render(html`<${LoggedOut} />`, root)
    else render(html`<main><p class="error">${String(err.message)}</p></main>`, root)
  }
}

start()
