/**
 * `peerhood identity export` / `identity import` (Windows PeerIdentityExport / Import).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { PeerhoodError } from '../../../protocols/common/errors.ts'
import { type Command, emit, flagString } from '../command.ts'
import { EXIT } from '../exit-codes.ts'
import { dataDirOf } from '../node-client.ts'
import { readPassword } from '../password.ts'

const exportCommand: Command = {
  words: ['identity', 'export'],
  options: { out: { type: 'string' }, 'password-file': { type: 'string' } },
  async run (ctx) {
    const out = flagString(ctx.flags, 'out')
    if (out === undefined) throw new PeerhoodError('INVALID_ARGUMENT', 'identity export needs --out FILE')
    const dir = dataDirOf(ctx)
    const { exportIdentity } = await import('../../identity/index.ts')
    const text = await exportIdentity(dir, await readPassword(ctx))
    await writeFile(out, text, { mode: 0o600, flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') throw new PeerhoodError('ALREADY_EXISTS', `${out} exists; not overwritten`, { details: { path: out } })
      throw new PeerhoodError('INVALID_ARGUMENT', `cannot write ${out}: ${err.message}`, { cause: err, details: { path: out } })
    })
    emit(ctx, { out }, () => `identity written to ${out}`)
    return EXIT.OK
  }
}

const importCommand: Command = {
  words: ['identity', 'import'],
  positionals: ['file'],
  options: { 'password-file': { type: 'string' }, 'as-endpoint': { type: 'boolean' } },
  async run (ctx) {
    const file = ctx.args[0]!
    const content = await readFile(file, 'utf8').catch((err: unknown) => {
      throw new PeerhoodError('INVALID_ARGUMENT', `cannot read ${file}`, { cause: err, details: { path: file } })
    })
    const dir = dataDirOf(ctx)
    const { importIdentity } = await import('../../identity/index.ts')
    const asEndpoint = ctx.flags['as-endpoint'] === true
    const result = await importIdentity(dir, content, await readPassword(ctx), { asEndpoint })
    emit(ctx, { dataDir: dir, ...result }, () => asEndpoint
      ? `imported identity ${result.identity} into ${dir} as endpoint ${result.peerId}`
      : `imported ${result.peerId} into ${dir}`)
    return EXIT.OK
  }
}

/** `identity export` and `identity import`. */
export const identityCommands: Command[] = [exportCommand, importCommand]
