/**
 * Certificate serial numbers and the randomness behind them, injectable so that tests and frozen
 * fixtures are reproducible.
 */
import { cryptoRandom, type RandomSource } from '../common/random.ts'
import { SERIAL_NUMBER_BYTES } from './constants.ts'

export { cryptoRandom, type RandomSource }

/**
 * A 16-byte positive serial number in lowercase hex (Windows used exactly 16 bytes). The first
 * byte is 0x01–0x7f so that DER keeps all 16 bytes (positive, no leading zero).
 */
export function newSerialNumber (random: RandomSource = cryptoRandom): string {
  const bytes = Buffer.from(random(SERIAL_NUMBER_BYTES))
  bytes[0] = (bytes[0]! & 0x7f) | 0x01
  return bytes.toString('hex')
}

/** Rounds epoch milliseconds down to a whole second (X.509 times have one-second precision). */
export function floorToSecond (ms: number): number {
  return Math.floor(ms / 1000) * 1000
}
