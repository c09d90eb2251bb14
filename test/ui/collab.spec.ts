/**
 * The browser tier, collaboration pages: two real nodes (the built binary, 127.0.0.1, mDNS off)
 * made contacts of each other through the API; the Invitations page answers and cancels
 * application invitations, the People page shows a watched contact's presence change live.
 */
import assert from 'node:assert/strict'
import pWaitFor from 'p-wait-for'
import type { Page } from 'puppeteer-core'
import { type UiNode, uiWorld } from '../helpers/ui-world.ts'

// page functions run in the browser: these names exist there (the tests compile without the DOM lib)
declare const document: { querySelector: (s: string) => unknown, querySelectorAll: (s: string) => Iterable<{ textContent: string }> }

const LONG = { timeout: 60_000, polling: 100 }

/** Waits until the text of `selector` (all matches joined) passes `re`. */
async function waitForText (page: Page, selector: string, re: RegExp): Promise<void> {
  await page.bringToFront()
  await page.waitForFunction((sel: string, source: string) => new RegExp(source).test([...document.querySelectorAll(sel)].map((el: { textContent: string }) => el.textContent).join('\n')),
    LONG, selector, re.source)
}

describe('ui: invitations and people in headless Chromium', function () {
  this.timeout(120_000)
  const { nodes, open, go, shot } = uiWorld(2)
  let a: UiNode
  let b: UiNode

  before(async () => {
    [a, b] = nodes as [UiNode, UiNode]
    for (const n of [a, b]) await n.client.request('POST', '/v1/collab/signin', { scope: 'internet' })
    for (const [from, to] of [[a, b], [b, a]] as const) {
      const { card } = await from.client.request<{ card: string }>('GET', '/v1/collab/card')
      await to.client.request('POST', '/v1/collab/contacts', { card })
    }
    await Promise.all([open(a), open(b)])
  })

  it('accepts an application invitation: the sender sees `accepted` with the reply through its API and on its page', async () => {
    await go(a.page!, '#/invitations')
    await a.page!.waitForSelector('#sent', LONG)
    await go(b.page!, '#/invitations')
    await b.page!.waitForSelector('#no-received', LONG)
    // delivered now, or queued and retried when the loaded machine was slow to connect: the page waits either way
    const sent = await a.client.request<{ id: string }>('POST', '/v1/collab/invitations', { to: b.peerId, appId: 'org.example.chess', message: 'a game?' })

    // it arrives on B's open page from the event stream
    await waitForText(b.page!, '#received tbody tr', /a game\?/)
    await b.page!.type('#received tbody tr input[name=message]', 'on my way')
    await shot(b.page!, 'invitation-received')
    await b.page!.click('#received tbody tr button.accept')
    await b.page!.waitForSelector('#no-received', LONG)

    await pWaitFor(async () => (await a.client.request<{ state: string }>('GET', `/v1/collab/invitations/${sent.id}`)).state === 'accepted', { timeout: 60_000 })
    const answered = await a.client.request<{ state: string, responseMessage: string }>('GET', `/v1/collab/invitations/${sent.id}`)
    assert.deepEqual([answered.state, answered.responseMessage], ['accepted', 'on my way'])
    await waitForText(a.page!, `#sent tr[data-id="${sent.id}"] td.state`, /^accepted$/)
    assert.equal(await a.page!.$eval(`#sent tr[data-id="${sent.id}"] td.response`, el => el.textContent), 'on my way')
    await shot(a.page!, 'invitation-accepted')
  })

  it('sends an invitation from the page and cancels it: the recipient\'s list empties', async () => {
    await a.page!.bringToFront()
    await a.page!.type('#send-invitation input[name=to]', b.peerId)
    await a.page!.type('#send-invitation input[name=app]', 'org.example.board')
    await a.page!.type('#send-invitation input[name=message]', 'draw with me?')
    await a.page!.click('#send-invitation button')
    await waitForText(b.page!, '#received tbody tr', /draw with me\?/)
    await waitForText(a.page!, '#sent tbody tr td.state', /delivered/)
    await a.page!.click('#sent tbody tr button.cancel')
    await waitForText(a.page!, '#sent tbody tr:first-child td.state', /^cancelled$/)
    await b.page!.bringToFront()
    await b.page!.waitForSelector('#no-received', LONG)
    const { sent } = await a.client.request<{ sent: Array<{ message: string, state: string }> }>('GET', '/v1/collab/invitations')
    assert.equal(sent.find(s => s.message === 'draw with me?')?.state, 'cancelled')
  })

  it('the People page: allow and watch with the toggles, then a contact\'s presence change shows live', async () => {
    const allow = `#contacts tr[data-peer="${b.peerId}"] input[name=allow]`
    const watch = `#contacts tr[data-peer="${a.peerId}"] input[name=watch]`
    await go(a.page!, '#/people')
    await a.page!.waitForSelector(allow, LONG)
    await a.page!.click(allow)
    await pWaitFor(async () => (await a.client.request<{ watcherPermission: string }>('GET', `/v1/collab/contacts/${b.peerId}`)).watcherPermission === 'allowed', { timeout: 60_000 })

    await go(b.page!, '#/people')
    await b.page!.waitForSelector(watch, LONG)
    await b.page!.click(watch)
    const presence = `#contacts tr[data-peer="${a.peerId}"] .presence`
    await waitForText(b.page!, presence, /^online$/)

    await a.page!.bringToFront()
    await a.page!.select('#set-presence select[name=status]', 'busy')
    await a.page!.$eval('#set-presence input[name=text]', el => { (el as unknown as { value: string }).value = '' })
    await a.page!.type('#set-presence input[name=text]', 'in a meeting')
    await a.page!.click('#set-presence button')
    await waitForText(a.page!, '#my-presence', /busy · in a meeting/)

    await waitForText(b.page!, presence, /^busy · in a meeting$/)
    assert.equal(await b.page!.$eval(presence, el => el.getAttribute('data-status')), 'busy')
    await shot(b.page!, 'people-presence')

    // my objects: publish one, see it listed (and at the watcher), delete it
    await a.page!.bringToFront()
    await a.page!.type('#set-object input[name=id]', 'org.example.status')
    await a.page!.type('#set-object input[name=text]', 'reading')
    await a.page!.click('#set-object button')
    await waitForText(a.page!, '#objects tbody tr[data-id="org.example.status"]', /reading/)
    await pWaitFor(async () => (await b.client.request<Array<{ id: string }>>('GET', `/v1/collab/objects?peer=${a.peerId}`)).some(o => o.id === 'org.example.status'), { timeout: 60_000 })
    await shot(a.page!, 'people-me')
    await a.page!.click('#objects tbody tr[data-id="org.example.status"] button.delete')
    await a.page!.waitForFunction(() => document.querySelector('#objects tbody tr') === null, LONG)
    assert.deepEqual(await a.client.request('GET', '/v1/collab/objects'), [])
  })
})
