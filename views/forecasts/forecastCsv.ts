/**
 * A forecast as CSV: one row per interval, the interval start in the queue's local time with its UTC offset.
 * Written by the one CSV writer (src/format/csv.ts): volumes are contacts per interval (2 decimals), AHT in seconds
 * (1 decimal).
 */
import { csvTable, csvTime, type CsvColumn } from '../../src/format/csv.ts'
import type { SnapshotIntervalInput } from '../../src/db/forecasts.ts'

const COLUMNS: CsvColumn[] = [
  { name: 'interval_start', unit: 'time', key: true },
  ...['volume_mean', 'volume_lo80', 'volume_hi80', 'volume_lo95', 'volume_hi95'].map((name) => ({ name, unit: 'count' as const })),
  ...['aht_mean_seconds', 'aht_lo80_seconds', 'aht_hi80_seconds'].map((name) => ({ name, unit: 'seconds' as const })),
]

export const FORECAST_CSV_HEADER = COLUMNS.map((c) => c.name).join(',')

/** A row of the CSV: the same shape as a stored snapshot interval. */
export type ForecastCsvRow = SnapshotIntervalInput

/** `2003-10-27T07:00:00-05:00,412.5,...`. */
export function forecastCsv(rows: readonly ForecastCsvRow[], timeZone: string): string {
  return csvTable(COLUMNS, rows.map((r) => [csvTime(r.startMs, timeZone), r.mean, r.lo80, r.hi80, r.lo95, r.hi95, r.ahtMeanSeconds, r.ahtLo80Seconds, r.ahtHi80Seconds]))
}
