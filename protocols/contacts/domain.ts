/**
 * Domain separation of the contacts signatures (card, endpoint certificate, endpoint revocation):
 * each signs utf8(its domain) ‖ body, so no signature made for one can pass for another.
 */

/** The bytes signed for `body` under `domain`. */
export function domainSeparated (domain: Uint8Array, body: Uint8Array): Uint8Array {
  const message = new Uint8Array(domain.length + body.length)
  message.set(domain, 0)
  message.set(body, domain.length)
  return message
}
