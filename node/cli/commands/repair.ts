/**
 * `peerhood repair`: rebuilds a damaged datastore from what still verifies (the node must be
 * stopped); the groups send back the rest at their next connection.
 */
import type { RepairReport } from '../../storage/repair.ts'
import { type Command, emit } from '../command.ts'
import { EXIT } from '../exit-codes.ts'
import { dataDirOf } from '../node-client.ts'

function describe (report: RepairReport): string {
  const lines = [`repaired ${report.dataDir}`, `  read ${report.filesRead} LevelDB files (MANIFEST ${report.manifestReadable ? 'readable' : 'unreadable: every file in the folder was read'})`]
  for (const range of report.lost) lines.push(`  lost: ${range.file}: ${range.reason}`)
  if (report.lost.length === 0) lines.push('  nothing was unreadable')
  for (const g of report.groups) {
    const fate = g.refetch ? 'marked not synchronized: what was lost is fetched again from its members at the next connection' : 'intact'
    lines.push(`  group "${g.friendlyName}" (${g.groupId})${g.owner ? ', owner' : ''}: kept ${g.kept} records, dropped ${g.dropped}; ${fate}`)
  }
  for (const d of report.dropped.slice(0, 20)) lines.push(`  dropped record ${d.id} of ${d.groupId}: ${d.reason}`)
  if (report.dropped.length > 20) lines.push(`  … and ${report.dropped.length - 20} more dropped records (--json lists them)`)
  lines.push(`  the damaged datastore is kept at ${report.damagedCopy}; delete it once the node runs well`)
  return lines.join('\n')
}

const repair: Command = {
  words: ['repair'],
  async run (ctx) {
    const { repairDataDir } = await import('../../storage/repair.ts')
    const report = await repairDataDir(dataDirOf(ctx))
    emit(ctx, report, () => describe(report))
    return EXIT.OK
  }
}

/** `repair`. */
export const repairCommands: Command[] = [repair]
