/**
 * The browser tier's world: real nodes started with the built binary (127.0.0.1, mDNS off), one
 * headless Chromium, pages logged in through `peerhood ui`'s URL, and screenshots in
 * `test-output/ui/` (every page's when a case fails). Registers its own mocha hooks; the suite
 * skips when Chromium is missing.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'puppeteer-core'
import { ApiClient } from '../../node/api/client.ts'
import type { LoginCodeJson } from '../../node/api/routes-ui.ts'
import { browserMissingReason, launchBrowser, screenshotDir, type TestBrowser } from './browser.ts'
import { type CliProcess, cliEnv, runCli, startCli } from './cli.ts'
import { LOOPBACK } from './cli-groups.ts'
import { tempDir } from './temp-dir.ts'

/** A node of the browser tier. */
export interface UiNode {
  /** Its data directory. */
  dir: string
  /** Its PeerId. */
  peerId: string
  /** Base URL of its API. */
  apiUrl: string
  /** Its bearer token (what must never reach the page). */
  token: string
  /** The running `peerhood start`. */
  proc: CliProcess
  /** A client of its API, with the token (the test's own side channel). */
  client: ApiClient
  /** Its dashboard page, once opened. */
  page?: Page
}

/** What {@link uiWorld} gives a suite. */
export interface UiWorld {
  /** The nodes, started in `before`. */
  nodes: UiNode[]
  /** The browser (after `before`). */
  browser: () => TestBrowser
  /** `peerhood ui --json` for a node: its one-time login URL and code. */
  loginUrl: (node: UiNode) => Promise<LoginCodeJson>
  /** Opens a logged-in page of the node's dashboard (waits for the Node page and the open event stream). */
  open: (node: UiNode) => Promise<Page>
  /** Reports page errors and failed requests in the test's output. */
  watch: (page: Page) => void
  /** Moves to another page of the app (a hash route: no reload), in front. */
  go: (page: Page, hash: string) => Promise<void>
  /** Saves a full-page screenshot as `<name>.png`. */
  shot: (page: Page, name: string) => Promise<void>
}

/** Sets up `count` nodes and a browser for the enclosing `describe`. */
export function uiWorld (count: number): UiWorld {
  const nodes: UiNode[] = []
  const dirs: Array<{ remove: () => Promise<void> }> = []
  let browser: TestBrowser | undefined
  let shots = ''

  const startNode = async (): Promise<UiNode> => {
    const dir = await tempDir()
    dirs.push(dir)
    const proc = startCli(['start', '--data', dir.path, '--json', ...LOOPBACK], { env: cliEnv() })
    const ready = await proc.waitForJson(d => d.event === 'ready', 60_000)
    const api = JSON.parse(await readFile(join(dir.path, 'api.json'), 'utf8'))
    const token = (await readFile(join(dir.path, 'api-token'), 'utf8')).trim()
    const node: UiNode = { dir: dir.path, peerId: ready.peerId, apiUrl: api.url, token, proc, client: new ApiClient({ url: api.url, token }) }
    nodes.push(node)
    return node
  }

  const loginUrl = async (node: UiNode): Promise<LoginCodeJson> => {
    const res = await runCli(['ui', '--json', '--data', node.dir])
    assert.equal(res.code, 0, res.stderr)
    return JSON.parse(res.stdout) as LoginCodeJson
  }

  const watch = (page: Page): void => {
    page.on('pageerror', err => { console.error('      page error:', err) })
    page.on('response', res => { if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) console.error('      page got', res.status(), res.url()) })
  }

  const open = async (node: UiNode): Promise<Page> => {
    const page = await browser!.browser.newPage()
    watch(page)
    await page.setViewport({ width: 1280, height: 900 })
    await page.goto((await loginUrl(node)).url)
    await page.waitForSelector('#peer-id', { timeout: 60_000 })
    // the node subscribes the stream before the browser sees it open: from here no event is missed
    await page.waitForFunction(() => (globalThis as unknown as { document: { getElementById: (id: string) => { textContent: string } | null } }).document.getElementById('live')?.textContent === 'live', { timeout: 60_000, polling: 100 })
    node.page = page
    return page
  }

  const go = async (page: Page, hash: string): Promise<void> => {
    await page.bringToFront()
    await page.evaluate(h => { (globalThis as unknown as { location: { hash: string } }).location.hash = h }, hash)
  }

  const shot = async (page: Page, name: string): Promise<void> => {
    // a background tab paints nothing: its screenshot would wait for ever
    await page.bringToFront()
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true })
  }

  before(async function () {
    const missing = browserMissingReason()
    if (missing !== undefined) {
      console.log(`      browser tier skipped: ${missing}`)
      this.skip()
    }
    shots = await screenshotDir()
    await Promise.all(Array.from({ length: count }, startNode))
    browser = await launchBrowser()
  })

  afterEach(async function () {
    // a failing case leaves a picture of every page
    if (this.currentTest?.state !== 'failed') return
    for (const [i, n] of nodes.entries()) if (n.page !== undefined) await shot(n.page, `failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}-${i}`).catch(() => {})
  })

  after(async () => {
    await browser?.close()
    for (const n of nodes) {
      if (n.proc.child.exitCode === null && n.proc.child.signalCode === null) {
        n.proc.child.kill('SIGINT')
        await n.proc.exited
      }
    }
    for (const d of dirs) await d.remove()
  })

  return { nodes, browser: () => browser!, loginUrl, open, watch, go, shot }
}
