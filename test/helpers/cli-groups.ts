/**
 * Helpers for the CLI tests of groups and records: nodes started with the built binary on
 * loopback (mDNS off), commands run against a data directory, PEM splitting, and admitting a
 * second identity to a group the way an administrator hands a membership over.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { GroupDetailJson, GroupSummaryJson } from '../../node/api/routes-groups.ts'
import { pemToChain } from '../../protocols/certificates/pem.ts'
import { exportMembership } from '../../protocols/groups/membership-export.ts'
import { type CliProcess, type CliResult, runCli, startCli } from './cli.ts'
import { tempDir } from './temp-dir.ts'

/** Flags that keep a node on loopback and off the LAN. */
export const LOOPBACK = ['--no-mdns', '--listen', '/ip4/127.0.0.1/tcp/0']

/** A node started with `peerhood start --json`. */
export interface CliNode {
  /** Its data directory. */
  dir: string
  /** Its PeerId. */
  peerId: string
  /** Its first loopback address (with `/p2p/`). */
  address: string
  /** The running process. */
  proc: CliProcess
}

/** Temp folders and nodes for one mocha suite, cleaned up after each test. */
export function cliWorld (): { newDir: () => Promise<string>, startNode: (dir?: string) => Promise<CliNode>, track: (proc: CliProcess) => CliProcess } {
  const dirs: Array<{ remove: () => Promise<void> }> = []
  const procs: CliProcess[] = []
  afterEach(async () => {
    for (const p of procs.splice(0)) {
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGINT')
        await p.exited
      }
    }
    for (const d of dirs.splice(0)) await d.remove()
  })
  const newDir = async (): Promise<string> => {
    const d = await tempDir()
    dirs.push(d)
    return d.path
  }
  const track = (proc: CliProcess): CliProcess => { procs.push(proc); return proc }
  const startNode = async (dir?: string): Promise<CliNode> => {
    const data = dir ?? await newDir()
    const proc = track(startCli(['start', '--data', data, '--json', ...LOOPBACK]))
    const ready = await proc.waitForJson(d => d.event === 'ready')
    const address = ready.addresses.find((a: string) => a.startsWith('/ip4/127.0.0.1/'))
    return { dir: data, peerId: ready.peerId, address, proc }
  }
  return { newDir, startNode, track }
}

/** Runs `peerhood ...args --data-dir dir` (`--data-dir` names the data directory for every command, `invite` too). */
export async function ph (dir: string, ...args: string[]): Promise<CliResult> {
  return await runCli([...args, '--data-dir', dir])
}

/** Runs `peerhood ...args --data-dir dir --json`, asserts exit 0 and parses stdout as a `T`. */
export async function phJson<T> (dir: string, ...args: string[]): Promise<T> {
  const res = await runCli([...args, '--data-dir', dir, '--json'])
  assert.equal(res.code, 0, `peerhood ${args.join(' ')}: ${res.stderr}`)
  return JSON.parse(res.stdout) as T
}

/** Asserts a failed run: its exit status and the code it printed. */
export function assertFailed (res: CliResult, code: string, exit: number): void {
  assert.equal(res.code, exit, `expected ${code}; stdout: ${res.stdout} stderr: ${res.stderr}`)
  assert.match(res.stderr, new RegExp(`^${code}: `, 'm'))
}

/** The PEM blocks of a text, each with its trailing newline. */
export function pemBlocks (text: string): string[] {
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)].map(m => m[0] + '\n')
}

/** Whether an `openssl` binary runs here. */
export function hasOpenssl (): boolean {
  return spawnSync('openssl', ['version']).status === 0
}

/** `openssl verify -x509_strict -CAfile root [-untrusted chain] leaf` on the blocks of a chain; returns its exit status. */
export async function opensslVerify (dir: string, blocks: string[]): Promise<number | null> {
  const root = join(dir, 'grc.pem')
  const middle = join(dir, 'chain.pem')
  const leaf = join(dir, 'member.pem')
  await writeFile(root, blocks[0]!)
  await writeFile(middle, blocks.slice(1, -1).join(''))
  await writeFile(leaf, blocks[blocks.length - 1]!)
  const args = ['verify', '-x509_strict', '-CAfile', root, ...(blocks.length > 2 ? ['-untrusted', middle] : []), leaf]
  return spawnSync('openssl', args).status
}

/**
 * Admits `subject` to a group of `issuer`: the issuer issues a GMC with `peerhood group issue
 * --pem`, the test seals it with the group properties as a membership export (what an
 * invitation will carry), and the subject imports it with `peerhood group import`.
 */
export async function admitWithCli (issuer: CliNode, subject: CliNode, groupId: string, work: string): Promise<GroupSummaryJson> {
  const issued = await ph(issuer.dir, 'group', 'issue', groupId, '--peer', subject.peerId, '--pem')
  assert.equal(issued.code, 0, issued.stderr)
  const { properties } = await phJson<GroupDetailJson>(issuer.dir, 'group', 'show', groupId)
  const text = await exportMembership({ groupId, properties, chain: pemToChain(issued.stdout) }, 'admit-pw', { scryptN: 1 << 10 })
  const file = join(work, `admit-${subject.peerId}.txt`)
  const password = join(work, 'admit-pw')
  await writeFile(file, text)
  await writeFile(password, 'admit-pw\n')
  return await phJson<GroupSummaryJson>(subject.dir, 'group', 'import', file, '--password-file', password)
}
