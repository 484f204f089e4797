/** Number formats of the capacity screens, through the app's one number module (percentages appear only in views). */
import { formatCount, formatDecimal, formatPercent } from '../../src/format/numbers.ts'

export const num = (v: number) => formatCount(v)
export const fte = (v: number) => formatDecimal(Number.isFinite(v) ? Math.round(v * 10) / 10 : v, 1)
export const signed = (v: number) => (Math.abs(v) < 0.05 ? fte(0) : `${v > 0 ? '+' : '−'}${fte(Math.abs(v))}`)
export const pct = (f: number) => formatPercent(f, 1)
export const money = (v: number) => formatCount(v)
