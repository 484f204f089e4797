import { describe, expect, it } from 'vitest'
import { validateOpeningHours } from '../../src/scheduling/openingHours.ts'
import { validateRequirement } from '../../src/scheduling/requirement.ts'
import { enumerateShiftStarts, intervalGridOf, shiftCoverage, spanCoverage } from '../../src/scheduling/shiftCoverage.ts'
import { validateShiftTemplates } from '../../src/scheduling/shiftTemplates.ts'
import { parseLocalDateTime } from '../../src/scheduling/localTime.ts'

/** 30-min intervals 2024-03-04 06:00 .. 15:30 (20 intervals), 1 agent each. */
const day = validateRequirement({
  intervalMinutes: 30,
  intervals: Array.from({ length: 20 }, (_, i) => ({ start: `2024-03-04T${String(6 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`, agentsRequired: 1 })),
})
const grid = intervalGridOf(day)
const at = (text: string) => parseLocalDateTime(`2024-03-04T${text}`)

describe('coverage vectors', () => {
  it('covers the fraction of each interval a span overlaps', () => {
    // 06:15-07:00: half of the 06:00 interval, all of 06:30
    expect(spanCoverage(grid, at('06:15'), at('07:00'))).toEqual({ indices: [0, 1], values: [0.5, 1] })
    // before the first interval: nothing
    expect(spanCoverage(grid, at('05:00'), at('06:00'))).toEqual({ indices: [], values: [] })
  })

  it('takes the breaks out of a shift', () => {
    // 8 h from 06:00 with a 30-min break 4 h in (10:00) and a 15-min break at 08:00
    const vector = shiftCoverage(grid, at('06:00'), 480, [{ offsetMinutes: 240, lengthMinutes: 30 }, { offsetMinutes: 120, lengthMinutes: 15 }])
    expect(vector.indices).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15]) // 10:00 (index 8) is gone
    expect(vector.values[4]).toBe(0.5) // 08:00 half on break
    expect(vector.values.reduce((s, v) => s + v, 0)).toBe(16 - 1 - 0.5)
  })

  it('enumerates starts per day, weekday and opening hours, and lets shifts run past midnight', () => {
    const night = validateRequirement({ intervalMinutes: 60, intervals: [
      { start: '2024-03-04T22:00', agentsRequired: 1 }, { start: '2024-03-04T23:00', agentsRequired: 1 },
      { start: '2024-03-05T00:00', agentsRequired: 1 }, { start: '2024-03-05T01:00', agentsRequired: 1 },
    ] })
    const [nightShift] = validateShiftTemplates([{ name: 'night', lengthMinutes: 240, earliestStart: '22:00', latestStart: '22:00', startStepMinutes: 60 }])
    const starts = enumerateShiftStarts(night, [nightShift])
    // 03-04 22:00 covers all four intervals; 03-05 22:00 covers none and is left out
    expect(starts.map((s) => [s.startMinute, s.coverage.indices])).toEqual([[parseLocalDateTime('2024-03-04T22:00'), [0, 1, 2, 3]]])

    const [eight] = validateShiftTemplates([{ name: '8h', lengthMinutes: 480, earliestStart: '06:00', latestStart: '10:00', startStepMinutes: 60, days: ['mon'] }])
    const open = validateOpeningHours({ mon: { open: '07:00', close: '16:00' } })
    expect(enumerateShiftStarts(day, [eight], { openingHours: open }).map((s) => s.startMinute)).toEqual([at('07:00'), at('08:00')])
  })
})
