/**
 * One source of bounds (issue 15): the API's row checks, its OpenAPI document, the forms and the command line read their
 * figures and words from src/schemas. Each is checked exactly at the bound (accepted) and just past it (refused
 * with the schema's own message naming the field in the user's words), and a bound changed in src/schemas moves
 * the API's refusal with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createApp } from '../../src/web/app.tsx'
import { createApiToken } from '../../src/db/apiTokens.ts'
import { runCli } from '../../src/cli/main.ts'
import { memoryIo } from '../../src/cli/io.ts'
import { numberProblem, textProblem } from '../../src/schemas/bounds.ts'
import { CONTACT_ROW, INTERVAL_ROW, ROWS_PER_REQUEST } from '../../src/schemas/rows.ts'
import { QUEUE_NAME } from '../../src/schemas/queues.ts'
import { ContactRecordSchema } from '../../src/imports/apiRows.ts'
import { CAPACITY_WEEKS, ROSTER_TIME_LIMIT_SECONDS, SHIFT_EDIT_COUNT, SOLVER_GAP_FRACTION, SOLVER_GAP_PERCENT, SOLVER_TIME_LIMIT_SECONDS } from '../../src/schemas/solver.ts'
import { BASELINE_COST_PER_HOUR, SWEEP_BOUNDS, SWEEP_POINTS, sweepEndBound } from '../../src/schemas/scenarios.ts'
import { KPI_THRESHOLD_SECONDS, MODEL_NAME, SIMULATION_RUNS } from '../../src/schemas/queryParams.ts'
import { formSchema as forecastFormSchema } from '../../src/web/forms/forecasts.ts'
import { runsOf } from '../../src/web/forms/staffing.ts'
import { signIn } from '../web/authHelper.ts'
import { editedSchedule, generateFormProblems } from '../../src/web/forms/schedules.ts'
import { freezeFormProblems, sweepSpecOf } from '../../src/web/forms/scenarios.ts'
import type { ScheduleRecord } from '../../src/db/schedules.ts'

let dir: string
let db: Db
let app: ReturnType<typeof createApp>
let token: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-onesource-'))
  db = await createDb('file:' + join(dir, 'one.db'))
  await migrateDb(db)
  app = createApp({ db, uploadDir: join(dir, 'uploads') })
  token = (await createApiToken(db, { name: 'feed', role: 'scheduler', createdBy: 'test' })).secret
})
afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

const send = (path: string, rows: unknown[]) => app.request(path, { method: 'POST', body: JSON.stringify(rows), headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } })
const contact = (extra: Record<string, unknown>) => ({ contactId: `c-${Math.random()}`, queue: 'Bounds', arrivedAt: '2025-06-02T09:15:00Z', ...extra })
const interval = (extra: Record<string, unknown>) => ({ queue: 'Bounds', intervalStart: '2025-06-02T09:00:00Z', intervalMinutes: 30, offered: 10, ...extra })

describe('the API reads its row bounds from src/schemas', () => {
  it('takes each number at its bound and refuses it just past, with the schema\'s message naming the field', async () => {
    const cases: [string, 'contacts' | 'intervals', string, { min: number; max: number; label: string; integer?: boolean; unit?: string }][] = [
      ['handle time', 'contacts', 'handleSeconds', CONTACT_ROW.handleSeconds],
      ['wait', 'contacts', 'waitSeconds', CONTACT_ROW.waitSeconds],
      ['NPS', 'contacts', 'nps', CONTACT_ROW.nps],
      ['offered', 'intervals', 'offered', INTERVAL_ROW.offered],
      ['AHT', 'intervals', 'ahtSeconds', INTERVAL_ROW.ahtSeconds],
    ]
    for (const [, kind, field, bound] of cases) {
      const row = (value: number) => (kind === 'contacts' ? contact({ [field]: value }) : interval({ [field]: value }))
      const atBound = await send(`/api/v1/${kind}`, [row(bound.max)])
      expect(atBound.status, `${field} = ${bound.max}`).toBe(200)
      const past = await send(`/api/v1/${kind}`, [row(bound.max + 1)])
      expect(past.status, `${field} = ${bound.max + 1}`).toBe(422)
      const problem = await past.json() as { errors: { index: number; field: string; reason: string }[] }
      expect(problem.errors[0]).toEqual({ index: 0, field, reason: numberProblem(bound, bound.max + 1) })
      expect(problem.errors[0].reason).toContain(bound.label)
    }
    const longQueue = await send('/api/v1/contacts', [contact({ queue: 'q'.repeat(QUEUE_NAME.maxLength + 1) })])
    expect((await longQueue.json() as { errors: { reason: string }[] }).errors[0].reason).toBe(textProblem(QUEUE_NAME, 'q'.repeat(QUEUE_NAME.maxLength + 1)))
  })

  it('documents the same figures in the OpenAPI schema (built from the bound, not a copy)', () => {
    const before = CONTACT_ROW.handleSeconds.max
    expect(ContactRecordSchema.safeParse(contact({ handleSeconds: before })).success).toBe(true)
    // The OpenAPI document shows the same figures.
    expect(ContactRecordSchema.shape.handleSeconds.unwrap().unwrap().maxValue).toBe(before)
    expect(ContactRecordSchema.shape.nps.unwrap().unwrap().maxValue).toBe(CONTACT_ROW.nps.max)
  })
})

describe('the command line reads its bounds from src/schemas', () => {
  const cli = async (args: string[]) => {
    const io = memoryIo('', { DATABASE_URL: 'file:' + join(dir, 'cli.db') })
    const code = await runCli(args, io)
    return { code, stderr: io.stderr }
  }

  it('refuses --batch and --interval-minutes past their bounds by name, with the schema\'s words', async () => {
    const file = join(dir, 'rows.csv')
    writeFileSync(file, 'interval_start,offered\n2025-06-02T09:00:00Z,3\n')
    const batch = await cli(['push', file, '--kind', 'intervals', '--url', 'http://127.0.0.1:9', '--token', 'x', '--batch', String(ROWS_PER_REQUEST.max + 1)])
    expect(batch.code).toBe(1)
    expect(batch.stderr).toContain(`--batch: ${numberProblem(ROWS_PER_REQUEST, ROWS_PER_REQUEST.max + 1)}`)
    const minutes = await cli(['import', file, '--kind', 'intervals', '--queue', 'Bounds', '--interval-minutes', String(INTERVAL_ROW.intervalMinutes.max + 1)])
    expect(minutes.code).toBe(1)
    expect(minutes.stderr).toContain(`--interval-minutes: ${numberProblem(INTERVAL_ROW.intervalMinutes, INTERVAL_ROW.intervalMinutes.max + 1)}`)
    const queue = await cli(['import', file, '--kind', 'intervals', '--queue', 'q'.repeat(QUEUE_NAME.maxLength + 1)])
    expect(queue.code).toBe(1)
    expect(queue.stderr).toContain(`--queue: Queue name must be at most ${QUEUE_NAME.maxLength} characters long`)
    const forecast = await cli(['forecast', '--history', file, '--future', file, '--interval-minutes', '0'])
    expect(forecast.code).toBe(1)
    expect(forecast.stderr).toContain(`--interval-minutes: ${numberProblem(INTERVAL_ROW.intervalMinutes, 0)}`)
  })

  it('refuses roster, capacity and kpis numbers just past their bounds by name, with the schema\'s words, and takes them at the bound', async () => {
    const missing = join(dir, 'missing.csv')
    const roster = (option: string, value: string) => cli(['roster', '--shifts', missing, '--agents', missing, `--${option}`, value])
    const cases: [string, { min: number; max: number; label: string }, number, number][] = [
      // [option, bound, a value at the bound, a value just past it]
      ['time-limit', ROSTER_TIME_LIMIT_SECONDS, 600, 601],
      ['gap', SOLVER_GAP_FRACTION, 0.99, 1],
    ]
    for (const [option, bound, at, past] of cases) {
      const refused = await roster(option, String(past))
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain(`--${option}: ${numberProblem(bound, past)}`)
      expect(refused.stderr).toContain(bound.label)
      const taken = await roster(option, String(at))
      expect(taken.stderr, `--${option} ${at}`).not.toContain(`--${option}`) // it fails later, on the missing files
      expect(taken.stderr).toContain('missing.csv: the shifts file cannot be read')
    }
    expect((await roster('time-limit', '0')).stderr).toContain(`--time-limit: ${numberProblem(ROSTER_TIME_LIMIT_SECONDS, 0)}`)

    const staff = join(dir, 'staff.json')
    writeFileSync(staff, JSON.stringify({ headcount: 120, attrition_monthly: 0.03, training_weeks: 4, ramp: [0.5, 0.75, 0.9], hiring_lead_weeks: 6, class_size_max: 15, min_weeks_between_classes: 2 }))
    const weeksPast = await cli(['capacity', '--queue', 'Bounds', '--weeks', String(CAPACITY_WEEKS.max + 1), '--staff', staff])
    expect(weeksPast.code).toBe(1)
    expect(weeksPast.stderr).toContain(`--weeks: ${numberProblem(CAPACITY_WEEKS, CAPACITY_WEEKS.max + 1)}`)
    expect((await cli(['capacity', '--queue', 'Bounds', '--weeks', '0', '--staff', staff])).stderr).toContain(`--weeks: ${numberProblem(CAPACITY_WEEKS, 0)}`)
    const weeksAt = (await cli(['capacity', '--queue', 'Bounds', '--weeks', String(CAPACITY_WEEKS.max), '--staff', staff])).stderr
    expect(weeksAt).not.toContain('--weeks')
    expect(weeksAt).toContain("no queue named 'Bounds'") // past the bound check, to the database
    const limitPast = await cli(['capacity', '--requirements', missing, '--staff', staff, '--recommend', '--time-limit', String(SOLVER_TIME_LIMIT_SECONDS.max + 1)])
    expect(limitPast.stderr).toContain(`--time-limit: ${numberProblem(SOLVER_TIME_LIMIT_SECONDS, SOLVER_TIME_LIMIT_SECONDS.max + 1)}`)
    const limitAt = (await cli(['capacity', '--requirements', missing, '--staff', staff, '--recommend', '--time-limit', String(SOLVER_TIME_LIMIT_SECONDS.max)])).stderr
    expect(limitAt).not.toContain('--time-limit')
    expect(limitAt).toContain('the requirements file cannot be read')

    const thresholdPast = await cli(['kpis', '--format', 'csv', '--threshold', String(KPI_THRESHOLD_SECONDS.max + 1)])
    expect(thresholdPast.code).toBe(1)
    expect(thresholdPast.stderr).toContain(`--threshold: ${numberProblem(KPI_THRESHOLD_SECONDS, KPI_THRESHOLD_SECONDS.max + 1)}`)
    const thresholdAt = (await cli(['kpis', '--format', 'csv', '--threshold', String(KPI_THRESHOLD_SECONDS.max)])).stderr
    expect(thresholdAt).not.toContain('threshold')
    expect(thresholdAt).toContain('There are no contact records yet')
  })

  it('takes a value exactly at the bound', async () => {
    const file = join(dir, 'ok.csv')
    writeFileSync(file, 'interval_start,offered\n2025-06-02T09:00:00Z,3\n')
    const atBound = await cli(['import', file, '--kind', 'intervals', '--queue', 'q'.repeat(QUEUE_NAME.maxLength), '--interval-minutes', '30'])
    expect(atBound.stderr).toBe('')
    expect(atBound.code).toBe(0)
  })
})


describe('the forms read their bounds from src/schemas', () => {
  it('the schedule generate form: time limit and gap target (typed in percent) at and just past their bounds', () => {
    const form = (timeLimitSeconds: string, gapPercent: string) => generateFormProblems({ from: '2025-06-02', to: '2025-06-08', timeLimitSeconds, gapPercent, overCover: 'allow' })
    expect(form(String(SOLVER_TIME_LIMIT_SECONDS.max), String(SOLVER_GAP_FRACTION.max * 100))).toEqual([])
    expect(form(String(SOLVER_TIME_LIMIT_SECONDS.min), '0')).toEqual([])
    expect(form('601', '0.5')).toEqual([numberProblem(SOLVER_TIME_LIMIT_SECONDS, 601)])
    expect(form('601', '0.5')).toEqual(['Time limit must be between 1 and 600 seconds, got 601'])
    expect(form('0.5', '0.5')).toEqual([numberProblem(SOLVER_TIME_LIMIT_SECONDS, 0.5)])
    expect(form('30', '100')).toEqual([numberProblem(SOLVER_GAP_PERCENT, 1)])
    expect(form('30', '100')).toEqual(['Gap target must be between 0% and 99%, got 100%'])
    expect(form('30', '-1')).toEqual([numberProblem(SOLVER_GAP_PERCENT, -0.01)])
    expect(form('soon', '0.5')).toEqual(["Time limit must be a number, got 'soon'"])
  })

  it('the schedule edit form: how many shifts one edit changes', () => {
    const record = { fromDateKey: '2025-06-02', toDateKey: '2025-06-08', templates: [], schedule: { shifts: [] } } as unknown as ScheduleRecord
    const edit = (count: string) => () => editedSchedule(record, { action: 'remove', count, shift: '' })
    expect(edit(String(SHIFT_EDIT_COUNT.max + 1))).toThrow(numberProblem(SHIFT_EDIT_COUNT, SHIFT_EDIT_COUNT.max + 1)!)
    expect(edit('0')).toThrow(numberProblem(SHIFT_EDIT_COUNT, 0)!)
    expect(edit('1.5')).toThrow('How many must be a whole number between 1 and 1000 shifts, got 1.5')
    expect(edit(String(SHIFT_EDIT_COUNT.max))).toThrow('choose a shift of the schedule') // past the count check
  })

  it('the forecast form: the model name\'s length (the same bound as ?model=)', () => {
    const form = (model: string) => forecastFormSchema.safeParse({ queue: '1', intervalMinutes: '30', from: '2025-06-02', to: '2025-06-08', model })
    expect(form('a'.repeat(MODEL_NAME.maxLength)).success).toBe(true)
    const past = form('a'.repeat(MODEL_NAME.maxLength + 1))
    expect(past.success).toBe(false)
    expect(past.error!.issues.map((i) => `${String(i.path[0])} ${i.message}`)).toEqual([`model must be at most ${MODEL_NAME.maxLength} characters long`])
  })

  it('the freeze form: cost per paid agent-hour at and just past its bounds', () => {
    const costProblems = (costPerHour: string) => freezeFormProblems({ queue: '1', from: '2025-06-02', to: '2025-06-08', name: 'June', costPerHour, madeBy: 'ana' }).errors
    expect(costProblems(String(BASELINE_COST_PER_HOUR.max))).toEqual([])
    expect(costProblems('0')).toEqual([])
    expect(costProblems('25,5')).toEqual([])
    expect(costProblems(String(BASELINE_COST_PER_HOUR.max + 1))).toEqual([numberProblem(BASELINE_COST_PER_HOUR, BASELINE_COST_PER_HOUR.max + 1)])
    expect(costProblems('-1')).toEqual(['Cost per paid agent-hour must be between 0 and 100000, got -1'])
  })

  it('the sweep form: each input\'s range and the number of points at and just past their bounds', () => {
    const sweep = (sweepInput: string, sweepFrom: string, sweepTo: string, sweepPoints: string) => sweepSpecOf({ sweepInput, sweepFrom, sweepTo, sweepPoints }).problems
    expect(sweep('serviceLevelTarget', '1', '100', String(SWEEP_POINTS.max))).toEqual([])
    expect(sweep('serviceLevelTarget', '70', '101', '6')).toEqual(["Service level target: the sweep's to value must be between 1% and 100%, got 101%"])
    expect(sweep('serviceLevelTarget', '0', '90', '6')).toEqual([numberProblem(sweepEndBound('serviceLevelTarget', 'from'), 0)])
    expect(sweep('agentsPerInterval', '0', String(SWEEP_BOUNDS.agentsPerInterval.max), '6')).toEqual([])
    expect(sweep('agentsPerInterval', '0', String(SWEEP_BOUNDS.agentsPerInterval.max + 1), '6')).toEqual([numberProblem(sweepEndBound('agentsPerInterval', 'to'), SWEEP_BOUNDS.agentsPerInterval.max + 1)])
    expect(sweep('shrinkageFraction', '10', '30', String(SWEEP_POINTS.max + 1))).toEqual([numberProblem(SWEEP_POINTS, SWEEP_POINTS.max + 1)])
    expect(sweep('shrinkageFraction', '10', '30', String(SWEEP_POINTS.min - 1))).toEqual(['Sweep points must be a whole number between 2 and 25, got 1'])
  })
})

describe('the staffing page\'s simulation runs read their bound from src/schemas', () => {
  it('refuses ?runs= just past the bound with the schema\'s message (no silent clamp) and takes it at the bound', async () => {
    const viewer = await signIn(app, db, 'viewer')
    for (const past of [SIMULATION_RUNS.max + 1, SIMULATION_RUNS.min - 1]) {
      const res = await viewer.request(`/staffing/simulate?runs=${past}`, { headers: { 'HX-Request': 'true' } })
      expect(res.status).toBe(400)
      expect(await res.text()).toContain(numberProblem(SIMULATION_RUNS, past))
    }
    const atBound = await viewer.request(`/staffing/simulate?runs=${SIMULATION_RUNS.max}`, { headers: { 'HX-Request': 'true' } })
    expect(atBound.status).toBe(404) // past the query check, to the route: this database has no queue
    expect(await atBound.text()).not.toContain(SIMULATION_RUNS.label)
    expect([runsOf(String(SIMULATION_RUNS.max)), runsOf(String(SIMULATION_RUNS.min)), runsOf(undefined), runsOf('')]).toEqual([50, 5, 20, 20])
  })
})
