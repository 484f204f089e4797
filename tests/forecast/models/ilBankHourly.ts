/** Test helper: the Israeli bank's 1999 series summed to hours, prepared with IL's public holidays kept out of learning. */
import { holidaySpecialDays, weekendOf } from '../../../src/events/holidaySpecialDays.ts'
import { publicHolidays } from '../../../src/events/holidays.ts'
import { prepareSeries } from '../../../src/forecast/prepareSeries.ts'
import { readSeries } from '../bankData.ts'

export function ilBankHourly1999(): ReturnType<typeof prepareSeries> {
  const raw = readSeries('anon_bank_1999_6min.csv')
  const hourly = new Map<string, number>()
  raw.timestamps.forEach((t, i) => hourly.set(t.slice(0, 13) + ':00:00', (hourly.get(t.slice(0, 13) + ':00:00') ?? 0) + raw.volumes[i]))
  return prepareSeries({
    timestamps: [...hourly.keys()], volumes: [...hourly.values()], futureTimestamps: ['2000-01-02T10:00:00'], timeZone: 'Asia/Jerusalem', intervalMinutes: 60,
    specialDays: holidaySpecialDays(publicHolidays('IL', [1999, 2000]), 'Asia/Jerusalem', weekendOf('IL')),
  })
}
