import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createQueue } from '../../src/db/queues.ts'
import {
  copyScheduleAsDraft, deleteAgent, deleteSchedule, deleteShiftTemplate, findSchedule, insertSchedule, latestPublishedSchedule, listAgents,
  listRosterAgents, listSchedules, listShiftTemplates, mergeScheduledShifts, publishSchedule, replaceScheduleShifts, rosterOfRecord, saveAgent,
  saveShiftTemplate, ScheduleStoreError, shiftTemplateOf,
} from '../../src/db/schedules.ts'
import { US_BANK_HOURS } from '../../src/demo/loadDemo.ts'
import { scheduleCoverage, type RequirementSnapshot } from '../../src/planning/schedulePlan.ts'
import { assignedScheduleOf } from '../../src/planning/needCover.ts'
import { buildRoster, moveShifts, ScheduleInputError, solveSchedule, type ShiftTemplate, type SolvedSchedule } from '../../src/scheduling/index.ts'

const ZONE = 'America/New_York'
const EIGHT: ShiftTemplate = {
  name: '8h', lengthMinutes: 480, earliestStart: '07:00', latestStart: '13:00', startStepMinutes: 60, days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  breaks: [{ name: 'lunch', lengthMinutes: 30, paid: false, earliestAfterMinutes: 180, latestAfterMinutes: 300 }], costPerHour: 20, maxCountPerDay: 10,
}

