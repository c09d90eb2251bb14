/**
 * Peerhood's protocol layer for people who build their own js-libp2p node: the pure rules
 * (certificate chains, roles, lifetimes) and the libp2p service factories.
 *
 * @packageDocumentation
 */
export * from './common/errors.ts'
export * from './certificates/index.ts'
