/**
 * The group root key as data: checking that a key really is a group's root key.
 */
import type { Ed25519PrivateKey, PrivateKey } from '@libp2p/interface'
import { PeerhoodError } from '../common/errors.ts'
import { checkRootBinding } from '../certificates/chain-validator.ts'
import { authorityMatches } from '../certificates/group-id.ts'
import { ed25519Spki } from '../certificates/keys.ts'

/**
 * Returns `key` if it is the Ed25519 root key of `groupId` whose root certificate is `grc`;
 * throws `INVALID_EXPORT` otherwise (the key comes from an export or from storage).
 */
export function checkRootKey (groupId: string, grc: Uint8Array, key: PrivateKey): Ed25519PrivateKey {
  if (key.type !== 'Ed25519' || !authorityMatches(groupId, ed25519Spki(key.publicKey)) || !checkRootBinding(groupId, grc)) {
    throw new PeerhoodError('INVALID_EXPORT', 'the key is not the root key of this group')
  }
  return key
}
