/** Number formats of the capacity screens (percentages appear only in views). */
export const num = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–')
export const fte = (v: number) => (Number.isFinite(v) ? (Math.round(v * 10) / 10).toFixed(1) : '–')
export const signed = (v: number) => (Math.abs(v) < 0.05 ? '0.0' : `${v > 0 ? '+' : '−'}${fte(Math.abs(v))}`)
export const pct = (f: number) => `${Math.round(f * 1000) / 10}%`
export const money = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–')
