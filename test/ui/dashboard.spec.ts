/**
 * The browser tier: real headless Chromium against two real nodes (the built binary, 127.0.0.1,
 * mDNS off), driving the dashboard as a person would. Each case saves a screenshot in
 * `test-output/ui/`.
 */
import assert from 'node:assert/strict'
import { request } from 'node:http'
import pWaitFor from 'p-wait-for'
import { type UiNode, uiWorld } from '../helpers/ui-world.ts'

// page functions run in the browser: these names exist there (the tests compile without the DOM lib)
declare const document: any, location: any, localStorage: any, sessionStorage: any, history: any

/** A raw request with the headers given (fetch would not let a test forge `Host`). */
async function raw (url: string, init: { method?: string, headers: Record<string, string>, body?: string }): Promise<{ status: number, body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers }, res => {
      let text = ''
      res.on('data', (d: Buffer) => { text += d.toString() })
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, body: text === '' ? undefined : JSON.parse(text) }) })
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

describe('ui: the dashboard in headless Chromium', function () {
  this.timeout(120_000)
  const { nodes, browser, loginUrl, open, watch, go, shot } = uiWorld(2)
  let groupId = ''

  it('logs in through the URL of `peerhood ui`; the code works once; the token is nowhere in the page, its URL or storage', async () => {
    const [a, b] = nodes as [UiNode, UiNode]
    const login = await loginUrl(a)
    assert.ok(!login.url.includes(a.token))
    const page = await browser().browser.newPage()
    watch(page)
    await page.goto(login.url)
    await page.waitForSelector('#peer-id')
    assert.equal(await page.$eval('#peer-id', el => el.textContent), a.peerId)
    a.page = page
    // the code left the address bar; the session cookie is HttpOnly and SameSite=Strict
    assert.ok(!page.url().includes(login.code))
    const cookies = await page.cookies()
    const session = cookies.find(c => c.name === `peerhood_session_${new URL(a.apiUrl).port}`)
    assert.ok(session !== undefined)
    assert.equal(session.httpOnly, true)
    assert.equal(session.sameSite, 'Strict')
    const exposed = await page.evaluate(() => JSON.stringify({
      html: document.documentElement.outerHTML, url: location.href, cookie: document.cookie,
      local: Object.entries(localStorage), session: Object.entries(sessionStorage), history: history.length
    }))
    assert.ok(!exposed.includes(a.token), 'the bearer token reached the page')
    assert.ok(!exposed.includes(session.value), 'the session id is readable by the page')
    // single use: the same code again opens nothing
    const again = await raw(`${a.apiUrl}/ui/session`, { method: 'POST', headers: { host: new URL(a.apiUrl).host, 'content-type': 'application/json' }, body: JSON.stringify({ code: login.code }) })
    assert.equal(again.status, 401)
    assert.equal(again.body.code, 'UNAUTHORIZED')
    await shot(page, 'login')
    await open(b)
  })

  it('creates a group', async () => {
    const page = nodes[0]!.page!
    await go(page, '#/groups')
    await page.waitForSelector('#create-group')
    await page.type('#create-group input[name=name]', 'dashboard team')
    await page.click('#create-group button')
    await page.waitForSelector('#group-name')
    assert.equal(await page.$eval('#group-name', el => el.textContent), 'dashboard team')
    groupId = decodeURIComponent(page.url().split('#/groups/')[1]!)
    assert.ok(groupId.length > 10)
    await shot(page, 'create-group')
  })

  it('invites the second node (token and QR code) and joins it there with the pasted token', async () => {
    const [a, b] = nodes as [UiNode, UiNode]
    await a.page!.bringToFront()
    await a.page!.waitForSelector('#invite input[name=peer]')
    await a.page!.type('#invite input[name=peer]', b.peerId)
    await a.page!.click('#invite button')
    await a.page!.waitForSelector('#invitation-token')
    const token = await a.page!.$eval('#invitation-token', el => el.textContent ?? '')
    assert.match(token, /^peerhood1:invitation:/)
    assert.ok((await a.page!.$$('#qr img.qr')).length >= 1, 'no QR code')
    await shot(a.page!, 'invite')

    await go(b.page!, '#/groups')
    await b.page!.waitForSelector('#join-group')
    await b.page!.$eval('#join-group textarea', (el, t) => { (el as any).value = t }, token)
    await b.page!.click('#join-group button')
    await b.page!.waitForSelector('#group-name', { timeout: 60_000 })
    assert.equal(await b.page!.$eval('#group-name', el => el.textContent), 'dashboard team')
    await shot(b.page!, 'join')
  })

  it('a record added on one node appears on the other node\'s page without a reload', async () => {
    const [a, b] = nodes as [UiNode, UiNode]
    // B's page must be ready before A publishes (its table fills from the live stream, not a reload)
    await pWaitFor(async () => (await b.page!.$eval('#records-total', el => el.textContent)) === '0', { timeout: 30_000 })
    const before = await b.page!.evaluate(() => performance.getEntriesByType('navigation' as any).length)
    await a.page!.bringToFront()
    await a.page!.type('#add-record input[name=type]', 'note')
    await a.page!.type('#add-record input[name=text]', 'hello from the dashboard')
    await a.page!.click('#add-record button')
    // a background tab runs no animation frames (Preact renders on them): show B, without reloading it
    await b.page!.bringToFront()
    await b.page!.waitForFunction(() => document.querySelector('#records')?.textContent?.includes('hello from the dashboard'), { timeout: 60_000, polling: 100 })
    assert.equal(await b.page!.evaluate(() => performance.getEntriesByType('navigation' as any).length), before)
    await shot(b.page!, 'record-live')
  })

  it('searches records with a JSON query and with <peersearch>, and shows a record\'s detail', async () => {
    const b = nodes[1]!
    await b.page!.bringToFront()
    await b.page!.type('#add-record input[name=type]', 'todo')
    await b.page!.type('#add-record input[name=text]', 'buy milk')
    await b.page!.click('#add-record button')
    await b.page!.waitForFunction(() => document.querySelector('#records-total')?.textContent === '2', { timeout: 30_000, polling: 100 })
    const search = async (query: string, expected: RegExp): Promise<void> => {
      await b.page!.$eval('#search input[name=query]', (el, q) => { (el as any).value = q }, query)
      await b.page!.click('#search button')
      await b.page!.waitForFunction((re: string) => document.querySelector('#records-total')?.textContent === '1' &&
        new RegExp(re).test(document.querySelector('#records')?.textContent ?? ''), { polling: 100, timeout: 20_000 }, expected.source)
    }
    await search('{"attr":"peerrecordtype","type":"string","value":"todo"}', /buy milk/)
    await search('<peersearch><clause attrib="peerrecordtype" type="string">note</clause></peersearch>', /hello from the dashboard/)
    await search('{"attr":"peerrecordtype","type":"string","value":"to*"}', /buy milk/)
    await b.page!.click('#records tr.clickable')
    await b.page!.waitForSelector('#record-detail')
    assert.match(await b.page!.$eval('#record-detail', el => el.textContent ?? ''), /todo/)
    await shot(b.page!, 'search')
  })

  it('refuses a foreign Host or Origin, with the session cookie or the token', async () => {
    const a = nodes[0]!
    const cookie = (await a.page!.cookies()).find(c => c.name === `peerhood_session_${new URL(a.apiUrl).port}`)!
    const self = new URL(a.apiUrl).host
    const withCookie = { cookie: `${cookie.name}=${cookie.value}` }
    // the cookie alone works from our own origin
    assert.equal((await raw(`${a.apiUrl}/v1/id`, { headers: { host: self, ...withCookie } })).status, 200)
    for (const headers of [{ host: `evil.example:${new URL(a.apiUrl).port}` }, { host: `localhost:${new URL(a.apiUrl).port}` }]) {
      const res = await raw(`${a.apiUrl}/v1/id`, { headers: { ...headers, ...withCookie } })
      assert.equal(res.status, 403)
      assert.equal(res.body.code, 'FORBIDDEN_HOST')
      assert.equal((await raw(`${a.apiUrl}/ui/`, { headers })).status, 403)
    }
    for (const auth of [withCookie, { authorization: `Bearer ${a.token}` }]) {
      const res = await raw(`${a.apiUrl}/v1/groups`, {
        method: 'POST', headers: { host: self, origin: 'http://evil.example', 'content-type': 'application/json', ...auth }, body: JSON.stringify({ friendlyName: 'csrf' })
      })
      assert.equal(res.status, 403)
      assert.equal(res.body.code, 'FORBIDDEN_ORIGIN')
    }
    // and from a real page of the other node (another port of 127.0.0.1, the same site for cookies)
    const b = nodes[1]!
    await b.page!.bringToFront()
    const crossOrigin = await b.page!.evaluate(async url => {
      try {
        const res = await fetch(`${url}/v1/groups`, { method: 'POST', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '{"friendlyName":"csrf"}', mode: 'no-cors' })
        return res.type
      } catch (err) { return String(err) }
    }, a.apiUrl)
    assert.ok(typeof crossOrigin === 'string')
    const groups = await raw(`${a.apiUrl}/v1/groups`, { headers: { host: self, authorization: `Bearer ${a.token}` } })
    assert.ok(!groups.body.some((g: { properties: { friendlyName: string } }) => g.properties.friendlyName === 'csrf'), 'a cross-origin request created a group')
    await shot(a.page!, 'refused')
  })
})
