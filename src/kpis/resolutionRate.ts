/**
 * First-contact resolution rate: contacts marked resolved on first contact ÷ contacts where resolution is recorded
 * (contacts without the field are left out of both, so a queue without the data shows "no data", not 0%).
 */
import { shareOf, type Share } from './ratio.ts'

/** @example resolutionRate({ resolved: 172, resolutionKnown: 200 }).share // 0.86 */
export function resolutionRate({ resolved, resolutionKnown }: { resolved: number; resolutionKnown: number }): Share {
  return shareOf('resolutionRate', resolved, resolutionKnown)
}
