/**
 * The dashboard in headless Chromium (Debian's `chromium`, puppeteer-core), against one node on
 * 127.0.0.1 (LevelDB) holding 100,000 records:
 *
 * - **first-render**: a fresh page (cache off, already logged in) opens the group's records page;
 *   time from navigation to the first record row on screen. Target ≤ 1 s.
 * - **transfer**: bytes on the wire (gzip) for that load: the app, the libraries and the API
 *   answers it needed (the two event streams, still open, are left out). Target ≤ 300 KB.
 * - **scroll**: the records table scrolled from the first record to the last in 50 jumps of 2,000
 *   records, each waiting for its rows to show; the whole and the slowest jump.
 *
 * Skips (no figures) when Chromium is missing.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createPeerhood } from '../../node/peerhood.ts'
import type { PeerhoodNode } from '../../node/types.ts'
import { browserMissingReason, launchBrowser } from '../../test/helpers/browser.ts'
import { tempDir } from '../../test/helpers/temp-dir.ts'
import { type BenchResult, median } from '../harness.ts'

/** Scenario `dashboard`. */
export const name = 'dashboard'

const RECORDS = Number(process.env.PEERHOOD_BENCH_DASHBOARD_RECORDS ?? 100_000)
const CONCURRENCY = 32
const JUMPS = 50
const ROW_PX = 28
const FIRST_RENDER_TARGET_MS = 1000
const TRANSFER_TARGET_KB = 300

async function fill (node: PeerhoodNode, groupId: string): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < RECORDS) {
      const i = next++
      await node.groups.addRecord(groupId, { type: i % 10 === 0 ? 'task' : 'note', data: new TextEncoder().encode(`record ${i} of the dashboard benchmark`) })
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
}

/** Runs the scenario. */
export async function run (): Promise<BenchResult[]> {
  const missing = browserMissingReason()
  if (missing !== undefined) {
    process.stderr.write(`dashboard: skipped, ${missing}\n`)
    return []
  }
  const dir = await tempDir('peerhood-bench-dashboard-')
  const node = await createPeerhood({
    dataDir: dir.path,
    config: { mdns: { enabled: false }, dht: { enabled: false }, listen: ['/ip4/127.0.0.1/tcp/0'] }
  })
  await node.start()
  const browser = await launchBrowser()
  try {
    const { groupId } = await node.groups.create({ friendlyName: 'bench' })
    const filled = performance.now()
    await fill(node, groupId)
    process.stderr.write(`dashboard: ${RECORDS} records added in ${Math.round(performance.now() - filled)} ms\n`)
    const api = JSON.parse(await readFile(join(dir.path, 'api.json'), 'utf8')) as { url: string }
    const token = (await readFile(join(dir.path, 'api-token'), 'utf8')).trim()
    const login = await (await fetch(`${api.url}/v1/ui/login-codes`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).json() as { url: string }

    const first = await browser.browser.newPage()
    await first.goto(login.url)
    await first.waitForSelector('#peer-id')

    const page = await browser.browser.newPage()
    await page.setViewport({ width: 1280, height: 900 })
    await page.setCacheEnabled(false)
    const cdp = await page.createCDPSession()
    await cdp.send('Network.enable')
    let bytes = 0
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => { bytes += e.encodedDataLength })
    const started = performance.now()
    await page.goto(`${api.url}/ui/#/groups/${encodeURIComponent(groupId)}`)
    await page.waitForSelector('#records tr.clickable', { timeout: 30_000 })
    const firstRenderMs = performance.now() - started
    if (process.env.PEERHOOD_BENCH_DASHBOARD_TRACE !== undefined) {
      const entries = await page.evaluate(() => JSON.stringify((globalThis as unknown as { performance: { getEntries: () => Array<{ name: string, startTime: number, duration: number }> } }).performance.getEntries().map(e => [e.name.replace(/^http:\/\/[^/]+/, ''), Math.round(e.startTime), Math.round(e.duration)])))
      process.stderr.write(`${entries}\n`)
    }
    // what the page still loads right after its first row (the rest of the visible page) counts too
    await page.waitForNetworkIdle({ idleTime: 300, timeout: 10_000 }).catch(() => {})
    const transferKb = bytes / 1000

    const total = Number(await page.$eval('#records-total', el => el.textContent))
    const jumps: number[] = []
    const scrollStart = performance.now()
    for (let j = 1; j <= JUMPS; j++) {
      const index = Math.min(total - 1, Math.round((j * total) / JUMPS) - 1)
      const t = performance.now()
      await page.$eval('#records-viewport', (el, top) => { (el as unknown as { scrollTop: number }).scrollTop = top }, index * ROW_PX)
      await page.waitForFunction((i: number) => {
        const rows = (globalThis as unknown as { document: { querySelectorAll: (s: string) => ArrayLike<unknown> } }).document.querySelectorAll('#records tr.clickable')
        return rows.length > 0 && i >= 0
      }, { polling: 'mutation', timeout: 30_000 }, index)
      await page.waitForFunction(() => {
        const doc = (globalThis as unknown as { document: { querySelector: (s: string) => { textContent: string | null } | null } }).document
        return doc.querySelector('#records tr td.muted') === null
      }, { polling: 10, timeout: 30_000 })
      jumps.push(performance.now() - t)
    }
    const scrollMs = performance.now() - scrollStart
    const params = { records: total, jumps: JUMPS }
    return [
      { scenario: `dashboard/records=${total}/first-render`, params, value: firstRenderMs, unit: 'ms', target: `≤ ${FIRST_RENDER_TARGET_MS} ms`, pass: firstRenderMs <= FIRST_RENDER_TARGET_MS },
      { scenario: `dashboard/records=${total}/transfer`, params, value: transferKb, unit: 'KB', target: `≤ ${TRANSFER_TARGET_KB} KB`, pass: transferKb <= TRANSFER_TARGET_KB },
      { scenario: `dashboard/records=${total}/scroll-to-end/${JUMPS}-jumps`, params, value: scrollMs, unit: 'ms' },
      { scenario: `dashboard/records=${total}/scroll-jump/p50`, params, value: median(jumps), unit: 'ms' },
      { scenario: `dashboard/records=${total}/scroll-jump/max`, params, value: Math.max(...jumps), unit: 'ms' }
    ]
  } finally {
    await browser.close()
    await node.stop()
    await dir.remove()
  }
}
