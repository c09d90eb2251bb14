/**
 * Checks the `connections.allow` and `connections.deny` lists before libp2p reads them, so a bad
 * entry stops the node with `INVALID_CONFIG` naming the key, not with libp2p's parser error.
 */
import { multiaddr } from '@multiformats/multiaddr'
import { PeerhoodError } from '../../protocols/common/errors.ts'

/** What an entry of the lists must be. */
const ALLOWED = 'an IP network as a multiaddr, e.g. /ip4/10.0.0.0/ipcidr/8 or /ip6/fd00::/ipcidr/8 (an address alone is one host)'

/**
 * Returns `list` after checking that every entry is an IP address or network multiaddr.
 *
 * @throws PeerhoodError `INVALID_CONFIG` (details: key, index, value, allowed)
 */
export function checkNetworks (key: string, list: readonly string[]): string[] {
  return list.map((value, index) => {
    let first: string | undefined
    try {
      first = multiaddr(value).getComponents()[0]?.name
    } catch {
      first = undefined
    }
    if (first !== 'ip4' && first !== 'ip6') {
      throw new PeerhoodError('INVALID_CONFIG', `${key}[${index}]: ${JSON.stringify(value)} is not allowed (${ALLOWED})`, { details: { key, index, value, allowed: ALLOWED } })
    }
    return value
  })
}
