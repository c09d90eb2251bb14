/**
 * Randomness, injectable so that tests and frozen fixtures are reproducible.
 */
import { randomBytes } from 'node:crypto'

/** A source of random bytes. @default node:crypto `randomBytes` */
export type RandomSource = (length: number) => Uint8Array

/** node:crypto's CSPRNG. */
export const cryptoRandom: RandomSource = (length) => randomBytes(length)
