import assert from 'node:assert/strict'
import { dataDirFlag, main } from '../../../node/cli/main.ts'
import { EXIT } from '../../../node/cli/exit-codes.ts'

/** Runs the CLI in-process, collecting what it prints. */
async function run (argv: string[]): Promise<{ code: number, out: string[], err: string[] }> {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, { env: {}, out: l => { out.push(l) }, err: l => { err.push(l) }, stdin: process.stdin, stopSignal: new AbortController().signal })
  return { code, out, err }
}

describe('cli: --data-dir, and --data where a command owns it', () => {
  it('--data-dir names the data directory; --data too unless the command owns --data', () => {
    assert.equal(dataDirFlag({ 'data-dir': '/a' }, false), '/a')
    assert.equal(dataDirFlag({ data: '/a' }, false), '/a')
    assert.equal(dataDirFlag({ data: 'e4' }, true), undefined)
    assert.equal(dataDirFlag({ data: 'e4', 'data-dir': '/a' }, true), '/a')
    assert.equal(dataDirFlag({ data: '/a', 'data-dir': '/a' }, false), '/a')
    assert.equal(dataDirFlag({}, false), undefined)
  })

  it('two different directories are a usage error', async () => {
    assert.ok(dataDirFlag({ data: '/a', 'data-dir': '/b' }, false) instanceof Error)
    const res = await run(['groups', '--data', '/a', '--data-dir', '/b'])
    assert.equal(res.code, EXIT.USAGE)
    assert.match(res.err[0] ?? '', /^INVALID_ARGUMENT: /)
  })

  it('invite: --data is the invitation data, and with --data-file it is INVALID_ARGUMENT', async () => {
    const res = await run(['invite', 'bob', '--app', 'org.example.chess', '--data', 'e4', '--data-file', '/nonexistent', '--data-dir', '/nonexistent'])
    assert.notEqual(res.code, EXIT.OK)
    assert.match(res.err[0] ?? '', /^INVALID_ARGUMENT: /)
    // alone, --data is the invitation's data: the command goes on to look for the node
    const alone = await run(['invite', 'bob', '--app', 'org.example.chess', '--data', 'e4', '--data-dir', '/nonexistent'])
    assert.match(alone.err[0] ?? '', /^NODE_NOT_RUNNING: /)
  })
})
