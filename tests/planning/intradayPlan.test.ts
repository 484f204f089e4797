import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { findQueueByName, openingHoursOf } from '../../src/db/queues.ts'
import { findSchedule, insertSchedule, publishSchedule, saveAgent } from '../../src/db/schedules.ts'
import { saveStaffingSettings } from '../../src/db/staffingSettings.ts'
import { insertSnapshot, snapshotOfQueueForecast } from '../../src/db/forecasts.ts'
import { forecastQueue } from '../../src/planning/queueForecast.ts'
import type { Queue } from '../../src/db/schema.ts'
import { ISRAEL_BANK_HOURS } from '../../src/demo/loadDemo.ts'
import { instantOf, todayView } from '../../src/planning/intradayPlan.ts'
import { generateQueueSchedule } from '../../src/planning/schedulePlan.ts'
import { DEFAULT_STAFFING_SETTINGS } from '../../src/planning/staffingPlan.ts'
import { buildRoster, type ShiftTemplate } from '../../src/scheduling/index.ts'

const ZONE = 'Asia/Jerusalem'
const TEMPLATES: ShiftTemplate[] = [
  { name: '8h', lengthMinutes: 480, earliestStart: '07:00', latestStart: '16:00', startStepMinutes: 60, costPerHour: 20, breaks: [{ name: 'lunch', lengthMinutes: 30, earliestAfterMinutes: 180, latestAfterMinutes: 300, paid: false }] },
  { name: '4h', lengthMinutes: 240, earliestStart: '07:00', latestStart: '20:00', startStepMinutes: 60, costPerHour: 22 },
]
// Real contacts of the Anonymous Bank's PS queue (January and October 1999), with waits and handle times.
const [header, ...lines] = readFileSync(new URL('../../data/demo/anon_bank_1999_contacts.csv', import.meta.url), 'utf8').trim().split('\n')
const ps = lines.filter((l) => l.split(',')[1] === 'PS')
const arrived = (l: string) => l.split(',')[3]

let dir: string
let db: Db
let queue: Queue
let publishedDayAhead: number[]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-intraday-plan-'))
  db = await createDb('file:' + join(dir, 'intraday.db'))
  await migrateDb(db)
  // History until Sunday 1999-10-24, the schedule for Monday 25 October made from it, then Monday's contacts arrive.
  writeFileSync(join(dir, 'before.csv'), [header, ...ps.filter((l) => arrived(l) < '1999-10-25')].join('\n') + '\n')
  await importFile(db, { kind: 'contacts', path: join(dir, 'before.csv'), fileName: 'before.csv', timeZone: ZONE })
  await db.client.execute({ sql: 'UPDATE queues SET opening_hours_json = ?', args: [JSON.stringify(ISRAEL_BANK_HOURS)] })
  queue = (await findQueueByName(db, 'PS'))!
  const generated = await generateQueueSchedule(db, queue, { ...DEFAULT_STAFFING_SETTINGS }, openingHoursOf(queue), TEMPLATES, { fromDateKey: '1999-10-25', toDateKey: '1999-10-25', inWorker: false, timeLimitSeconds: 30 })
  if (generated.result.status !== 'optimal' && generated.result.status !== 'feasible') throw new Error(`no schedule: ${generated.result.status}`)
  const id = await insertSchedule(db, queue.id, { snapshot: generated.snapshot, templates: generated.templates, result: generated.result })
  const draft = (await findSchedule(db, id))!
  await publishSchedule(db, id, buildRoster(draft.schedule, []), draft.version)
  await saveAgent(db, { name: 'Dana', contractedHoursPerWeek: 20, skillQueueIds: [queue.id] })
  // The day-ahead forecast published on Sunday evening (same-weekday mean of 4 weeks, with AHT).
  const dayAhead = await forecastQueue(db, queue, { fromDateKey: '1999-10-25', toDateKey: '1999-10-25', model: 'weekdayMean:k=4' })
  await insertSnapshot(db, snapshotOfQueueForecast(dayAhead, { name: 'Monday day-ahead', published: true, horizonAccuracy: null }))
  publishedDayAhead = dayAhead.intervals.map((i) => i.volume)
  writeFileSync(join(dir, 'monday.csv'), [header, ...ps.filter((l) => arrived(l).startsWith('1999-10-25'))].join('\n') + '\n')
  await importFile(db, { kind: 'contacts', path: join(dir, 'monday.csv'), fileName: 'monday.csv', timeZone: ZONE })
}, 180_000)

afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

