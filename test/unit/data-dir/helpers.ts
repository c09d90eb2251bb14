/**
 * Helpers of the data-directory and identity tests.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { type ErrorCode, isPeerhoodError } from '../../../protocols/common/errors.ts'

/** Awaits `promise`, asserting it rejects with a PeerhoodError of `code`; returns its details. */
export async function rejectsWithCode (promise: Promise<unknown>, code: ErrorCode): Promise<Record<string, unknown>> {
  try {
    await promise
  } catch (err) {
    assert.ok(isPeerhoodError(err), `expected a PeerhoodError, got ${String(err)}`)
    assert.equal(err.code, code, err.message)
    return err.details ?? {}
  }
  assert.fail(`expected ${code}`)
}

/** Every entry under `dir` (recursively) with its mode and a hash of its content: a snapshot. */
export async function snapshot (dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  let entries: string[]
  try { entries = await readdir(dir, { recursive: true }) } catch { return out }
  for (const name of entries.sort()) {
    const path = join(dir, name)
    const info = await stat(path)
    out[name] = info.isDirectory() ? `dir ${info.mode.toString(8)}` : `${info.mode.toString(8)} ${createHash('sha256').update(await readFile(path)).digest('hex')}`
  }
  return out
}

/** The pid of a process that has exited (a stale lock's owner). */
export async function deadPid (): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  await new Promise(resolve => child.once('exit', resolve))
  assert.ok(child.pid !== undefined)
  return child.pid
}
