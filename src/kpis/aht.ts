/**
 * Handle time (AHT): agent time on a contact from first response to the end (talk time for call data, no wrap-up
 * unless the source includes it), over **answered contacts with a recorded handle time**. Mean and median.
 */
import { meanOfValueCounts, quantileOfValueCounts, totalCount, type ValueCount } from './histogram.ts'

export interface HandleTimes { handled: number; meanSeconds: number | null; medianSeconds: number | null }

/** @example handleTimes([{ value: 100, count: 1 }, { value: 300, count: 2 }]) // { handled: 3, meanSeconds: 233.33…, medianSeconds: 300 } */
export function handleTimes(handleCounts: readonly ValueCount[]): HandleTimes {
  return { handled: totalCount(handleCounts), meanSeconds: meanOfValueCounts(handleCounts), medianSeconds: quantileOfValueCounts(handleCounts, 0.5) }
}

/** Mean handle time from a sum and a count (the form SQL totals take); null when nothing was handled. */
export function meanHandleSeconds({ handled, handleSumSeconds }: { handled: number; handleSumSeconds: number }): number | null {
  if (!(Number.isInteger(handled) && handled >= 0)) throw new RangeError(`handled must be a whole number >= 0, got ${handled}`)
  if (!(Number.isFinite(handleSumSeconds) && handleSumSeconds >= 0)) throw new RangeError(`handleSumSeconds must be a number >= 0, got ${handleSumSeconds}`)
  return handled ? handleSumSeconds / handled : null
}
