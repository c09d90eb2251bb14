/**
 * The usage text, one entry per command, printed by `peerhood help` and on bad usage.
 */

/** One command's synopsis and summary. */
export interface CommandHelp {
  /** Synopsis, e.g. `connect <multiaddr>`. */
  synopsis: string
  /** One line of what it does. */
  summary: string
}

/** Every command, in the order the usage lists them. */
export const COMMANDS: CommandHelp[] = [
  { synopsis: 'init [--display-name NAME]', summary: 'create the data directory: identity key, identity certificate, config.json' },
  { synopsis: 'start [--listen MA]... [--no-mdns] [--bootstrap MA]... [--api-port N]', summary: 'run a node in the foreground (Ctrl-C stops it)' },
  { synopsis: 'id', summary: 'the running node\'s PeerId, name and addresses' },
  { synopsis: 'status', summary: 'state of the running node' },
  { synopsis: 'peers', summary: 'connected peers' },
  { synopsis: 'connect <multiaddr>', summary: 'dial a peer' },
  { synopsis: 'ping <peer|multiaddr>', summary: 'round-trip time to a peer' },
  { synopsis: 'events [--type T]... [--group G]', summary: 'print the node\'s event stream until Ctrl-C' },
  { synopsis: 'identity export --out FILE [--password-file F]', summary: 'write the identity key, encrypted with a password' },
  { synopsis: 'identity import FILE [--password-file F]', summary: 'restore an exported identity into an empty data directory' },
  { synopsis: 'cluster --nodes N [--base-port P] [--dir D]', summary: 'run N connected nodes on 127.0.0.1 in one process' }
]

/** The whole usage text. */
export function usageText (): string {
  const width = Math.max(...COMMANDS.map(c => c.synopsis.length))
  const lines = COMMANDS.map(c => `  peerhood ${c.synopsis.padEnd(width)}  ${c.summary}`)
  return [
    'Usage:',
    ...lines,
    '',
    'Common options:',
    '  --data DIR   data directory (else $PEERHOOD_DATA, else ~/.peerhood)',
    '  --json       machine-readable output (one JSON document, or one per line for streams)',
    '  --help       this text',
    '',
    'Exit status: 0 ok, 1 failed (CODE: message on stderr), 2 bad usage or config, 3 no node running.'
  ].join('\n')
}