describe('todayView: replaying Monday 1999-10-25 of the PS queue at 12:00', () => {
  it('counts only what had arrived by the clock, and the service level achieved from the waits', async () => {
    const view = await todayView(db, queue, instantOf('1999-10-25', '12:00', ZONE), { replay: true })
    const morning = ps.filter((l) => arrived(l) >= '1999-10-25T00:00' && arrived(l) < '1999-10-25T12:00')
    expect(view.totals.actualSoFar).toBe(morning.length)
    const answered = morning.filter((l) => l.split(',')[8] === 'answered' && l.split(',')[6] !== '')
    const within = answered.filter((l) => Number(l.split(',')[6]) <= 60)
    expect(view.totals.serviceLevelSoFar).toBeCloseTo(within.length / answered.length, 10)
    expect(view.lastDataLabel).toBe(morning.map(arrived).sort().at(-1)!.slice(11, 16))
    expect(view.feedLate).toBeNull()
    expect(view.closed).toHaveLength(24)
    expect(view.remaining).toHaveLength(24)
    expect(view.remaining[0].label).toBe('12:00')
    expect(view.trust.method).toBe('conditional')
    expect(view.dayAheadSource).toBe("the published forecast 'Monday day-ahead'")
    expect(view.closed.map((c) => c.dayAhead)).toEqual(publishedDayAhead.slice(0, 24))
    expect(view.remaining.map((r) => r.dayAhead)).toEqual(publishedDayAhead.slice(24))
    // The rest of the day's actual volume lies within the re-forecast's 95% band of the total.
    const rest = ps.filter((l) => arrived(l) >= '1999-10-25T12:00' && arrived(l) < '1999-10-26').length
    expect(rest).toBeGreaterThan(view.totals.reforecastRest * 0.7)
    expect(rest).toBeLessThan(view.totals.reforecastRest * 1.3)
  }, 60_000)

  it('compares the re-forecast\'s need with the published schedule per open interval; actions only where it falls short', async () => {
    const view = await todayView(db, queue, instantOf('1999-10-25', '12:00', ZONE), { replay: true })
    const open = view.remaining.filter((r) => r.agentsRequired !== null)
    expect(open).toHaveLength(24) // 12:00-24:00 on a Monday (Sunday-Thursday 07:00-24:00)
    for (const r of open) {
      expect(r.agentsScheduled).not.toBeNull()
      expect(r.shortfall).toBe(Math.max(0, Math.ceil(r.agentsRequired! - r.agentsScheduled! - 1e-9)))
    }
    expect(view.totals.shortIntervals).toBe(open.filter((r) => r.shortfall! > 0).length)
    expect(view.totals.shortIntervals).toBeLessThanOrEqual(2) // the schedule was made for this day's forecast
    expect(view.totals.serviceLevelRest).toBeGreaterThan(0.8)
    if (view.totals.shortIntervals === 0) expect(view.actions).toEqual([])
    else expect(view.actions.length).toBeGreaterThan(0)
  }, 60_000)

  it('against a stricter target (90% in 20 s) shows the shortfall and ranks actions by the service level they buy', async () => {
    await saveStaffingSettings(db, queue.id, { ...DEFAULT_STAFFING_SETTINGS, serviceLevelTarget: 0.9, answerWithinSeconds: 20 })
    try {
      const view = await todayView(db, queue, instantOf('1999-10-25', '12:00', ZONE), { replay: true })
      expect(view.totals.shortIntervals).toBeGreaterThan(0)
      expect(view.remaining.filter((r) => (r.shortfall ?? 0) > 0)).toHaveLength(view.totals.shortIntervals)
      expect(view.actions.length).toBeGreaterThan(2)
      expect(view.actions.some((a) => a.kind === 'call-in' && a.label.startsWith('Call in Dana (part-time, 20 h/week)'))).toBe(true)
      for (let i = 0; i < view.actions.length; i++) {
        const a = view.actions[i]
        expect(a.serviceLevelAfter).toBeGreaterThan(a.serviceLevelBefore)
        expect(a.serviceLevelBefore).toBeCloseTo(view.totals.serviceLevelRest!, 10)
        if (i > 0) expect(a.serviceLevelAfter).toBeLessThanOrEqual(view.actions[i - 1].serviceLevelAfter)
      }
    } finally {
      await saveStaffingSettings(db, queue.id, { ...DEFAULT_STAFFING_SETTINGS })
    }
  }, 60_000)

  it('says plainly that the feed is late when nothing has arrived for hours', async () => {
    const view = await todayView(db, queue, instantOf('1999-10-26', '11:00', ZONE), { replay: true })
    expect(view.feedLate).toMatch(/^The feed is late: the last data arrived at 1999-10-25 23:\d\d, 11 hours ago\. Intervals since then count as missing, not as zero\.$/)
    expect(view.closed.every((c) => c.actual === null)).toBe(true)
    expect(view.totals.reforecastRest).toBeGreaterThan(100)
  }, 60_000)
})

describe('todayView with the calendar per date', () => {
  it('needs nobody for the rest of a day closed from 14:00 by hand (the afternoon), and the morning need is unchanged', async () => {
    const { saveQueueDates, removeQueueDate } = await import('../../src/planning/queueCalendar.ts')
    const before = await todayView(db, queue, instantOf('1999-10-25', '12:00', ZONE), { replay: true })
    const hours = openingHoursOf(queue)[0]! // a Monday
    await saveQueueDates(db, queue, [{ dateKey: '1999-10-25', closed: false, openMinute: hours.openMinute, closeMinute: 14 * 60, reason: 'staff meeting' }], 'test')
    try {
      const after = await todayView(db, queue, instantOf('1999-10-25', '12:00', ZONE), { replay: true })
      const need = (v: typeof after, from: string, to: string) => v.remaining.filter((r) => r.label >= from && r.label < to).map((r) => r.agentsRequired ?? 0)
      expect(need(before, '14:00', '18:00').some((n) => n > 0)).toBe(true)
      expect(need(after, '14:00', '24:00').every((n) => n === 0)).toBe(true)
      expect(need(after, '12:00', '14:00')).toEqual(need(before, '12:00', '14:00'))
    } finally {
      await removeQueueDate(db, queue, '1999-10-25')
    }
  }, 60_000)
})
