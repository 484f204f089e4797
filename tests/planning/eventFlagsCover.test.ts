/**
 * Event flags compare the need with events against the cover planned: the published schedule where one covers the
 * interval (heads on shift net of breaks), the plan without events elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { findQueueByName, openingHoursOf } from '../../src/db/queues.ts'
import type { Queue } from '../../src/db/schema.ts'
import { US_BANK_HOURS } from '../../src/demo/loadDemo.ts'
import { DEFAULT_STAFFING_SETTINGS } from '../../src/planning/staffingPlan.ts'
import { generateQueueSchedule } from '../../src/planning/schedulePlan.ts'
import { findSchedule, insertSchedule, latestPublishedSchedule, publishSchedule, saveShiftTemplate } from '../../src/db/schedules.ts'
import { createEvent } from '../../src/db/events.ts'
import { flagsForQueue } from '../../src/planning/eventForecast.ts'
import { buildRoster, type ShiftTemplate } from '../../src/scheduling/index.ts'
import { parseLocalIsoToUtcMs } from '../../src/time/zones.ts'

const ZONE = 'America/New_York'
const TEMPLATES: ShiftTemplate[] = [
  { name: '8h', lengthMinutes: 480, earliestStart: '07:00', latestStart: '13:00', startStepMinutes: 30, costPerHour: 20 },
  { name: '4h', lengthMinutes: 240, earliestStart: '07:00', latestStart: '17:00', startStepMinutes: 30, costPerHour: 22 },
]

let dir: string
let db: Db
let usBank: Queue

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-flags-cover-'))
  db = await createDb('file:' + join(dir, 'flags.db'))
  await migrateDb(db)
  const bank = readFileSync(new URL('../../data/demo/bank_calls_30min.csv', import.meta.url), 'utf8').trim().split('\n')
  writeFileSync(join(dir, 'bank.csv'), bank.filter((l, i) => i === 0 || l >= '2003-09-01').join('\n') + '\n')
  await importFile(db, { kind: 'intervals', path: join(dir, 'bank.csv'), fileName: 'bank.csv', queueName: 'US bank', timeZone: ZONE })
  await db.client.execute({ sql: 'UPDATE queues SET opening_hours_json = ?', args: [JSON.stringify(US_BANK_HOURS)] })
  usBank = (await findQueueByName(db, 'US bank'))!
}, 120_000)

afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

describe('flags against the published schedule', () => {
  it('without a published schedule, the cover is the plan without events', async () => {
    const result = await flagsForQueue(db, usBank, { fromDateKey: '2003-10-27', toDateKey: '2003-10-28' })
    expect(result.coverSource).toBe('base plan (no published schedule covers these dates)')
  }, 60_000)

  it('uses the published schedule\'s heads on shift as the cover, so a promotion on a scheduled day is flagged against it', async () => {
    const generated = await generateQueueSchedule(db, usBank, { ...DEFAULT_STAFFING_SETTINGS }, openingHoursOf(usBank), TEMPLATES, {
      fromDateKey: '2003-10-27', toDateKey: '2003-10-27', inWorker: false, timeLimitSeconds: 60,
    })
    const solved = generated.result
    if (solved.status !== 'optimal' && solved.status !== 'feasible') throw new Error(`no schedule: ${solved.status}`)
    const id = await insertSchedule(db, usBank.id, { snapshot: generated.snapshot, templates: generated.templates, result: solved })
    const draft = (await findSchedule(db, id))!
    // Enough agents that every shift has one: the cover is the whole schedule.
    const team = Array.from({ length: 800 }, (_, i) => ({ name: `Agent ${i + 1}`, contractedHoursPerWeek: 40, skills: ['US bank'] }))
    const roster = buildRoster(draft.schedule, team)
    expect(roster.unassigned).toEqual([])
    await publishSchedule(db, id, roster, draft.version)
    const published = (await latestPublishedSchedule(db, usBank.id))!
    const scheduled = new Map(published.coverage.rows.map((r) => [r.startMs, r.agentsScheduled]))

    await createEvent(db, {
      queueId: usBank.id, type: 'promotion', name: 'Rate promotion', timeZone: ZONE,
      startUtcMs: parseLocalIsoToUtcMs('2003-10-27T07:00', ZONE), endUtcMs: parseLocalIsoToUtcMs('2003-10-27T21:00', ZONE),
      effect: { kind: 'multiplier', value: 1.5 }, shape: { rampBeforeDays: 0, decayAfterDays: 0, delayDays: 0 },
    })
    const result = await flagsForQueue(db, usBank, { fromDateKey: '2003-10-27', toDateKey: '2003-10-28' })
    expect(result.coverSource).toBe(`published schedule #${id} (its assigned shifts) where it applies, base plan elsewhere`)
    expect(result.forecast.warnings.join(' ')).toContain(`events changed since published schedule #${id} was made (on 2003-10-27)`)
    const monday = result.flags.intervals.filter((f) => f.dateKey === '2003-10-27')
    expect(monday.length).toBeGreaterThan(10) // +50% volume outruns a schedule built for the plain forecast
    for (const flag of monday) {
      expect(flag.coverAgents).toBe(scheduled.get(flag.startMs))
      expect(flag.needAgents).toBeGreaterThan(flag.coverAgents)
      expect(flag.shortfallAgents).toBeCloseTo(flag.needAgents - flag.coverAgents, 9)
    }
    expect(result.flags.intervals.filter((f) => f.dateKey === '2003-10-28')).toEqual([]) // no event on Tuesday
    expect(result.extraCover.size).toBe(0) // the queue has no shift templates saved: nothing to propose from
  }, 120_000)

  it('proposes the cheapest extra shifts from the queue\'s templates that close each flagged day\'s shortfall', async () => {
    for (const template of TEMPLATES) await saveShiftTemplate(db, usBank.id, template)
    const result = await flagsForQueue(db, usBank, { fromDateKey: '2003-10-27', toDateKey: '2003-10-28' })
    const monday = result.flags.intervals.filter((f) => f.dateKey === '2003-10-27')
    const extra = result.extraCover.get('2003-10-27')!
    expect(extra.shortAgentIntervals).toBe(0)
    // Every short interval gets at least its shortfall from the proposed shifts (no breaks in these templates).
    for (const flag of monday) {
      const at = Date.parse(flag.localStart + ':00Z')
      const heads = extra.shifts.filter((s) => { const from = Date.parse(s.start + ':00Z'); return from <= at && at < from + s.lengthMinutes * 60_000 }).reduce((n, s) => n + s.count, 0)
      expect(heads).toBeGreaterThanOrEqual(Math.ceil(flag.shortfallAgents - 1e-9))
    }
    const cost = extra.shifts.reduce((sum, s) => sum + s.count * (s.lengthMinutes / 60) * (s.templateName === '8h' ? 20 : 22), 0)
    expect(extra.cost).toBeCloseTo(cost, 6)
  }, 120_000)
})
