import { describe, expect, it } from 'vitest'
import { currentDateStyle, formatDate, formatDateTime, formatDayLabel, formatLocalSpan, formatShortDayLabel, formatUtcStamp, withDateStyle } from '../../src/format/dateTime.ts'

describe('the one date and time style', () => {
  it('shows ISO-like dates and 24-hour times by default, in the queue\'s zone', () => {
    expect(currentDateStyle()).toBe('iso')
    // 2000-01-04 14:30 UTC is 09:30 in New York (EST, UTC−5).
    const ms = Date.UTC(2000, 0, 4, 14, 30)
    expect(formatDateTime(ms, 'America/New_York')).toBe('2000-01-04 09:30')
    expect(formatDayLabel('2000-01-04')).toBe('Tue 2000-01-04')
    expect(formatShortDayLabel('2003-10-27')).toBe('Mon 10-27')
    expect(formatUtcStamp(ms)).toBe('2000-01-04 14:30 UTC')
    expect(formatLocalSpan('2003-10-27T22:00', '2003-10-28T06:00')).toBe('22:00–Tue 2003-10-28 06:00')
  })

  it('follows the team\'s style inside a request, and only there', async () => {
    const ms = Date.UTC(2000, 0, 4, 14, 30)
    const inside = await withDateStyle('mdy', async () => {
      await new Promise((r) => setTimeout(r, 1))
      return [formatDateTime(ms, 'America/New_York'), formatDayLabel('2000-01-04'), formatDateTime(ms + 6 * 3600_000, 'America/New_York')]
    })
    expect(inside).toEqual(['01/04/2000 9:30 AM', 'Tue 01/04/2000', '01/04/2000 3:30 PM'])
    expect(withDateStyle('dmy', () => formatDateTime(ms, 'Europe/London'))).toBe('04/01/2000 14:30')
    expect(formatDateTime(ms, 'Europe/London')).toBe('2000-01-04 14:30')
  })
})
