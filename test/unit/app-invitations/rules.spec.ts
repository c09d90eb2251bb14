import assert from 'node:assert/strict'
import {
  DEFAULT_EXPIRY_MS, MAX_EXPIRY_MS, MAX_INVITATION_DATA_BYTES, MAX_INVITATION_MESSAGE_CHARS, MAX_PENDING_PER_SENDER, MAX_PENDING_TOTAL,
  SENDER_BURST, SENDER_PER_MINUTE
} from '../../../protocols/app-invitations/constants.ts'
import { launchInfoFromEnv } from '../../../protocols/app-invitations/launcher.ts'
import {
  cancelAction, checkContent, fanoutCancels, fanoutResult, checkMessage, grantedExpiry, isFinal, mayDeliver, parseAcceptPolicy, recipientVerified, responseVerdict, roomFor,
  senderExpiry, takeToken, verdictError, type Bucket
} from '../../../protocols/app-invitations/rules.ts'
import { BucketTable, FinishedTable } from '../../../protocols/app-invitations/table.ts'
import { isPeerhoodError } from '../../../protocols/common/errors.ts'

const code = (c: string) => (err: unknown) => isPeerhoodError(err) && err.code === c
const content = (fields: { appId?: string, message?: string, data?: Uint8Array } = {}) => ({ appId: 'org.example.chess', message: '', data: new Uint8Array(0), ...fields })

