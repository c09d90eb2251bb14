/**
 * Initialising a data directory: the folder (0700), an Ed25519 identity (0600), its certificate
 * and `config.json` with every default. Idempotent: what exists is kept.
 */
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { mergeConfig } from '../../config/merge.ts'
import { parseConfig } from '../../config/parse.ts'
import type { PeerhoodConfigInput } from '../../config/schema.ts'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { configuredDisplayName, writeConfigIfMissing } from './config-file.ts'
import { ensureDir } from './fs.ts'
import { IDENTITY_CERT_FILE, IDENTITY_KEY_FILE } from './layout.ts'
import { ensureCertificate, type IdentityFiles, readCertFile, readKeyFile, restrictKeyMode, writeKeyFile } from './identity-files.ts'

/** Options of {@link initDataDir}. */
export interface InitDataDirOptions {
  /**
   * Display name written into a new `config.json` (an existing one is kept, and the identity
   * certificate always names the display name of `config.json`). @default `config.displayName`, else the schema default
   */
  displayName?: string
  /** Configuration written (with every default) into a new `config.json`; an existing one is kept. @default {} */
  config?: PeerhoodConfigInput
  /** Identity to store when the directory has none. @default a new Ed25519 key */
  privateKey?: PrivateKey
}

/** Result of {@link initDataDir}. */
export interface InitDataDirResult {
  /** Whether a new identity was written (false when one already existed). */
  created: boolean
  /** The directory's PeerId. */
  peerId: string
}

/**
 * {@link initDataDir}, returning the identity it ensured. The certificate names `certName`, else
 * the display name of `config.json`.
 */
export async function initIdentity (dir: string, options: InitDataDirOptions = {}, certName?: string): Promise<IdentityFiles & { created: boolean }> {
  const explicitName = options.displayName ?? options.config?.displayName
  const config = parseConfig(mergeConfig(options.config, explicitName === undefined ? {} : { displayName: explicitName }))
  if (options.privateKey !== undefined && options.privateKey.type !== 'Ed25519') {
    throw new PeerhoodError('INVALID_ARGUMENT', `expected an Ed25519 key, got ${options.privateKey.type}`)
  }
  await ensureDir(dir)
  let privateKey = await readKeyFile(dir)
  const created = privateKey === undefined
  if (privateKey === undefined) {
    privateKey = options.privateKey ?? await generateKeyPair('Ed25519')
    // a certificate without its key: the identity was lost, not never made; a new key would be
    // another member of every group, silently
    await readCertFile(dir, privateKey).catch((err: unknown) => {
      const path = join(dir, IDENTITY_KEY_FILE)
      throw new PeerhoodError('INVALID_IDENTITY',
        `${path} is missing, but ${IDENTITY_CERT_FILE} names the identity this directory had: restore the key (peerhood identity import), or delete ${IDENTITY_CERT_FILE} to start as a new identity`,
        { cause: err, details: { path } })
    })
    await writeKeyFile(dir, privateKey)
  } else {
    if (options.privateKey !== undefined && !options.privateKey.equals(privateKey)) {
      throw new PeerhoodError('ALREADY_EXISTS', `${dir} already holds another identity`, { details: { path: dir } })
    }
    // the key and its certificate vouch for each other before anything is written
    await readCertFile(dir, privateKey)
    await restrictKeyMode(dir)
  }
  await writeConfigIfMissing(dir, config)
  const wanted = certName ?? await configuredDisplayName(dir)
  const identity = await ensureCertificate(dir, privateKey, wanted, config.displayName)
  return { ...identity, created }
}

/**
 * Initialises the data directory `dir` (creating it, mode 0700): an Ed25519 identity in
 * `identity.key` (0600, written atomically), its certificate in `identity.crt` and `config.json`
 * with every default. Idempotent: an existing identity and `config.json` are kept; the certificate
 * is re-issued only when missing, broken or naming another display name than `config.json`.
 *
 * Codes: `DATA_DIR_UNWRITABLE` (details: `path`), `INVALID_CONFIG`, `INVALID_IDENTITY` (a
 * corrupt key file, or a certificate of another PeerId: nothing is written then), `ALREADY_EXISTS` (`privateKey` given but another one is stored).
 */
export async function initDataDir (dir: string, options: InitDataDirOptions = {}): Promise<InitDataDirResult> {
  const { created, privateKey } = await initIdentity(dir, options)
  return { created, peerId: peerIdFromPrivateKey(privateKey).toString() }
}
