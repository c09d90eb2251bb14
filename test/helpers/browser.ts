/**
 * Headless Chromium for the browser tier and the dashboard benchmark: Debian's `chromium`
 * package driven by puppeteer-core (no browser download), with every background service that
 * would reach the internet turned off, in a fresh profile.
 */
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import puppeteer, { type Browser } from 'puppeteer-core'
import { tempDir } from './temp-dir.ts'

/** Where Debian installs Chromium (`apt-get install chromium`); `PEERHOOD_CHROMIUM` overrides it. */
export const CHROMIUM = process.env.PEERHOOD_CHROMIUM ?? '/usr/bin/chromium'

/** Why the browser tier cannot run here, or undefined when it can. */
export function browserMissingReason (): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install chromium, as .ci/run does)`
}

/** A launched browser and the clean-up of its profile. */
export interface TestBrowser {
  browser: Browser
  close: () => Promise<void>
}

/** Launches headless Chromium in a fresh profile, offline except for what the pages ask of 127.0.0.1. */
export async function launchBrowser (): Promise<TestBrowser> {
  const profile = await tempDir()
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile.path,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions', '--no-default-browser-check',
      '--disable-dev-shm-usage', '--window-size=1280,900'
    ]
  })
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => {})
      await profile.remove()
    }
  }
}

/** `test-output/ui/` of the repository (gitignored), created on demand. */
export async function screenshotDir (): Promise<string> {
  const dir = join(process.cwd(), 'test-output', 'ui')
  await mkdir(dir, { recursive: true })
  return dir
}
