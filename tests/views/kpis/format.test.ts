import { describe, expect, it } from 'vitest'
import { formatByUnit, formatSeconds, formatShare } from '../../../views/kpis/format.ts'

describe('KPI page number formats', () => {
  it('writes durations, shares and counts, and a dash for no value', () => {
    // The app's one duration style (src/format/numbers.ts): never "115.0 s" next to "2 min 15 s".
    expect(formatSeconds(179.6)).toBe('3 min')
    expect(formatSeconds(158.17)).toBe('2 min 38 s')
    expect(formatSeconds(62)).toBe('1 min 02 s')
    expect(formatSeconds(115)).toBe('1 min 55 s')
    expect(formatSeconds(42.4)).toBe('42 s')
    expect(formatShare(0.8679032)).toBe('86.8%')
    expect(formatByUnit(null, 'fraction')).toBe('–')
    expect(formatByUnit(3, 'chats')).toBe('3')
    expect(formatByUnit(1.0081, 'chats')).toBe('1.01')
    expect(formatByUnit(22158, 'contacts')).toBe('22,158')
  })
})
