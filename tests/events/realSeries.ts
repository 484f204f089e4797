/** Test helper: the real series of ../shared/data (read-only) as UTC interval starts and volumes. */
import { readFileSync } from 'node:fs'
import { parseLocalIsoToUtcMs } from '../../src/time/zones.ts'
import { sumToLocalIntervals } from '../../src/events/eventBacktest.ts'

const DATA_DIR = new URL('../../../shared/data/', import.meta.url)

export const NEW_YORK = 'America/New_York'
export const JERUSALEM = 'Asia/Jerusalem'

/** bank_calls_30min.csv (US bank 2003, weekdays 07:00-20:30 starts, New York time). */
export function usBank30min(): { startMs: number[]; volumes: number[] } {
  const [, ...lines] = readFileSync(new URL('bank_calls_30min.csv', DATA_DIR), 'utf8').trim().split('\n')
  return { startMs: lines.map((l) => parseLocalIsoToUtcMs(l.slice(0, 19), NEW_YORK)), volumes: lines.map((l) => Number(l.slice(20))) }
}

/** anon_bank_1999_6min.csv (Israel 1999) summed to `intervalMinutes` in Asia/Jerusalem. */
export function israelBank(intervalMinutes: number): { startMs: number[]; volumes: number[] } {
  const [, ...lines] = readFileSync(new URL('anon_bank_1999_6min.csv', DATA_DIR), 'utf8').trim().split('\n')
  return sumToLocalIntervals(lines.map((l) => l.slice(0, 19)), lines.map((l) => Number(l.slice(20))), JERUSALEM, intervalMinutes)
}

export function at(localIso: string, zone: string): number {
  return parseLocalIsoToUtcMs(localIso, zone)
}
