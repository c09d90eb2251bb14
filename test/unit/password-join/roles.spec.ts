import assert from 'node:assert/strict'
import type { PeerId } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { pbStream, streamPair } from '@libp2p/utils'
import { ChainCache } from '../../../protocols/certificates/chain-cache.ts'
import { type AdminContext, respondPasswordJoin } from '../../../protocols/password-join/admin.ts'
import { createPasswordVerifier, PasswordThrottle, type PasswordAuthority, type PasswordVerifier } from '../../../protocols/password-join/index.ts'
import { initiatePasswordJoin, type JoinerContext } from '../../../protocols/password-join/joiner.ts'
import { Challenge, Hello, Proof, Result, Status } from '../../../protocols/password-join/pb/password-join.ts'
import { HOUR, T0, assertCode, keyOf } from '../certificates/helpers.ts'
import { issuerOf, makeWorld, type World } from '../invitations/helpers.ts'

const PASSWORD = 'open sesame'

describe('password join: the two roles over a stream pair', () => {
  let w: World
  let verifier: PasswordVerifier
  let joiner: PeerId
  let admin: PeerId
  const now = (): number => T0 + HOUR

  before(async () => {
    w = await makeWorld('roles')
    verifier = await createPasswordVerifier(PASSWORD, { groupId: w.group.groupId, scryptN: 1 << 10 })
    joiner = peerIdFromPrivateKey(await keyOf('roles/joiner'))
    admin = peerIdFromPrivateKey(w.admin.key)
  })

  function adminContext (authority: PasswordAuthority | undefined, issued: Uint8Array[][], failures: string[]): AdminContext {
    return {
      remotePeer: joiner,
      localPeer: admin,
      init: { authorityFor: () => authority, onIssued: (_g, _p, chain) => { issued.push(chain) } },
      now,
      throttle: new PasswordThrottle(),
      inFlight: new Set(),
      cache: new ChainCache(),
      onFailure: (e) => { failures.push(e.reason) },
      signal: AbortSignal.timeout(5000)
    }
  }

  function joinerContext (password: string): JoinerContext {
    return { groupId: w.group.groupId, password, displayName: 'Joiner', localPeer: joiner, remotePeer: admin, now, cache: new ChainCache(), signal: AbortSignal.timeout(5000) }
  }

  async function run (password: string, authority: PasswordAuthority | undefined): Promise<{ joined: PromiseSettledResult<Awaited<ReturnType<typeof initiatePasswordJoin>>>, issued: Uint8Array[][], failures: string[] }> {
    const [out, inc] = await streamPair()
    const issued: Uint8Array[][] = []
    const failures: string[] = []
    const [joined] = await Promise.allSettled([
      // as the service does: a failing joiner resets the stream, so the responder stops waiting
      initiatePasswordJoin(out, joinerContext(password)).catch((err: Error) => { out.abort(err); throw err }),
      respondPasswordJoin(inc, adminContext(authority, issued, failures)).catch(() => undefined)
    ])
    return { joined, issued, failures }
  }

  const authority = (): PasswordAuthority => ({ verifier, passwordRole: 'member', issuer: issuerOf(w.admin) })

  it('right password: a chain with the password role, for the joiner, issued by the administrator', async () => {
    const { joined, issued } = await run(PASSWORD, authority())
    assert.equal(joined.status, 'fulfilled')
    if (joined.status !== 'fulfilled') return
    assert.equal(joined.value.member.peerId, joiner.toString())
    assert.equal(joined.value.member.displayName, 'Joiner')
    assert.deepEqual(joined.value.member.roles, ['member'])
    assert.equal(joined.value.administrator.peerId, admin.toString())
    assert.equal(issued.length, 1)
  })

  it('wrong password: AUTHENTICATION_FAILED, nothing issued, the failure reported', async () => {
    const { joined, issued, failures } = await run('open sesame!', authority())
    await assertCode(async () => { if (joined.status === 'rejected') throw joined.reason }, 'AUTHENTICATION_FAILED')
    assert.equal(issued.length, 0)
    assert.deepEqual(failures, ['wrong-password'])
  })

  it('no authority for the group: NOT_FOUND', async () => {
    const { joined } = await run(PASSWORD, undefined)
    await assertCode(async () => { if (joined.status === 'rejected') throw joined.reason }, 'NOT_FOUND')
  })

  it('the joiner proves nothing to a responder that is no administrator: AUTHENTICATION_FAILED', async () => {
    const { joined, failures } = await run(PASSWORD, { ...authority(), issuer: issuerOf(w.inviter) })
    await assertCode(async () => { if (joined.status === 'rejected') throw joined.reason }, 'AUTHENTICATION_FAILED')
    assert.deepEqual(failures, [], 'no proof reached the responder')
  })

  it('a responder that cannot prove the password gets its chain refused: AUTHENTICATION_FAILED', async () => {
    const [out, inc] = await streamPair()
    const fake = (async () => {
      const pb = pbStream(inc)
      await pb.read(Hello)
      await pb.write({ status: Status.OK, salt: verifier.salt as Uint8Array<ArrayBuffer>, n: verifier.N, r: 8, p: 1, nonce: new Uint8Array(32), chain: w.admin.chain as Array<Uint8Array<ArrayBuffer>>, retryAfterMs: 0 }, Challenge)
      await pb.read(Proof)
      await pb.write({ status: Status.OK, chain: w.member.chain as Array<Uint8Array<ArrayBuffer>>, mac: new Uint8Array(32), retryAfterMs: 0 }, Result)
    })()
    await assertCode(async () => await initiatePasswordJoin(out, joinerContext(PASSWORD)), 'AUTHENTICATION_FAILED')
    await fake.catch(() => undefined)
  })

  it('refuses a scrypt cost above 2^18 from the responder: INVALID_MESSAGE', async () => {
    const [out, inc] = await streamPair()
    const fake = (async () => {
      const pb = pbStream(inc)
      await pb.read(Hello)
      await pb.write({ status: Status.OK, salt: verifier.salt as Uint8Array<ArrayBuffer>, n: 1 << 20, r: 8, p: 1, nonce: new Uint8Array(32), chain: w.admin.chain as Array<Uint8Array<ArrayBuffer>>, retryAfterMs: 0 }, Challenge)
    })()
    await assertCode(async () => await initiatePasswordJoin(out, joinerContext(PASSWORD)), 'INVALID_MESSAGE')
    await fake.catch(() => undefined)
  })
})
