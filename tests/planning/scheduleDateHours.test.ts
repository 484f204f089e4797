/**
 * Schedule generation with the calendar per date on a real week: the US bank's calls (September–October 2003), the
 * queue's holiday country set to US so Veterans Day (Tue 11 November 2003) closes automatically, and Wednesday 12
 * cut to 07:00–13:00 by hand. Monday 10 to Wednesday 12 November is forecast, staffed and scheduled with HiGHS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { findQueueByName, openingHoursOf } from '../../src/db/queues.ts'
import { listDateHours, saveDateHours } from '../../src/db/dateHours.ts'
import { queueDateHoursBetween } from '../../src/planning/queueCalendar.ts'
import { US_BANK_HOURS } from '../../src/demo/loadDemo.ts'
import { DEFAULT_STAFFING_SETTINGS } from '../../src/planning/staffingPlan.ts'
import { generateQueueSchedule, type GeneratedSchedule } from '../../src/planning/schedulePlan.ts'
import type { ShiftTemplate } from '../../src/scheduling/index.ts'
import { insertSchedule } from '../../src/db/schedules.ts'
import { createApp } from '../../src/web/app.tsx'
import { signIn } from '../web/authHelper.ts'

const demo = (file: string) => new URL(`../../data/demo/${file}`, import.meta.url)
const TEMPLATES: ShiftTemplate[] = [
  { name: '8h', lengthMinutes: 480, earliestStart: '07:00', latestStart: '13:00', startStepMinutes: 60, costPerHour: 20, breaks: [{ name: 'lunch', lengthMinutes: 30, paid: false, earliestAfterMinutes: 180, latestAfterMinutes: 300 }] },
  // At least one 4h shift a day: without the calendar per date it would land on the holiday.
  { name: '4h', lengthMinutes: 240, earliestStart: '07:00', latestStart: '17:00', startStepMinutes: 60, costPerHour: 22, minCountPerDay: 1 },
]

let dir: string
let db: Db
let generated: GeneratedSchedule

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-date-hours-'))
  db = await createDb('file:' + join(dir, 'plan.db'))
  await migrateDb(db)
  const bank = readFileSync(demo('bank_calls_30min.csv'), 'utf8').trim().split('\n')
  writeFileSync(join(dir, 'bank.csv'), bank.filter((l, i) => i === 0 || l >= '2003-09-01').join('\n') + '\n')
  await importFile(db, { kind: 'intervals', path: join(dir, 'bank.csv'), fileName: 'bank.csv', queueName: 'US bank', timeZone: 'America/New_York' })
  await db.client.execute({ sql: "UPDATE queues SET opening_hours_json = ?, holiday_country = 'US'", args: [JSON.stringify(US_BANK_HOURS)] })
  const usBank = (await findQueueByName(db, 'US bank'))!
  await saveDateHours(db, usBank, [{ dateKey: '2003-11-12', closed: false, openMinute: 420, closeMinute: 780, reason: 'staff training from 13:00' }], 'test')
  generated = await generateQueueSchedule(db, usBank, { ...DEFAULT_STAFFING_SETTINGS }, openingHoursOf(usBank), TEMPLATES, {
    fromDateKey: '2003-11-10', toDateKey: '2003-11-12', inWorker: false, timeLimitSeconds: 60,
  })
}, 180_000)

afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

describe('a schedule over a holiday and a short day', () => {
  it('closes Veterans Day from the US calendar with no date stored (only the hand-set short day is)', async () => {
    const usBank = (await findQueueByName(db, 'US bank'))!
    expect(await listDateHours(db, usBank.id)).toMatchObject([{ dateKey: '2003-11-12', closed: false }])
    expect(await queueDateHoursBetween(db, usBank, '2003-11-10', '2003-11-12')).toEqual([
      { dateKey: '2003-11-11', closed: true, reason: 'Veterans Day' },
      expect.objectContaining({ dateKey: '2003-11-12', closed: false, openMinute: 420, closeMinute: 780, reason: 'staff training from 13:00' }),
    ])
  })

  it('asks for no one on the holiday and only 07:00–13:00 on the short day, keeping the dates with the schedule', () => {
    const { snapshot, plan } = generated
    const onDay = (d: string) => snapshot.intervals.filter((i) => i.start.startsWith(d))
    expect(onDay('2003-11-10')).toHaveLength(28) // 07:00-21:00
    expect(onDay('2003-11-11')).toHaveLength(0)
    expect(onDay('2003-11-12').map((i) => i.start.slice(11))).toEqual(['07:00', '07:30', '08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30'])
    expect(snapshot.dateHours?.map((d) => [d.dateKey, d.closed])).toEqual([['2003-11-11', true], ['2003-11-12', false]])
    // The plan itself (staffingPlan, the one place every page reads) has no need on the holiday and none after 13:00
    // on the short day, so nothing is reported as asked for while closed there.
    const needOn = (fromUtcHour: number, toUtcMs: number) => plan.intervals.filter((i) => i.startMs >= fromUtcHour && i.startMs < toUtcMs).reduce((s, i) => s + i.agentsScheduledExact / 2, 0)
    expect(needOn(Date.UTC(2003, 10, 11, 5), Date.UTC(2003, 10, 12, 5))).toBe(0)
    expect(needOn(Date.UTC(2003, 10, 12, 18), Date.UTC(2003, 10, 13, 5))).toBe(0) // 13:00 EST onwards
    expect(needOn(Date.UTC(2003, 10, 12, 12), Date.UTC(2003, 10, 12, 18))).toBeGreaterThan(10) // 07:00–13:00
    expect(plan.days.find((d) => d.dateKey === '2003-11-11')!.calendar).toEqual({ dateKey: '2003-11-11', closed: true, reason: 'Veterans Day' })
    expect(snapshot.closedAgentHours).toBe(0)
  })

  it('starts no shift on the holiday (not even the 4h minimum) and none on the short day after it closes', () => {
    const { result } = generated
    if (!('schedule' in result)) throw new Error(`no schedule: ${result.status}`)
    const starts = result.schedule.shifts.filter((s) => s.count > 0)
    expect(starts.filter((s) => s.start.startsWith('2003-11-11'))).toEqual([])
    expect(starts.filter((s) => s.start.startsWith('2003-11-12') && s.start.slice(11) >= '13:00')).toEqual([])
    expect(starts.filter((s) => s.start.startsWith('2003-11-10') && s.templateName === '4h').reduce((n, s) => n + s.count, 0)).toBeGreaterThanOrEqual(1)
    expect(starts.filter((s) => s.start.startsWith('2003-11-12')).length).toBeGreaterThan(0)
  })
})

describe('the schedule page', () => {
  it('says which dates of the range had their own hours', async () => {
    const { result, snapshot, templates } = generated
    if (!('schedule' in result)) throw new Error(`no schedule: ${result.status}`)
    const id = await insertSchedule(db, 1, { snapshot, templates, result })
    const viewer = await signIn(createApp({ db, uploadDir: join(dir, 'uploads') }), db, 'viewer')
    const page = await (await viewer.request(`/schedules/${id}`)).text()
    expect(/id="date-hours-note">([^<]*)</.exec(page)?.[1]).toBe('Calendar per date: 2003-11-11 closed (Veterans Day); 2003-11-12 open 07:00–13:00 (staff training from 13:00).')
  }, 60_000)
})
