import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { ALWAYS_OPEN, findQueueByName, openingHoursOf } from '../../src/db/queues.ts'
import type { Queue } from '../../src/db/schema.ts'
import { US_BANK_HOURS } from '../../src/demo/loadDemo.ts'
import { DEFAULT_STAFFING_SETTINGS, planQueueStaffing } from '../../src/planning/staffingPlan.ts'
import {
  expectedServiceWithScheduled, generateQueueSchedule, requirementOf, requirementSnapshotOf, rosterFromAssignments, scheduleCoverage,
  scheduleShiftCost, schedulingOpeningHoursOf, type GeneratedSchedule, type RequirementSnapshot,
} from '../../src/planning/schedulePlan.ts'
import { ScheduleInputError, type ShiftTemplate } from '../../src/scheduling/index.ts'
import { serviceAtAgents } from '../../src/staffing/index.ts'

const demo = (file: string) => new URL(`../../data/demo/${file}`, import.meta.url)

/** An 8-h shift with an unpaid 30-min lunch 3-5 h in and a paid 15-min break 6-7 h in, and a 4-h part-time shift. */
const TEMPLATES: ShiftTemplate[] = [
  {
    name: '8h', lengthMinutes: 480, earliestStart: '07:00', latestStart: '13:00', startStepMinutes: 30, costPerHour: 20,
    breaks: [
      { name: 'lunch', lengthMinutes: 30, paid: false, earliestAfterMinutes: 180, latestAfterMinutes: 300 },
      { name: 'break', lengthMinutes: 15, paid: true, earliestAfterMinutes: 360, latestAfterMinutes: 420, startStepMinutes: 15 },
    ],
  },
  { name: '4h', lengthMinutes: 240, earliestStart: '07:00', latestStart: '17:00', startStepMinutes: 30, costPerHour: 22 },
]

let dir: string
let db: Db
let usBank: Queue
/** US bank (2003 calls from September on), Monday 27 and Tuesday 28 October 2003, default settings. */
let generated: GeneratedSchedule

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-schedule-plan-'))
  db = await createDb('file:' + join(dir, 'plan.db'))
  await migrateDb(db)
  const bank = readFileSync(demo('bank_calls_30min.csv'), 'utf8').trim().split('\n')
  writeFileSync(join(dir, 'bank.csv'), bank.filter((l, i) => i === 0 || l >= '2003-09-01').join('\n') + '\n')
  await importFile(db, { kind: 'intervals', path: join(dir, 'bank.csv'), fileName: 'bank.csv', queueName: 'US bank', timeZone: 'America/New_York' })
  await db.client.execute({ sql: 'UPDATE queues SET opening_hours_json = ?', args: [JSON.stringify(US_BANK_HOURS)] })
  usBank = (await findQueueByName(db, 'US bank'))!
  generated = await generateQueueSchedule(db, usBank, { ...DEFAULT_STAFFING_SETTINGS }, openingHoursOf(usBank), TEMPLATES, {
    fromDateKey: '2003-10-27', toDateKey: '2003-10-28', inWorker: false, timeLimitSeconds: 60,
  })
}, 120_000)

afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

