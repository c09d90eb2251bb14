/**
 * Where a request may come from. A browser page on another origin can make the browser send
 * requests to 127.0.0.1 (with our cookie, since every port of 127.0.0.1 is the same site), and a
 * rebound DNS name can make it read the answers: so every request must name our exact address
 * and port in `Host`, and a request that carries an `Origin` must carry ours.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { PeerhoodError } from '../../protocols/common/errors.ts'
import { API_HOST } from './constants.ts'

/**
 * Throws `FORBIDDEN_HOST` unless `Host` is `127.0.0.1:<port>`, and `FORBIDDEN_ORIGIN` when an
 * `Origin` (or `Sec-Fetch-Site: cross-site` / `same-site`) says the request comes from another
 * origin, whatever its method and whether or not it carries the session cookie or the token.
 */
export function checkRequestOrigin (headers: IncomingHttpHeaders, port: number): void {
  const self = `${API_HOST}:${port}`
  if (headers.host !== self) {
    throw new PeerhoodError('FORBIDDEN_HOST', `the Host header must be ${self}`, { details: { host: headers.host ?? null } })
  }
  const origin = headers.origin
  if (origin !== undefined && origin !== `http://${self}`) {
    throw new PeerhoodError('FORBIDDEN_ORIGIN', 'cross-origin requests are refused', { details: { origin } })
  }
  const site = headers['sec-fetch-site']
  if (site === 'cross-site' || site === 'same-site') {
    throw new PeerhoodError('FORBIDDEN_ORIGIN', 'cross-origin requests are refused', { details: { site } })
  }
}
