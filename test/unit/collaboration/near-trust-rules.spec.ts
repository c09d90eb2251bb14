import assert from 'node:assert/strict'
import { nearTrusted, proofValid, shouldProbe, type ProbeState } from '../../../protocols/collaboration/near-trust-rules.ts'

describe('unit: People Near Me trusted mark rules', () => {
  const trustedIds = new Set(['ada'])
  const isTrusted = (id: string): boolean => trustedIds.has(id)
  const ttl = 60_000

  it('trusted only by a proof that still counts, of a trusted contact\'s identity', () => {
    // no proof: whatever the entry announced, untrusted
    assert.equal(nearTrusted(undefined, 1000, ttl, isTrusted), false)
    assert.equal(nearTrusted({ identity: 'ada', provenAt: 1000 }, 1000, ttl, isTrusted), true)
    assert.equal(nearTrusted({ identity: 'ada', provenAt: 1000 }, 1000 + ttl - 1, ttl, isTrusted), true)
    // lapsed, or proven "in the future" by a clock that went back
    assert.equal(nearTrusted({ identity: 'ada', provenAt: 1000 }, 1000 + ttl, ttl, isTrusted), false)
    assert.equal(nearTrusted({ identity: 'ada', provenAt: 5000 }, 1000, ttl, isTrusted), false)
    // proven, but another identity
    assert.equal(nearTrusted({ identity: 'eve', provenAt: 1000 }, 1000, ttl, isTrusted), false)
    assert.equal(proofValid(undefined, 0, ttl), false)
  })

  it('proves an entry only signed in to near, with a trusted contact to find, unproven, not in flight, within the bounds', () => {
    const base: ProbeState = { signedInNear: true, hasTrustedContacts: true, proven: false, inFlight: false, lastTriedAt: undefined, running: 0 }
    const limits = { concurrency: 2, retryMs: 600_000 }
    assert.equal(shouldProbe(base, 0, limits), true)
    assert.equal(shouldProbe({ ...base, signedInNear: false }, 0, limits), false)
    assert.equal(shouldProbe({ ...base, hasTrustedContacts: false }, 0, limits), false)
    assert.equal(shouldProbe({ ...base, proven: true }, 0, limits), false)
    assert.equal(shouldProbe({ ...base, inFlight: true }, 0, limits), false)
    assert.equal(shouldProbe({ ...base, running: 2 }, 0, limits), false)
    assert.equal(shouldProbe({ ...base, lastTriedAt: 1000 }, 1000 + 599_999, limits), false)
    assert.equal(shouldProbe({ ...base, lastTriedAt: 1000 }, 1000 + 600_000, limits), true)
  })
})