describe('the requirement of a schedule', () => {
  it('is the plan\'s heads to schedule (required / (1 - shrinkage)) on the open intervals, in local time', () => {
    const { snapshot, plan } = generated
    expect(snapshot.intervals).toHaveLength(2 * 28) // 07:00-21:00, 30-min intervals, two weekdays
    expect(snapshot.intervals[0].start).toBe('2003-10-27T07:00')
    expect(snapshot.intervals[0].startMs).toBe(Date.UTC(2003, 9, 27, 12, 0)) // EST = UTC-5
    expect(snapshot.intervals.at(-1)!.start).toBe('2003-10-28T20:30')
    const planAt = (ms: number) => plan.intervals.find((i) => i.startMs === ms)!
    for (const i of snapshot.intervals) {
      expect(i.agentsToSchedule).toBeCloseTo(planAt(i.startMs).agentsRequired / 0.7, 9)
      expect(i.agentsRequired).toBe(planAt(i.startMs).agentsRequired)
    }
    const closedPlanHours = plan.intervals.filter((i) => !snapshot.intervals.some((s) => s.startMs === i.startMs)).reduce((s, i) => s + i.agentsScheduledExact / 2, 0)
    expect(snapshot.closedAgentHours).toBeCloseTo(closedPlanHours, 9)
    expect(requirementOf(snapshot).intervals[5]).toEqual({ start: '2003-10-27T09:30', agentsRequired: snapshot.intervals[5].agentsToSchedule })
    expect(schedulingOpeningHoursOf(US_BANK_HOURS)).toEqual({
      mon: { open: '07:00', close: '21:00' }, tue: { open: '07:00', close: '21:00' }, wed: { open: '07:00', close: '21:00' },
      thu: { open: '07:00', close: '21:00' }, fri: { open: '07:00', close: '21:00' }, sat: null, sun: null,
    })
  })

  it('merges the repeated local hour of a DST fall-back day (2003-10-26 in New York has 25 hours)', async () => {
    const { plan } = await planQueueStaffing(db, usBank, { ...DEFAULT_STAFFING_SETTINGS }, { fromDateKey: '2003-10-26', toDateKey: '2003-10-26' })
    expect(plan.intervals).toHaveLength(50)
    const snapshot = requirementSnapshotOf(plan, ALWAYS_OPEN)
    expect(snapshot.intervals).toHaveLength(48)
    expect(snapshot.repeatedLocalIntervals).toBe(2)
    expect(new Set(snapshot.intervals.map((i) => i.start)).size).toBe(48)
    expect(requirementSnapshotOf(plan, US_BANK_HOURS).intervals).toEqual([]) // a Sunday: closed
    expect(() => requirementOf(requirementSnapshotOf(plan, US_BANK_HOURS))).toThrow("the queue 'US bank' is closed on every day from 2003-10-26 to 2003-10-26: there is nothing to schedule")
  })
})

describe('generateQueueSchedule on a real slice (US bank, two weekdays)', () => {
  it('covers the requirement in every interval at a reported optimality gap of at most 1%', () => {
    const { result, snapshot } = generated
    expect(result.status === 'optimal' || result.status === 'feasible').toBe(true)
    if (!('schedule' in result)) throw new Error('no schedule')
    expect(result.gap).toBeGreaterThanOrEqual(0)
    expect(result.gap).toBeLessThanOrEqual(0.01)
    const coverage = scheduleCoverage(snapshot, result.schedule)
    // every open interval is reachable by some allowed shift, so none is short
    for (const row of coverage.rows) expect(row.agentsScheduled).toBeGreaterThanOrEqual(row.agentsRequired - 1e-9)
    expect(coverage.totals.shortAgentIntervals).toBe(0)
    expect(coverage.totals.paidAgentHours).toBeCloseTo(result.paidAgentHours, 6)
    expect(scheduleShiftCost(result.schedule, generated.templates)).toBeCloseTo(result.shiftCost, 6)
    // cost >= cost per hour x required agent-hours (no shift is cheaper than 20 per hour, breaks only add)
    expect(result.shiftCost).toBeGreaterThanOrEqual(20 * coverage.totals.requiredAgentHours - 1e-6)
    // the templates carry the queue as the skill rostering needs
    expect(result.schedule.shifts.every((s) => s.queue === 'US bank')).toBe(true)
    expect(coverage.days.map((d) => d.dateKey)).toEqual(['2003-10-27', '2003-10-28'])
  })

  it('expects at least the target service level wherever the scheduled heads cover the requirement', () => {
    if (!('schedule' in generated.result)) throw new Error('no schedule')
    const coverage = scheduleCoverage(generated.snapshot, generated.result.schedule)
    for (const row of coverage.rows) {
      if (row.volume > 0) expect(row.serviceLevel).toBeGreaterThanOrEqual(0.8 - 1e-9)
      expect(row.productiveAgents).toBeCloseTo(row.agentsScheduled * 0.7, 9)
    }
    expect(coverage.totals.expectedServiceLevel!).toBeGreaterThan(0.8)
  })

  it('names the template when the templates cannot cover the open hours, and solves nothing', async () => {
    const late: ShiftTemplate[] = [{ name: 'late', lengthMinutes: 240, earliestStart: '12:00', latestStart: '17:00', startStepMinutes: 60 }]
    const attempt = generateQueueSchedule(db, usBank, { ...DEFAULT_STAFFING_SETTINGS }, openingHoursOf(usBank), late, { fromDateKey: '2003-10-27', toDateKey: '2003-10-27', inWorker: false })
    await expect(attempt).rejects.toThrow(ScheduleInputError)
    await expect(attempt).rejects.toThrow("template 'late', field openingHours: the shifts cannot cover the open hours on mon (07:00-21:00): no allowed shift covers 07:00-12:00")
  })
})

