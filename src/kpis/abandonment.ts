/**
 * Abandonment rate: contacts that left the queue before an agent answered ÷ contacts offered (answered + abandoned).
 */
import { shareOf, type Share } from './ratio.ts'

/** @example abandonmentRate({ offered: 200, abandoned: 13 }).share // 0.065 */
export function abandonmentRate({ offered, abandoned }: { offered: number; abandoned: number }): Share {
  return shareOf('abandonmentRate', abandoned, offered)
}
