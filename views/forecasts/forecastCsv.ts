/** A forecast as CSV: one row per interval, the interval start in the queue's local time with its UTC offset. */
import { formatLocalIso, formatOffset } from '../../src/time/zones.ts'
import type { SnapshotIntervalInput } from '../../src/db/forecasts.ts'

export const FORECAST_CSV_HEADER = 'interval_start,mean,lo80,hi80,lo95,hi95,aht_mean,aht_lo80,aht_hi80'

/** A row of the CSV: the same shape as a stored snapshot interval. */
export type ForecastCsvRow = SnapshotIntervalInput

function cell(value: number): string {
  return String(Math.round(value * 1000) / 1000)
}

/** `2003-10-27T07:00:00-05:00,412.5,...`: volumes in contacts per interval, AHT in seconds, 3 decimals at most. */
export function forecastCsv(rows: readonly ForecastCsvRow[], timeZone: string): string {
  const lines = [FORECAST_CSV_HEADER]
  for (const r of rows) {
    lines.push([
      formatLocalIso(r.startMs, timeZone) + formatOffset(r.startMs, timeZone),
      cell(r.mean), cell(r.lo80), cell(r.hi80), cell(r.lo95), cell(r.hi95), cell(r.ahtMeanSeconds), cell(r.ahtLo80Seconds), cell(r.ahtHi80Seconds),
    ].join(','))
  }
  return lines.join('\n') + '\n'
}
