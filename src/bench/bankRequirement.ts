/**
 * The four-week Anonymous Bank requirement (1999-10-01 .. 10-28 of ../shared/data/anon_bank_1999_10_30min.csv,
 * square-root staffing n = A + sqrt(A), A = volume x aht_seconds / 1800, inside the centre's opening hours
 * Sun-Thu 07:00-24:00, Fri 07:00-14:00, Sat 19:00-24:00) and the benchmark's three shift lengths with breaks.
 * Shared by the scheduling and roster benchmarks and their tests.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { OpeningHours } from '../scheduling/openingHours.ts'
import type { RequirementInterval } from '../scheduling/requirement.ts'
import type { ShiftTemplate } from '../scheduling/shiftTemplates.ts'

const DATA = fileURLToPath(new URL('../../../shared/data/anon_bank_1999_10_30min.csv', import.meta.url))
const WEEKDAY = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const

export const benchOpeningHours: OpeningHours = {
  sun: { open: '07:00', close: '24:00' }, mon: { open: '07:00', close: '24:00' }, tue: { open: '07:00', close: '24:00' },
  wed: { open: '07:00', close: '24:00' }, thu: { open: '07:00', close: '24:00' }, fri: { open: '07:00', close: '14:00' },
  sat: { open: '19:00', close: '24:00' },
}

export const benchTemplates: ShiftTemplate[] = [
  {
    name: '9h', lengthMinutes: 540, earliestStart: '07:00', latestStart: '15:00', startStepMinutes: 30,
    breaks: [
      { name: 'morning break', lengthMinutes: 15, paid: true, earliestAfterMinutes: 90, latestAfterMinutes: 150 },
      { name: 'lunch', lengthMinutes: 30, paid: false, earliestAfterMinutes: 210, latestAfterMinutes: 300 },
      { name: 'afternoon break', lengthMinutes: 15, paid: true, earliestAfterMinutes: 360, latestAfterMinutes: 450 },
    ],
  },
  { name: '6h', lengthMinutes: 360, earliestStart: '07:00', latestStart: '18:00', startStepMinutes: 30, breaks: [{ lengthMinutes: 15, paid: true, earliestAfterMinutes: 120, latestAfterMinutes: 210 }] },
  { name: '4h', lengthMinutes: 240, earliestStart: '07:00', latestStart: '20:00', startStepMinutes: 30 },
]

function isOpen(start: string): boolean {
  const hours = benchOpeningHours[WEEKDAY[new Date(start + ':00Z').getUTCDay()]]
  const clock = start.slice(11, 16)
  return !!hours && clock >= hours.open && (hours.close === '24:00' || clock < hours.close)
}

/** Four weeks of requirement from the October 1999 file, open intervals only. */
export function benchRequirement(): RequirementInterval[] {
  const rows = readFileSync(DATA, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','))
  const handled = rows.filter((r) => r[4] !== '').map((r) => Number(r[4]))
  const meanAhtSeconds = handled.reduce((s, v) => s + v, 0) / handled.length
  return rows
    .filter((r) => r[0] < '1999-10-29' && isOpen(r[0].slice(0, 16)))
    .map((r) => {
      const offeredLoadErlangs = (Number(r[1]) * (r[4] === '' ? meanAhtSeconds : Number(r[4]))) / 1800
      return { start: r[0].slice(0, 16), agentsRequired: offeredLoadErlangs > 0 ? Math.round((offeredLoadErlangs + Math.sqrt(offeredLoadErlangs)) * 100) / 100 : 0 }
    })
}
