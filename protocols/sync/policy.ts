/**
 * How many symbols to ask for, and when coding stops paying: pure decisions shared by both
 * roles (the responder checks that the initiator stays within {@link maxSymbols}).
 */
import {
  CODED_SYMBOL_WIRE_BYTES,
  MIN_INITIAL_SYMBOLS,
  SYMBOL_ALLOWANCE,
  SYMBOL_BYTES,
  SYMBOLS_PER_DIFFERENCE
} from './constants.ts'

/** Most coded symbols one session may use: twice the larger set plus a fixed allowance. */
export function maxSymbols (initiatorSize: number, responderSize: number): number {
  return 2 * Math.max(initiatorSize, responderSize) + SYMBOL_ALLOWANCE
}

/** Whether sending `symbols` more coded symbols would cost more than the responder's plain symbol list. */
export function listIsCheaper (symbols: number, responderSize: number): boolean {
  return symbols * CODED_SYMBOL_WIRE_BYTES >= responderSize * SYMBOL_BYTES
}

/** The first batch of coded symbols: enough for the size difference alone, and at least {@link MIN_INITIAL_SYMBOLS}. */
export function initialSymbols (initiatorSize: number, responderSize: number): number {
  const sizeGap = Math.abs(initiatorSize - responderSize)
  const wanted = Math.max(MIN_INITIAL_SYMBOLS, Math.ceil(SYMBOLS_PER_DIFFERENCE * sizeGap))
  return Math.min(wanted, maxSymbols(initiatorSize, responderSize))
}

/** What to ask for after a batch that did not decode. */
export type NextRequest = { symbols: number } | { list: true }

/**
 * The next request after `received` coded symbols failed to decode, given the estimated
 * difference: at least double what was received, and {@link SYMBOLS_PER_DIFFERENCE} per estimated
 * difference; the symbol list instead when that is cheaper or would pass {@link maxSymbols}.
 */
export function nextRequest (received: number, estimate: number, initiatorSize: number, responderSize: number): NextRequest {
  const target = Math.max(2 * received, Math.ceil(SYMBOLS_PER_DIFFERENCE * estimate))
  const more = target - received
  if (target > maxSymbols(initiatorSize, responderSize) || listIsCheaper(more, responderSize)) return { list: true }
  return { symbols: more }
}