/** Monday 2024-03-04, 07:00-21:00 in New York (EST, UTC-5): 2 agents 07:00-12:00, 3 to 17:00, 1 to 21:00. */
function snapshot(): RequirementSnapshot {
  const intervals = Array.from({ length: 28 }, (_, i) => {
    const minute = 7 * 60 + 30 * i
    const start = `2024-03-04T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
    const agentsToSchedule = minute < 12 * 60 ? 2 : minute < 17 * 60 ? 3 : 1
    return { startMs: Date.UTC(2024, 2, 4, 12) + 30 * 60_000 * i, start, agentsRequired: agentsToSchedule, agentsToSchedule, volume: 10 * agentsToSchedule, ahtSeconds: 120 }
  })
  return {
    queueName: 'Bank', timeZone: ZONE, intervalMinutes: 30, fromDateKey: '2024-03-04', toDateKey: '2024-03-04', shrinkageFraction: 0,
    model: { kind: 'erlang_c' }, targets: { serviceLevelTarget: 0.8, answerWithinSeconds: 60, asaTargetSeconds: null, maxOccupancy: null, maxAbandonFraction: null },
    openingHours: { mon: { open: '07:00', close: '21:00' } }, intervals, closedAgentHours: 0, repeatedLocalIntervals: 0,
  }
}

describe('schedules repository', () => {
  let db: Db
  let queueId: number
  let solved: SolvedSchedule
  const table = async (name: string) => (await db.client.execute(`SELECT * FROM ${name} ORDER BY id`)).rows.map((r) => JSON.stringify(r))

  beforeAll(async () => {
    db = await createDb(':memory:')
    await migrateDb(db)
    queueId = (await createQueue(db, { name: 'Bank', timeZone: ZONE, openingHours: US_BANK_HOURS })).id
    const s = snapshot()
    const result = await solveSchedule({ intervalMinutes: 30, intervals: s.intervals.map((i) => ({ start: i.start, agentsRequired: i.agentsToSchedule })) }, [{ ...EIGHT, queue: 'Bank' }], { openingHours: s.openingHours })
    if (result.status !== 'optimal') throw new Error('not solved: ' + result.status)
    solved = result
  })
  afterAll(() => db.client.close())
  beforeEach(async () => {
    for (const t of ['schedule_shifts', 'schedules', 'shift_templates', 'agents']) await db.client.execute(`DELETE FROM ${t}`)
  })

  it('saves, lists, edits (with a version) and deletes shift templates, keeping breaks, days and counts', async () => {
    const saved = await saveShiftTemplate(db, queueId, EIGHT)
    expect(saved.version).toBe(1)
    expect(shiftTemplateOf(saved)).toEqual({ ...EIGHT, minCountPerDay: 0 })
    const edited = await saveShiftTemplate(db, queueId, { ...EIGHT, lengthMinutes: 540 }, { id: saved.id, expectedVersion: 1 })
    expect([edited.version, edited.lengthMinutes]).toEqual([2, 540])
    await expect(saveShiftTemplate(db, queueId, { ...EIGHT, lengthMinutes: 600 }, { id: saved.id, expectedVersion: 1 }))
      .rejects.toThrow("'8h' was changed by someone else since you opened it (version 2, yours 1): reload and edit again")
    expect((await listShiftTemplates(db, queueId)).map((t) => [t.name, t.lengthMinutes])).toEqual([['8h', 540]])
    await deleteShiftTemplate(db, queueId, saved.id)
    expect(await listShiftTemplates(db, queueId)).toEqual([])
    await expect(deleteShiftTemplate(db, queueId, saved.id)).rejects.toThrow(ScheduleStoreError)
  })

  it('refuses invalid templates with a message naming the template, and writes nothing', async () => {
    await saveShiftTemplate(db, queueId, EIGHT)
    const before = await table('shift_templates')
    const attempts: [ShiftTemplate, string][] = [
      [{ ...EIGHT, name: 'zero', lengthMinutes: 0 }, "template 'zero', field lengthMinutes: a shift must last a positive whole number of minutes (zero-length shifts are not allowed), got 0"],
      [{ ...EIGHT, name: 'late lunch', breaks: [{ lengthMinutes: 30, paid: false, earliestAfterMinutes: 180, latestAfterMinutes: 470 }] }, "template 'late lunch', field breaks[0].latestAfterMinutes: the break window is outside the shift: a 30-min break starting 470 min in ends after the 480-min shift"],
      [{ ...EIGHT }, "template '8h', field name: two templates have this name; names must be unique"],
      [{ ...EIGHT, name: 'night', earliestStart: '22:00', latestStart: '23:00' }, "template 'night', field earliestStart: no allowed start (22:00-23:00) lets the 480-min shift fit within the opening hours on any of its days (mon, tue, wed, thu, fri)"],
    ]
    for (const [template, message] of attempts) {
      const error = await saveShiftTemplate(db, queueId, template).catch((e) => e)
      expect(error).toBeInstanceOf(ScheduleInputError)
      expect(error.message).toBe(message)
    }
    expect(await table('shift_templates')).toEqual(before)
    await expect(saveShiftTemplate(db, 9999, EIGHT)).rejects.toThrow('unknown queue (id 9999)')
  })

  it('saves agents with availability, skills (queue ids) and days-off rules, and gives them to the roster by queue name', async () => {
    const ana = await saveAgent(db, { name: 'Ana', contractedHoursPerWeek: 40, skillQueueIds: [queueId], availability: [{ day: 'mon', from: '07:00', to: '21:00' }], minConsecutiveDaysOff: 2, maxDaysPerWeek: 5 })
    expect(await listRosterAgents(db)).toEqual([{ name: 'Ana', contractedHoursPerWeek: 40, skills: ['Bank'], availability: [{ day: 'mon', from: '07:00', to: '21:00' }], maxDaysPerWeek: 5, minConsecutiveDaysOff: 2 }])
    const edited = await saveAgent(db, { name: 'Ana', contractedHoursPerWeek: 32, skillQueueIds: [queueId] }, { id: ana.id, expectedVersion: 1 })
    expect([edited.version, edited.contractedHoursPerWeek, edited.availability]).toEqual([2, 32, undefined])
    const before = await table('agents')
    await expect(saveAgent(db, { name: 'Ana', contractedHoursPerWeek: 20, skillQueueIds: [] })).rejects.toThrow("an agent named 'Ana' already exists; names must be unique")
    await expect(saveAgent(db, { name: 'Ben', contractedHoursPerWeek: -4, skillQueueIds: [] })).rejects.toThrow("(agents), field agents[0].contractedHoursPerWeek: 'Ben': must be a number >= 0, got -4")
    await expect(saveAgent(db, { name: 'Ben', contractedHoursPerWeek: 40, skillQueueIds: [], availability: [{ day: 'mon', from: '18:00', to: '09:00' }] })).rejects.toThrow('ends (09:00) at or before it starts (18:00)')
    await expect(saveAgent(db, { name: 'Ben', contractedHoursPerWeek: 40, skillQueueIds: [777] })).rejects.toThrow("unknown queue (id 777) among the skills of 'Ben'")
    expect(await table('agents')).toEqual(before)
    await deleteAgent(db, ana.id)
    expect(await listAgents(db)).toEqual([])
  })

  it('round-trips a solved schedule: shifts with breaks, solver status, gap and the requirement snapshot', async () => {
    const id = await insertSchedule(db, queueId, { snapshot: snapshot(), templates: [EIGHT], result: solved })
    const record = (await findSchedule(db, id))!
    expect(record.schedule).toEqual(solved.schedule)
    expect(record.snapshot).toEqual(snapshot())
    expect(record.templates).toEqual([EIGHT])
    expect([record.status, record.solverStatus, record.gap, record.paidAgentHours, record.assignments]).toEqual(['draft', 'optimal', solved.gap, solved.paidAgentHours, null])
    // 3 agents from 07:00-12:00 are needed with lunch breaks: the UTC start of the first shift is 12:00Z (EST)
    const [first] = (await db.client.execute('SELECT start_local, start_ms FROM schedule_shifts ORDER BY start_ms LIMIT 1')).rows
    expect([first.start_local, Number(first.start_ms)]).toEqual(['2024-03-04T07:00', Date.UTC(2024, 2, 4, 12)])
    expect((await listSchedules(db, queueId)).map((s) => s.id)).toEqual([id])
  })

  it('replaces the shifts of a draft after an edit, refusing a stale version', async () => {
    const id = await insertSchedule(db, queueId, { snapshot: snapshot(), templates: [EIGHT], result: solved })
    const record = (await findSchedule(db, id))!
    const moved = moveShifts(record.schedule, { templateName: '8h', start: record.schedule.shifts[0].start }, '2024-03-04T08:00')
    const after = await replaceScheduleShifts(db, id, moved, record.version)
    expect(after.schedule).toEqual(moved)
    expect([after.version, after.editCount]).toEqual([2, 1])
    await expect(replaceScheduleShifts(db, id, record.schedule, record.version)).rejects.toThrow(`schedule ${id} was changed meanwhile (version 2, yours 1): reload and try again`)
    expect((await findSchedule(db, id))!.schedule).toEqual(moved)
  })

  it('publishes with the roster frozen per agent; latestPublishedSchedule gives its shifts and coverage per UTC interval', async () => {
    expect(await latestPublishedSchedule(db, queueId)).toBeNull()
    const ana = { name: 'Ana', contractedHoursPerWeek: 40, skillQueueIds: [queueId] }
    await saveAgent(db, ana)
    await saveAgent(db, { ...ana, name: 'Ben' })
    const id = await insertSchedule(db, queueId, { snapshot: snapshot(), templates: [EIGHT], result: solved })
    const draft = (await findSchedule(db, id))!
    const roster = buildRoster(draft.schedule, await listRosterAgents(db))
    const published = await publishSchedule(db, id, roster, draft.version)
    expect(published.status).toBe('published')
    expect(published.schedule).toEqual(draft.schedule) // the per-agent rows merge back into the same schedule
    expect(published.assignments!.filter((a) => a.agent).map((a) => a.agent)).toEqual(['Ana', 'Ben'])
    expect(rosterOfRecord(published, await listRosterAgents(db)).assignments.map((a) => [a.agent, a.shift.start])).toEqual(roster.assignments.map((a) => [a.agent, a.shift.start]))
    await expect(replaceScheduleShifts(db, id, draft.schedule)).rejects.toThrow(`schedule ${id} is published and is not edited: copy it to a new draft to change it`)

    const latest = (await latestPublishedSchedule(db, queueId))!
    expect(latest.record.id).toBe(id)
    expect(latest.coverage.rows).toHaveLength(28)
    expect(latest.coverage.rows[0].startMs).toBe(Date.UTC(2024, 2, 4, 12))
    // Only the shifts with an agent are cover: two agents take two shifts; the rest are stored with why nobody took them.
    const assigned = scheduleCoverage(draft.snapshot, assignedScheduleOf(roster))
    expect(latest.coverage.rows.map((r) => r.agentsScheduled)).toEqual(assigned.rows.map((r) => r.agentsScheduled))
    expect(latest.coverage.totals.paidAgentHours).toBe(roster.assignments.reduce((h, a) => h + a.shift.paidMinutes / 60, 0))
    expect(roster.unassigned.length).toBeGreaterThan(0)
    expect(latest.coverage.totals.underCoverAgentHours).toBeGreaterThan(0)
    const frozen = rosterOfRecord(latest.record, await listRosterAgents(db))
    expect(frozen.unassigned.map((u) => u.reason)).toEqual(roster.unassigned.map((u) => u.reason))

    const copy = await copyScheduleAsDraft(db, id)
    expect((await findSchedule(db, copy))!).toMatchObject({ status: 'draft', schedule: draft.schedule, version: 1 })
    expect((await latestPublishedSchedule(db, queueId))!.record.id).toBe(id) // drafts are not what flags compare against
    await deleteSchedule(db, copy)
    expect(await findSchedule(db, copy)).toBeUndefined()
  })

  it('merges shifts of the same template and start', () => {
    const one = { templateName: '8h', start: '2024-03-04T07:00', lengthMinutes: 480, paidMinutes: 450, count: 1, breaks: [{ breakIndex: 0, name: 'lunch', offsetMinutes: 180, lengthMinutes: 30, paid: false, count: 1 }] }
    const other = { ...one, breaks: [{ ...one.breaks[0], offsetMinutes: 210 }] }
    expect(mergeScheduledShifts([one, other, one])).toEqual({ shifts: [{ ...one, count: 3, breaks: [{ ...one.breaks[0], count: 2 }, { ...one.breaks[0], offsetMinutes: 210, count: 1 }] }] })
  })
})
