import assert from 'node:assert/strict'
import { sendTarget } from '../../../../node/cli/commands/group-connections.ts'
import { isPeerhoodError } from '../../../../protocols/common/errors.ts'

const PEER = '12D3KooWJn4JhgMz36qKmXB8r89kSuCYpmrsoea1KUUSxYLhL7s1'

describe('cli/commands/group-connections', () => {
  it('takes 16 hex digits as a direct connection id (lowercased)', () => {
    assert.deepEqual(sendTarget('f769b82bc2ce3ac9'), { connectionId: 'f769b82bc2ce3ac9' })
    assert.deepEqual(sendTarget('F769B82BC2CE3AC9'), { connectionId: 'f769b82bc2ce3ac9' })
  })

  it('takes neighbour:<peerId> as a neighbour connection id', () => {
    assert.deepEqual(sendTarget(`neighbour:${PEER}`), { connectionId: `neighbour:${PEER}` })
  })

  it('takes anything else as a PeerId (the node checks it)', () => {
    assert.deepEqual(sendTarget(PEER), { peerId: PEER })
    assert.deepEqual(sendTarget(` ${PEER} `), { peerId: PEER })
    // 15 or 17 hex digits are not connection ids
    assert.deepEqual(sendTarget('f769b82bc2ce3ac'), { peerId: 'f769b82bc2ce3ac' })
    assert.deepEqual(sendTarget('f769b82bc2ce3ac90'), { peerId: 'f769b82bc2ce3ac90' })
  })

  it('refuses an empty target with INVALID_ARGUMENT', () => {
    for (const text of ['', '  ', 'neighbour:']) {
      assert.throws(() => sendTarget(text), (err: unknown) => isPeerhoodError(err, 'INVALID_ARGUMENT'))
    }
  })
})
