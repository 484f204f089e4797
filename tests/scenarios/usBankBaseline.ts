/**
 * A baseline built from a real data slice: the US bank's calls (data/demo/bank_calls_30min.csv) of 20–26 October
 * 2003 taken as a seasonal-naive forecast of 27 October – 2 November 2003 (same weekday, same half-hour), with
 * bounds at ±10% (80%) and ±20% (95%) of it, a constant AHT of 300 s (the data has no handle times, as the app
 * assumes), the bank's opening hours (weekdays 07:00–21:00) and the default staffing settings.
 */
import { readFileSync } from 'node:fs'
import { DEFAULT_STAFFING_SETTINGS } from '../../src/planning/staffingPlan.ts'
import { intervalsBetweenDates } from '../../src/time/intervals.ts'
import { formatLocalIso } from '../../src/time/zones.ts'
import type { BaselineInterval, FrozenEvent, PlanInputs } from '../../src/scenarios/types.ts'

export const TIME_ZONE = 'America/New_York'
const WEEK_MS = 7 * 86_400_000

/** Calls per local start 'YYYY-MM-DDTHH:MM:SS' of the US bank. */
export function usBankCalls(): Map<string, number> {
  const lines = readFileSync(new URL('../../data/demo/bank_calls_30min.csv', import.meta.url), 'utf8').trim().split('\n').slice(1)
  return new Map(lines.map((l) => { const [t, v] = l.split(','); return [t, Number(v)] }))
}

export function usBankIntervals(fromDateKey = '2003-10-27', toDateKey = '2003-11-02'): BaselineInterval[] {
  const calls = usBankCalls()
  // Same local wall-clock time a week earlier (DST ended on 26 October 2003 in between, so not 7 × 24 h earlier).
  return intervalsBetweenDates(fromDateKey, toDateKey, TIME_ZONE, 30).map((startMs) => {
    const local = formatLocalIso(startMs, TIME_ZONE)
    const weekEarlier = new Date(Date.parse(local.slice(0, 10) + 'T00:00:00Z') - WEEK_MS).toISOString().slice(0, 10) + local.slice(10)
    const v = calls.get(weekEarlier) ?? 0
    return {
      startMs, baseVolume: v, baseLo80: v * 0.9, baseHi80: v * 1.1, baseLo95: v * 0.8, baseHi95: v * 1.2,
      volume: v, volumeLo80: v * 0.9, volumeHi80: v * 1.1, volumeLo95: v * 0.8, volumeHi95: v * 1.2, ahtSeconds: 300,
    }
  })
}

export const WEEKDAYS_7_TO_21 = [1, 2, 3, 4, 5].map(() => ({ openMinute: 420, closeMinute: 1260 })).concat([null, null] as never[]) as PlanInputs['openingHours']

export function usBankBaseline(overrides: Partial<PlanInputs> = {}): PlanInputs {
  return {
    queueId: 1, queueName: 'US bank', timeZone: TIME_ZONE, intervalMinutes: 30, fromDateKey: '2003-10-27', toDateKey: '2003-11-02',
    forecastSource: 'seasonal naive of 20–26 October 2003', volumeModel: 'seasonalNaive', aht: { kind: 'constant', seconds: 300, reason: 'no handle times' },
    intervals: usBankIntervals(), events: [], settings: { ...DEFAULT_STAFFING_SETTINGS }, costPerHour: 30, openingHours: WEEKDAYS_7_TO_21, coverage: null,
    ...overrides,
  }
}

/** A flat +20% promotion on Wednesday 29 October 2003 (local day). */
export const PROMOTION: FrozenEvent = {
  id: '7', name: 'Autumn promotion', type: 'promotion', startUtcMs: Date.parse('2003-10-29T05:00:00Z'), endUtcMs: Date.parse('2003-10-30T05:00:00Z'),
  timeZone: TIME_ZONE, kind: 'multiplier', value: 1.2, shape: { rampBeforeDays: 0, decayAfterDays: 0, delayDays: 0 },
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}