describe('service with the scheduled agents', () => {
  const snapshot: RequirementSnapshot = {
    queueName: 'Q', timeZone: 'UTC', intervalMinutes: 30, fromDateKey: '2024-03-04', toDateKey: '2024-03-04', shrinkageFraction: 0.3,
    model: { kind: 'erlang_c' }, targets: { serviceLevelTarget: 0.8, answerWithinSeconds: 20, asaTargetSeconds: null, maxOccupancy: null, maxAbandonFraction: null },
    openingHours: {}, closedAgentHours: 0, repeatedLocalIntervals: 0,
    intervals: [
      { startMs: 0, start: '2024-03-04T09:00', agentsRequired: 7, agentsToSchedule: 10, volume: 100, ahtSeconds: 60 },
      { startMs: 1, start: '2024-03-04T09:30', agentsRequired: 7, agentsToSchedule: 10, volume: 100, ahtSeconds: 60 },
      { startMs: 2, start: '2024-03-04T10:00', agentsRequired: 0, agentsToSchedule: 0, volume: 0, ahtSeconds: 60 },
    ],
  }
  const workload = { volume: 100, ahtSeconds: 60, intervalSeconds: 1800 }

  it('takes scheduled x (1 - shrinkage) as the productive agents, mixing whole-agent measures for a fraction', () => {
    const [whole, fractional, idle] = expectedServiceWithScheduled(snapshot, [10, 10.5, 0])
    expect(whole.productiveAgents).toBe(7)
    expect(whole.serviceLevel).toBeCloseTo(serviceAtAgents(7, workload, { kind: 'erlang_c' }, 20).serviceLevel, 12)
    // 10.5 heads x 0.7 = 7.35 productive: 0.65 of SL(7) + 0.35 of SL(8)
    const sl7 = serviceAtAgents(7, workload, { kind: 'erlang_c' }, 20).serviceLevel
    const sl8 = serviceAtAgents(8, workload, { kind: 'erlang_c' }, 20).serviceLevel
    expect(fractional.productiveAgents).toBeCloseTo(7.35, 12)
    expect(fractional.serviceLevel).toBeCloseTo(0.65 * sl7 + 0.35 * sl8, 12)
    expect(idle.serviceLevel).toBe(1) // no volume
  })

  it('reports zero service and an unbounded ASA where the scheduled agents cannot carry the load', () => {
    // 100 contacts x 60 s in 30 min = 3.33 erlangs; 4 heads x 0.7 = 2.8 productive agents
    const [short] = expectedServiceWithScheduled(snapshot, [4, 10, 0])
    expect(short.serviceLevel).toBe(0)
    expect(short.asaSeconds).toBe(Infinity)
  })

  it('rejects a count per interval that does not match', () => {
    expect(() => expectedServiceWithScheduled(snapshot, [1, 2])).toThrow('scheduledAgents has 2 values for 3 intervals')
    expect(() => expectedServiceWithScheduled(snapshot, [1, -2, 0])).toThrow('scheduledAgents[1] must be >= 0, got -2')
  })

  it('rebuilds a published roster from the frozen assignments, week by week', () => {
    const shift = (start: string) => ({ templateName: '8h', start, lengthMinutes: 480, paidMinutes: 450, count: 1, breaks: [{ breakIndex: 0, name: 'lunch', offsetMinutes: 240, lengthMinutes: 30, paid: false, count: 1 }] })
    const roster = rosterFromAssignments([
      { agent: 'Ana', schedule: { shifts: [shift('2024-03-04T08:00'), shift('2024-03-09T08:00')] } },
      { agent: null, schedule: { shifts: [shift('2024-03-05T08:00')] } },
    ], new Map([['Ana', 40], ['Ben', 20]]))
    expect(roster.assignments.map((a) => [a.agent, a.shift.start, a.shift.breaks[0].start])).toEqual([['Ana', '2024-03-04T08:00', '2024-03-04T12:00'], ['Ana', '2024-03-09T08:00', '2024-03-09T12:00']])
    expect(roster.unassigned.map((u) => u.shift.start)).toEqual(['2024-03-05T08:00'])
    expect(roster.weeks.map((w) => [w.agent, w.weekStart, w.paidHours, w.daysWorked, w.undesirableShifts, w.contractedHours])).toEqual([['Ana', '2024-03-04', 15, 2, 1, 40], ['Ben', '2024-03-04', 0, 0, 0, 20]])
  })
})