describe('app invitations: rules', () => {
  it('sizes: data up to 16 KiB, message up to 255 characters, a plain application id', () => {
    checkContent(content({ data: new Uint8Array(MAX_INVITATION_DATA_BYTES), message: 'é'.repeat(MAX_INVITATION_MESSAGE_CHARS) }))
    assert.throws(() => checkContent(content({ data: new Uint8Array(MAX_INVITATION_DATA_BYTES + 1) })), code('APPLICATION_DATA_TOO_LARGE'))
    assert.throws(() => checkContent(content({ message: 'x'.repeat(MAX_INVITATION_MESSAGE_CHARS + 1) })), code('INVITATION_MESSAGE_TOO_LONG'))
    assert.throws(() => checkMessage('x'.repeat(256)), code('INVITATION_MESSAGE_TOO_LONG'))
    for (const appId of ['', 'a b', 'x'.repeat(256), '../etc']) assert.throws(() => checkContent(content({ appId })), code('INVALID_OBJECT_ID'))
    checkContent(content({ appId: '{0f1e2d3c-aaaa-bbbb-cccc-000000000000}' }))
  })

  it('expiry: 5 minutes by default, 1 s to 24 h asked, the recipient grants at most 24 h', () => {
    assert.equal(senderExpiry(), DEFAULT_EXPIRY_MS)
    assert.equal(senderExpiry(MAX_EXPIRY_MS), MAX_EXPIRY_MS)
    for (const bad of [0, 999, MAX_EXPIRY_MS + 1, 1.5, Number.NaN]) assert.throws(() => senderExpiry(bad), code('INVALID_TIME_PERIOD'))
    assert.equal(grantedExpiry(2 ** 32 - 1), MAX_EXPIRY_MS)
    assert.equal(grantedExpiry(0), 0)
    assert.equal(grantedExpiry(5_000), 5_000)
  })

  it('who may deliver: contacts (trusted only), anyone, none', () => {
    assert.deepEqual([mayDeliver('contacts', true), mayDeliver('contacts', false)], [true, false])
    assert.deepEqual([mayDeliver('anyone', false), mayDeliver('none', true)], [true, false])
    assert.equal(parseAcceptPolicy('anyone'), 'anyone')
    assert.throws(() => parseAcceptPolicy('everyone'), code('INVALID_ARGUMENT'))
  })

  it('verified only when the sender invited a contact and is a trusted contact here', () => {
    assert.equal(recipientVerified(true, true), true)
    assert.equal(recipientVerified(false, true), false)
    assert.equal(recipientVerified(true, false), false)
  })

  it('throttling: a burst, then the sustained rate; the list is bounded per sender and in total', () => {
    let bucket: Bucket | undefined
    for (let i = 0; i < SENDER_BURST; i++) {
      const r = takeToken(bucket, 1000)
      assert.equal(r.allowed, true)
      bucket = r.bucket
    }
    assert.equal(takeToken(bucket, 1000).allowed, false)
    assert.equal(takeToken(bucket, 1000 + 60_000 / SENDER_PER_MINUTE - 1).allowed, false)
    assert.equal(takeToken(bucket, 1000 + 60_000 / SENDER_PER_MINUTE).allowed, true)
    // a long silence refills no more than the burst
    assert.ok(takeToken(bucket, 1e12).bucket.tokens <= SENDER_BURST - 1)
    assert.equal(roomFor(MAX_PENDING_PER_SENDER - 1, 0), true)
    assert.equal(roomFor(MAX_PENDING_PER_SENDER, 0), false)
    assert.equal(roomFor(0, MAX_PENDING_TOTAL), false)
  })

  it('the tables of senders and finished invitations never grow past their bound', () => {
    const buckets = new BucketTable<number>(3)
    for (let i = 0; i < 100; i++) buckets.set(`p${i}`, i)
    assert.equal(buckets.size, 3)
    assert.equal(buckets.get('p99'), 99)
    assert.equal(buckets.get('p0'), undefined)
    const finished = new FinishedTable<number>(2)
    for (let i = 0; i < 5; i++) finished.add(`i${i}`, i)
    assert.deepEqual(finished.values(), [3, 4])
  })

  it('cancellation in each phase: abort before delivery, notify after, no-op once answered', () => {
    assert.equal(cancelAction('queued'), 'abort')
    assert.equal(cancelAction('sending'), 'abort')
    assert.equal(cancelAction('delivered'), 'notify')
    for (const s of ['accepted', 'declined', 'expired', 'cancelled', 'error'] as const) assert.equal(cancelAction(s), 'noop')
    assert.deepEqual(['queued', 'sending', 'delivered', 'pending'].map(s => isFinal(s as never)), [false, false, false, false])
  })

  it('the sender decides whether an answer counts', () => {
    assert.equal(responseVerdict('delivered', 2000, 1000), 'OK')
    assert.equal(responseVerdict('sending', 2000, 1000), 'OK')
    assert.equal(responseVerdict('delivered', 2000, 2000), 'EXPIRED')
    assert.equal(responseVerdict('cancelled', 2000, 1000), 'CANCELLED')
    assert.equal(responseVerdict('expired', 2000, 1000), 'EXPIRED')
    assert.equal(responseVerdict('accepted', 2000, 1000), 'ALREADY_ANSWERED')
    assert.equal(responseVerdict(undefined, 0, 1000), 'UNKNOWN_INVITATION')
    assert.equal(responseVerdict('queued', 2000, 1000), 'UNKNOWN_INVITATION')
    assert.equal(verdictError('CANCELLED').code, 'INVITE_CANCELLED')
    assert.equal(verdictError('EXPIRED').code, 'INVITATION_EXPIRED')
    assert.equal(verdictError('ALREADY_ANSWERED').code, 'INVITE_RESPONSE_NOT_AVAILABLE')
  })

  it('launch information is read from PEERHOOD_LAUNCH_INFO, nothing outside a launched process', () => {
    assert.equal(launchInfoFromEnv({}), undefined)
    assert.equal(launchInfoFromEnv({ PEERHOOD_LAUNCH_INFO: 'not json' }), undefined)
    assert.equal(launchInfoFromEnv({ PEERHOOD_LAUNCH_INFO: '{"x":1}' }), undefined)
    assert.equal(launchInfoFromEnv({ PEERHOOD_LAUNCH_INFO: '{"sender":"12D3"}' })?.sender, '12D3')
  })

  it('a fan-out: the first acceptance cancels the unfinished others only', () => {
    assert.deepEqual(fanoutCancels('a', [{ id: 'a', state: 'accepted' }, { id: 'b', state: 'delivered' }, { id: 'c', state: 'queued' }, { id: 'd', state: 'declined' }]), ['b', 'c'])
  })

  it('a fan-out\'s outcome: the acceptance at once, else once all are final declined, then expired, then the first', () => {
    const f = (...states: string[]) => fanoutResult(states.map((state, i) => ({ id: String(i), state: state as never })))?.id
    assert.equal(f('delivered', 'accepted', 'queued'), '1')
    assert.equal(f('declined', 'delivered'), undefined)
    assert.equal(f('expired', 'declined', 'cancelled'), '1')
    assert.equal(f('cancelled', 'expired'), '1')
    assert.equal(f('error', 'cancelled'), '0')
    assert.equal(f(), undefined)
  })
})
