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
  { synopsis: 'start [--listen MA]... [--announce MA]... [--no-mdns] [--bootstrap MA]... [--api-port N] [--relay-server] [--relay-reserve] [--relay MA]... [--profile bootstrap]', summary: 'run a node in the foreground (Ctrl-C stops it)' },
  { synopsis: 'repair', summary: 'rebuild a damaged datastore from what still verifies (node stopped); groups re-send the rest' },
  { synopsis: 'id', summary: 'the running node\'s PeerId, name and addresses' },
  { synopsis: 'status', summary: 'state of the running node' },
  { synopsis: 'peers', summary: 'connected peers' },
  { synopsis: 'connect <multiaddr>', summary: 'dial a peer' },
  { synopsis: 'ping <peer|multiaddr>', summary: 'round-trip time to a peer' },
  { synopsis: 'events [--type T]... [--group G]', summary: 'print the node\'s event stream until Ctrl-C' },
  { synopsis: 'identity export --out FILE [--password-file F]', summary: 'write the identity key, encrypted with a password' },
  { synopsis: 'identity import FILE [--password-file F]', summary: 'restore an exported identity into an empty data directory' },
  { synopsis: 'group create NAME [--classifier C] [--comment T] [--password-role R]', summary: 'create a group; this node becomes its creator and owner' },
  { synopsis: 'group list', summary: 'the groups this node is a member of' },
  { synopsis: 'group show G', summary: 'properties, my roles and my certificate chain' },
  { synopsis: 'group cert G [--pem]', summary: 'my chain: a summary, or PEM for openssl' },
  { synopsis: 'group issue G --peer ID [--role R]... [--lifetime D] [--store] [--pem]', summary: 'issue a member certificate (D: 90m, 500h, 30d, 1y, infinite)' },
  { synopsis: 'group export G --out F [--include-root-key] [--password-file P]', summary: 'write my membership, encrypted with a password' },
  { synopsis: 'group import F [--password-file P]', summary: 'import a membership exported for this identity' },
  { synopsis: 'group delete G', summary: 'forget a group\'s local data (others keep theirs)' },
  { synopsis: 'group status G [--wait]', summary: 'status flags; --wait until synchronized (progress on a terminal)' },
  { synopsis: 'group members G [--present]', summary: 'members with state and addresses, this node first; --present: online only' },
  { synopsis: 'group invite G --peer ID [--role R]... [--expires D] [--address MA]... [--no-addresses]', summary: 'an invitation for one identity (prints the token; carries this node\'s addresses unless told otherwise)' },
  { synopsis: 'group invite G --password [--expires D]', summary: 'a password invitation (administrators; the group needs a password)' },
  { synopsis: 'group invite parse TOKEN', summary: 'verify an invitation and show its fields (TOKEN or @FILE)' },
  { synopsis: 'group join TOKEN [--password | --password-file P] [--wait]', summary: 'join with an invitation; --wait until synchronized' },
  { synopsis: 'group password G --set [--role R] [--password-file P]', summary: 'set the group password and the role it grants (creator)' },
  { synopsis: 'group renew G [--peer ID]', summary: 'renew my certificate with a connected administrator' },
  { synopsis: 'group revoke G --peer ID [--reason T] [--lift]', summary: 'revoke a member (administrator or creator), or lift its revocation' },
  { synopsis: 'group revocations G', summary: 'list the revocations in force' },
  { synopsis: 'group connect G [--address MA]... [--timeout D]', summary: 'look for members (invitation addresses, DHT, mDNS)' },
  { synopsis: 'group connections G', summary: 'neighbour and direct connections' },
  { synopsis: 'group open G PEER', summary: 'open a direct connection to a member' },
  { synopsis: 'group close G CONNID', summary: 'close a direct connection' },
  { synopsis: 'group send G PEER|CONNID --type T (--text S | --file F)', summary: 'send typed data (at most 64 KiB) to a member' },
  { synopsis: 'record add G --type T [--text S|--file F] [--attr N:T=V]... [--expires D]', summary: 'add a record (D: 2h, 30d or an ISO date)' },
  { synopsis: 'record update G ID [--text S|--file F] [--attr N:T=V]... [--expires D]', summary: 'update a record (its creator or an administrator)' },
  { synopsis: 'record delete G ID', summary: 'delete a record (its creator or an administrator)' },
  { synopsis: 'record get G ID [--out F]', summary: 'one record; --out writes its data to a new file' },
  { synopsis: 'record list G [--type T]', summary: 'live records, optionally of one type' },
  { synopsis: 'record search G QUERY', summary: 'search: JSON or <peersearch> XML text, or @FILE' },
  { synopsis: 'record import G FILE.ndjson', summary: 'bulk import: one JSON record a line (type, data as base64, attributes, expires), 1,000 per durable write, with a progress bar' },
  { synopsis: 'near', summary: 'People Near Me: who is signed in to near on the local network (names prove nothing)' },
  { synopsis: 'signin [--scope near|internet|all] | signin --status', summary: 'sign in to collaboration (default all); --status: the scopes signed in to' },
  { synopsis: 'signout [--scope S]', summary: 'sign out (default all: drops published objects and cached endpoint data)' },
  { synopsis: 'me', summary: 'the Me contact: names, endpoint name, sign-in, presence' },
  { synopsis: 'me set [--nickname N] [--display-name D] [--email E] [--endpoint-name E]', summary: 'change the Me contact (each at most 255 characters)' },
  { synopsis: 'contact export [PEER] [--out F]', summary: 'my contact card (or a contact\'s): one signed line; --json for its JSON form' },
  { synopsis: 'contact parse CARD|@FILE', summary: 'verify a card and show it (stores nothing)' },
  { synopsis: 'contact add CARD|@FILE | contact add --near ID', summary: 'add a trusted contact from a card, or fetch the card of a People Near Me entry' },
  { synopsis: 'contact list | contact get PEER | contact delete PEER', summary: 'the contacts' },
  { synopsis: 'contact update PEER [--watch|--no-watch] [--allow-watching|--block-watching] [--nickname N] [--display-name D] [--email E]', summary: 'watch it, let it watch me, rename it' },
  { synopsis: 'endpoint subscribe|unsubscribe|refresh|forget PEER|ENDPOINT', summary: 'endpoint data: live subscription, or one snapshot kept until forget (30 s time-out)' },
  { synopsis: 'endpoint list CONTACT | endpoint show PEER', summary: 'a contact\'s signed-in endpoints; the data held of one' },
  { synopsis: 'endpoint revoke PEER [--reason T] | endpoint revocations [IDENTITY]', summary: 'revoke one endpoint of my identity for good (its PeerId, not the key); the revocations held' },
  { synopsis: 'presence [PEER] | presence set STATUS [--text T]', summary: 'presence: online, away, busy, be-right-back, idle, on-the-phone, out-to-lunch' },
  { synopsis: 'object set ID (--text S | --file F) [--scope S] | object delete ID | object list [PEER]', summary: 'published objects (1 B to 16 KiB, at most 128)' },
  { synopsis: 'app register ID --description D [--data-file F] [--launch CMD] [--arg A]... [--scope S]', summary: 'register an application (the launch command stays local)' },
  { synopsis: 'app unregister ID | app list [PEER]', summary: 'registered applications, mine or a watched endpoint\'s' },
  { synopsis: 'ui [--open]', summary: 'a one-time dashboard login URL (60 s, single use); --open opens it in the browser' },
  { synopsis: 'invite CONTACT|PEER|@NEAR_ID... --app ID [--message M] [--data S | --data-file F] [--expires D] [--wait]', summary: 'invite to an application (a contact: verified; an endpoint: unverified); prints its id, --wait the answer; several: the first acceptance wins' },
  { synopsis: 'invitations [--sent]', summary: 'pending invitations received (sender, verified, app, data size, expiry, message); --sent: mine' },
  { synopsis: 'invitation accept ID [--message M] [--join] | invitation decline ID [--message M]', summary: 'answer one (accepting launches the registered command; --join joins a hosted session\'s group)' },
  { synopsis: 'invitation cancel ID | invitation status ID', summary: 'withdraw one sent (no-op once answered); its state (queued, delivered, accepted, ...)' },
  { synopsis: 'session host --app ID --invite PEER... [--message M] [--timeout D] [--group-name N | --group G]', summary: 'host a session: invite, collect answers, cancel the silent, bring acceptors into a group; one line per invitee' },
  { synopsis: 'launch-info', summary: 'inside an application launched by an accepted invitation: its launch information (else NOT_FOUND)' },
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
    '  --data DIR   data directory (else $PEERHOOD_DATA, else ~/.peerhood); --data-dir DIR too,',
    '               and only it in invite, where --data is the invitation data',
    '  --json       machine-readable output (one JSON document, or one per line for streams)',
    '  --help       this text',
    '',
    'G names a group: its id, a unique prefix of a local group id, or its friendly name.',
    '--attr N:T=V is name:type=value, type string, int or date (e.g. --attr size:int=5).',
    '',
    'Exit status: 0 ok, 1 failed (CODE: message on stderr), 2 bad usage or config, 3 no node running.'
  ].join('\n')
}
