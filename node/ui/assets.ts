/**
 * The dashboard's files, served by the node under `/ui/`: the app's own ES modules from
 * `node/ui/app/` (shipped in the npm package) and the libraries' ESM builds straight from the
 * installed packages, so the dashboard works offline and needs no build step. Everything is read
 * and gzipped once, on the first request.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { extname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

/** One file ready to send. */
export interface UiAsset {
  /** `Content-Type`. */
  contentType: string
  /** The bytes. */
  body: Buffer
  /** The bytes gzipped. */
  gzip: Buffer
}

/** The dashboard's files by URL path (`/ui/app.js`, `/ui/vendor/preact.mjs`, …). */
export interface UiAssets {
  /** Files by path; `/ui/` is `index.html`. */
  files: Map<string, UiAsset>
  /** The `Content-Security-Policy` of the pages: no inline code except the import map, by its hash. */
  csp: string
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png'
}

/** Library files by the name the import map gives them, resolved in the installed packages. */
const VENDOR: Record<string, string> = {
  'preact.mjs': 'preact',
  'preact-hooks.mjs': 'preact/hooks',
  'htm.mjs': 'htm',
  'uplot.mjs': 'uplot/dist/uPlot.esm.js',
  'uplot.css': 'uplot/dist/uPlot.min.css',
  'uqr.mjs': 'uqr'
}

/** The app folder: beside this module when run from source, `node/ui/app` of the package from `dist/`. */
function appDir (): string {
  const here = fileURLToPath(new URL('./app/', import.meta.url))
  if (existsSync(here)) return here
  return fileURLToPath(new URL('../../../node/ui/app/', import.meta.url))
}

function asset (path: string, body: Buffer): UiAsset {
  return { contentType: TYPES[extname(path)] ?? 'application/octet-stream', body, gzip: gzipSync(body, { level: 9 }) }
}

async function walk (dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...await walk(full))
    else out.push(full)
  }
  return out
}

/** Reads every file of the dashboard. */
export async function loadUiAssets (): Promise<UiAssets> {
  const files = new Map<string, UiAsset>()
  const dir = appDir()
  for (const file of await walk(dir)) {
    const path = `/ui/${relative(dir, file).split('\\').join('/')}`
    files.set(path, asset(path, await readFile(file)))
  }
  const require = createRequire(import.meta.url)
  for (const [name, specifier] of Object.entries(VENDOR)) {
    // `import` condition first (ESM builds), then plain resolution for packages without exports
    let resolved: string
    try {
      resolved = fileURLToPath(import.meta.resolve(specifier))
    } catch {
      resolved = require.resolve(specifier)
    }
    files.set(`/ui/vendor/${name}`, asset(name, await readFile(resolved)))
  }
  const index = files.get('/ui/index.html')
  if (index !== undefined) files.set('/ui/', index)
  const html = index?.body.toString('utf8') ?? ''
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1]
  const hash = importMap === undefined ? '' : ` 'sha256-${createHash('sha256').update(importMap).digest('base64')}'`
  const csp = [
    "default-src 'none'", `script-src 'self'${hash}`, "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
    "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"
  ].join('; ')
  return { files, csp }
}
