/**
 * `openssl verify` must agree with the chain validator on real chains (the certificates are
 * standard X.509), and `openssl x509 -text` must print them. Skipped, saying so, without openssl.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { validateChain } from '../../../protocols/certificates/chain-validator.ts'
import { MAX_CHAIN_GMCS, PEERHOOD_OID_ARC } from '../../../protocols/certificates/constants.ts'
import { certToPem, chainToPem } from '../../../protocols/certificates/pem.ts'
import { DAY, HOUR, T0, adminLadder, assertRefused, forge, issueTo, keyOf, makeGroup, resign, type Holder } from './helpers.ts'

type Group = Awaited<ReturnType<typeof makeGroup>>

const hasOpenssl = spawnSync('openssl', ['version']).status === 0

describe('openssl reads and verifies the chains', () => {
  let dir: string
  let g: Group
  let m: Holder
  let shortM: Holder
  let ladder: Holder

  /** Runs `openssl verify -x509_strict -CAfile grc.pem -untrusted chain.pem -attime <now> member.pem`. */
  function opensslVerify (chain: readonly Uint8Array[], now: number): { ok: boolean, output: string } {
    writeFileSync(join(dir, 'grc.pem'), certToPem(chain[0]!))
    writeFileSync(join(dir, 'chain.pem'), chainToPem(chain.slice(1, -1)))
    writeFileSync(join(dir, 'member.pem'), certToPem(chain.at(-1)!))
    const args = ['verify', '-x509_strict', '-CAfile', join(dir, 'grc.pem'), '-untrusted', join(dir, 'chain.pem'), '-attime', String(Math.floor(now / 1000)), join(dir, 'member.pem')]
    const run = spawnSync('openssl', args, { encoding: 'utf8' })
    return { ok: run.status === 0, output: run.stdout + run.stderr }
  }

  before(async function () {
    if (!hasOpenssl) {
      console.log('      (openssl not found on PATH: skipping the openssl checks; install openssl 3 to run them)')
      this.skip()
    }
    dir = mkdtempSync(join(tmpdir(), 'peerhood-openssl-'))
    g = await makeGroup('openssl', 'ssl')
    const a = await issueTo({ key: g.creatorKey, chain: g.creatorChain }, 'ssl A', ['administrator'])
    const b = await issueTo(a, 'ssl B', ['administrator'])
    m = await issueTo(b, 'ssl M', ['member'])
    const shortB = await issueTo(a, 'ssl short B', ['administrator'], { lifetimeMs: DAY })
    shortM = await issueTo(shortB, 'ssl short M', ['member'])
    ladder = await adminLadder(g, MAX_CHAIN_GMCS)
  })

  after(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  })

  it('accepts the seed chain creator → A → B → M', () => {
    const run = opensslVerify(m.chain, T0 + HOUR)
    assert.ok(run.ok, run.output)
    assert.match(run.output, /member\.pem: OK/)
  })

  it(`accepts a chain of ${MAX_CHAIN_GMCS} GMCs`, () => {
    const run = opensslVerify(ladder.chain, T0 + HOUR)
    assert.ok(run.ok, run.output)
  })

  it('refuses a link with a forged signature, as the validator does', () => {
    const forged = [...m.chain.slice(0, 3), resign(m.chain[3]!, m.key), m.chain[4]!]
    assert.ok(!opensslVerify(forged, T0 + HOUR).ok)
    assertRefused(validateChain(g.groupId, forged, T0 + HOUR), 'INVALID_CERTIFICATE', 'bad-signature', 3)
  })

  it('refuses an expired link, as the validator does', () => {
    assert.ok(opensslVerify(shortM.chain, T0 + HOUR).ok)
    const run = opensslVerify(shortM.chain, T0 + 2 * DAY)
    assert.ok(!run.ok)
    assert.match(run.output, /expired/)
    assertRefused(validateChain(g.groupId, shortM.chain, T0 + 2 * DAY), 'INVALID_TIME_PERIOD', 'expired', 3)
  })

  it(`refuses ${MAX_CHAIN_GMCS + 1} GMCs through the path length constraints, as the validator does`, async () => {
    // the 23rd GMC of the ladder (adminLadder labels the i-th GMC's key `<groupId>/admin-<i>`)
    const ladder23 = { key: await keyOf(`${g.groupId}/admin-${MAX_CHAIN_GMCS - 1}`), chain: ladder.chain.slice(0, MAX_CHAIN_GMCS) }
    // a 24th GMC forged as a CA (pathLen 0), then a 25th below it
    const key24 = await keyOf('ssl 24th')
    const gmc24 = forge({ issuerKey: ladder23.key, issuerCert: ladder23.chain.at(-1)!, subjectKey: key24, groupId: g.groupId, roles: ['administrator'], depth: MAX_CHAIN_GMCS - 1, notBefore: T0, notAfter: T0 + DAY })
    const gmc25 = forge({ issuerKey: key24, issuerCert: gmc24, subjectKey: await keyOf('ssl 25th'), groupId: g.groupId, roles: ['member'], depth: MAX_CHAIN_GMCS + 1, notBefore: T0, notAfter: T0 + DAY })
    const chain = [...ladder23.chain, gmc24, gmc25]
    assert.equal(chain.length, MAX_CHAIN_GMCS + 2)
    const run = opensslVerify(chain, T0 + HOUR)
    assert.ok(!run.ok)
    assert.match(run.output, /path length/)
    assertRefused(validateChain(g.groupId, chain, T0 + HOUR), 'CHAIN_TOO_LONG')
  })

  it('prints a GMC with openssl x509 -text: version 3, the URI, the private extensions', () => {
    writeFileSync(join(dir, 'member.pem'), certToPem(m.chain.at(-1)!))
    const run = spawnSync('openssl', ['x509', '-noout', '-text', '-in', join(dir, 'member.pem')], { encoding: 'utf8' })
    assert.equal(run.status, 0, run.stderr)
    assert.match(run.stdout, /Version: 3/)
    assert.match(run.stdout, /ED25519/)
    assert.match(run.stdout, /URI:peerhood:gmc:/)
    assert.ok(run.stdout.includes(`${PEERHOOD_OID_ARC}.2:`), run.stdout)
    assert.match(run.stdout, /CA:FALSE/)
  })
})
