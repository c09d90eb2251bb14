/**
 * Checks a LevelDB table file (`.ldb` / `.sst`) the way LevelDB would with `verify_checksums`:
 * the footer's magic number, then the CRC-32C of every block the index and meta-index reach.
 * classic-level opens LevelDB without checksum verification or paranoid checks, so a damaged
 * block would otherwise be read (and compacted, where LevelDB aborts) as if it were intact.
 */
import { blockEntries, readBlock, readFooter, readHandle } from './table-format.ts'

/**
 * Why the table file's bytes are not an intact table, or undefined when every block's checksum
 * matches. Blocks under a compressed index are not reached (Peerhood stores them uncompressed).
 */
export function tableDamage (file: Uint8Array): string | undefined {
  const footer = readFooter(file)
  if (typeof footer === 'string') return footer
  try {
    const index = readBlock(file, footer.index, 'index block')
    const meta = readBlock(file, footer.meta, 'meta-index block')
    if (!meta.compressed) for (const [, value] of blockEntries(meta.contents)) readBlock(file, readHandle(value, { pos: 0 }), 'filter block')
    if (!index.compressed) for (const [, value] of blockEntries(index.contents)) readBlock(file, readHandle(value, { pos: 0 }), 'data block')
  } catch (err) {
    return (err as Error).message
  }
  return undefined
}
