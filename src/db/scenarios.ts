/**
 * Baselines and scenarios in the database. A baseline is written once with all its intervals (inputs and the plan
 * computed from them) and never updated: promoting a scenario inserts the next version of the same name, so every
 * older version stays as it was. Scenarios keep their overrides as JSON; a save carries the version the form was
 * opened with, so a stale form is refused instead of overwriting a newer save.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { baselines, scenarios, type BaselineRow, type ScenarioRow } from './schema.ts'
import { localParts } from '../time/zones.ts'
import type { AhtSource, StaffingSettings } from '../planning/staffingPlan.ts'
import type { BaselineInterval, DayHours, FrozenEvent, PlanInputs, PlanIntervalFigures, ScenarioOverrides } from '../scenarios/types.ts'
import type { DateOpeningHours } from '../scheduling/dateOpeningHours.ts'

/** A write that cannot be done (unknown row, stale version, bad name); nothing was written. */
export class ScenarioStoreError extends RangeError {}

export interface BaselineSummary {
  id: number
  queueId: number
  name: string
  version: number
  createdBy: string
  createdAtMs: number
  promotedFromScenarioId: number | null
  queueName: string
  timeZone: string
  intervalMinutes: number
  fromDateKey: string
  toDateKey: string
  forecastSource: string
  coverageSource: string | null
}

export interface BaselineRecord extends BaselineSummary {
  inputs: PlanInputs
  /** The frozen plan, one row per interval of inputs.intervals. */
  outputs: PlanIntervalFigures[]
}

export interface NewBaseline {
  name: string
  createdBy?: string
  promotedFromScenarioId?: number | null
  inputs: PlanInputs
  outputs: readonly PlanIntervalFigures[]
  /** Defaults to now. */
  createdAtMs?: number
}

export interface ScenarioRecord {
  id: number
  baselineId: number
  name: string
  overrides: ScenarioOverrides
  createdBy: string
  createdAtMs: number
  updatedBy: string
  updatedAtMs: number
  version: number
}

export const MAX_NAME_LENGTH = 200
export const MAX_CREATED_BY_LENGTH = 100

/** The name trimmed; @throws ScenarioStoreError when empty or too long. */
export function checkedName(name: unknown, what: string): string {
  const trimmed = typeof name === 'string' ? name.trim() : ''
  if (!trimmed) throw new ScenarioStoreError(`${what} needs a name`)
  if (trimmed.length > MAX_NAME_LENGTH) throw new ScenarioStoreError(`${what} name must be at most ${MAX_NAME_LENGTH} characters, got ${trimmed.length}`)
  return trimmed
}

/** Who made it, trimmed; empty is 'manager' (there are no accounts yet). */
export function checkedCreatedBy(createdBy: unknown): string {
  const trimmed = typeof createdBy === 'string' ? createdBy.trim() : ''
  if (trimmed.length > MAX_CREATED_BY_LENGTH) throw new ScenarioStoreError(`"Made by" must be at most ${MAX_CREATED_BY_LENGTH} characters, got ${trimmed.length}`)
  return trimmed || 'manager'
}

function summaryOf(row: BaselineRow): BaselineSummary {
  return {
    id: row.id, queueId: row.queueId, name: row.name, version: row.version, createdBy: row.createdBy, createdAtMs: row.createdAtMs,
    promotedFromScenarioId: row.promotedFromScenarioId, queueName: row.queueName, timeZone: row.timeZone, intervalMinutes: row.intervalMinutes,
    fromDateKey: row.fromDateKey, toDateKey: row.toDateKey, forecastSource: row.forecastSource, coverageSource: row.coverageSource,
  }
}

const INTERVAL_COLUMNS = [
  'baseline_id', 'interval_start_ms', 'base_volume', 'base_lo80', 'base_hi80', 'base_lo95', 'base_hi95', 'volume', 'volume_lo80', 'volume_hi80',
  'volume_lo95', 'volume_hi95', 'forecast_aht_seconds', 'aht_seconds', 'workload_erlangs', 'agents_required', 'agents_scheduled_exact',
  'agents_scheduled', 'expected_service_level', 'expected_asa_seconds', 'expected_abandon_fraction', 'expected_occupancy', 'sla_miss_probability',
  'coverage_agents', 'service_level', 'asa_seconds', 'abandon_fraction',
] as const
const ROWS_PER_INSERT = 400

/** Infinity (an unbounded wait) is stored as null; NaN is refused. */
function finiteOrNull(value: number, what: string): number | null {
  if (Number.isNaN(value)) throw new ScenarioStoreError(`${what} is not a number`)
  return Number.isFinite(value) ? value : null
}

function checkBaseline(b: NewBaseline): void {
  const { inputs, outputs } = b
  if (!inputs.intervals.length) throw new ScenarioStoreError('a baseline needs at least one interval, got none')
  if (outputs.length !== inputs.intervals.length) throw new ScenarioStoreError(`the plan has ${outputs.length} intervals but the forecast ${inputs.intervals.length}`)
  if (inputs.coverage && inputs.coverage.agentsPerInterval.length !== inputs.intervals.length) throw new ScenarioStoreError(`the coverage has ${inputs.coverage.agentsPerInterval.length} intervals but the forecast ${inputs.intervals.length}`)
  inputs.intervals.forEach((interval, i) => {
    if (outputs[i].startMs !== interval.startMs) throw new ScenarioStoreError(`plan interval ${i} starts at ${outputs[i].startMs}, the forecast's at ${interval.startMs}`)
    if (i > 0 && interval.startMs <= inputs.intervals[i - 1].startMs) throw new ScenarioStoreError(`intervals[${i}] must start after intervals[${i - 1}]`)
  })
}

/**
 * Stores a baseline as the next version of its queue and name (1 for a new name), with all its intervals, in one
 * write transaction. Returns the stored record.
 * @throws ScenarioStoreError for an empty name or intervals that do not line up
 */
export async function insertBaseline(db: Db, b: NewBaseline): Promise<BaselineRecord> {
  const name = checkedName(b.name, 'A baseline')
  const createdBy = checkedCreatedBy(b.createdBy)
  checkBaseline(b)
  const { inputs, outputs } = b
  const tx = await db.client.transaction('write')
  try {
    const last = await tx.execute({ sql: 'SELECT COALESCE(MAX(version), 0) AS v FROM baselines WHERE queue_id = ? AND name = ?', args: [inputs.queueId, name] })
    const version = Number(last.rows[0].v) + 1
    const inserted = await tx.execute({
      sql: `INSERT INTO baselines (queue_id, name, version, created_by, created_at_ms, promoted_from_scenario_id, queue_name, time_zone, interval_minutes,
              from_date_key, to_date_key, forecast_source, volume_model, aht_json, settings_json, events_json, opening_hours_json, cost_per_hour, coverage_source, date_hours_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      args: [
        inputs.queueId, name, version, createdBy, b.createdAtMs ?? Date.now(), b.promotedFromScenarioId ?? null, inputs.queueName, inputs.timeZone,
        inputs.intervalMinutes, inputs.fromDateKey, inputs.toDateKey, inputs.forecastSource, inputs.volumeModel, JSON.stringify(inputs.aht),
        JSON.stringify(inputs.settings), JSON.stringify(inputs.events), JSON.stringify(inputs.openingHours), inputs.costPerHour, inputs.coverage?.source ?? null,
        inputs.dateHours ? JSON.stringify(inputs.dateHours) : null,
      ],
    })
    const id = Number(inserted.rows[0].id)
    for (let from = 0; from < outputs.length; from += ROWS_PER_INSERT) {
      const args: (number | null)[] = []
      const count = Math.min(ROWS_PER_INSERT, outputs.length - from)
      for (let i = from; i < from + count; i++) {
        const f = inputs.intervals[i], p = outputs[i]
        args.push(
          id, f.startMs, f.baseVolume, f.baseLo80, f.baseHi80, f.baseLo95, f.baseHi95, f.volume, f.volumeLo80, f.volumeHi80, f.volumeLo95, f.volumeHi95,
          f.ahtSeconds, p.ahtSeconds, p.workloadErlangs, p.agentsRequired, p.agentsScheduledExact, p.agentsScheduled, p.expectedServiceLevel,
          finiteOrNull(p.expectedAsaSeconds, `expectedAsaSeconds[${i}]`), p.expectedAbandonFraction, p.expectedOccupancy, p.slaMissProbability,
          inputs.coverage ? inputs.coverage.agentsPerInterval[i] : null, p.serviceLevel, finiteOrNull(p.asaSeconds, `asaSeconds[${i}]`),
          p.abandonFraction ?? null,
        )
      }
      const row = `(${INTERVAL_COLUMNS.map(() => '?').join(',')})`
      await tx.execute({ sql: `INSERT INTO baseline_intervals (${INTERVAL_COLUMNS.join(',')}) VALUES ${new Array(count).fill(row).join(',')}`, args })
    }
    await tx.commit()
    return (await findBaseline(db, id))!
  } catch (error) {
    await tx.rollback()
    if (error instanceof Error && /UNIQUE constraint failed: baselines/.test(error.message)) throw new ScenarioStoreError(`another version of '${name}' was saved at the same moment: try again`)
    throw error
  } finally {
    tx.close()
  }
}

/** A baseline with its frozen inputs and plan, or undefined. */
export async function findBaseline(db: Db, id: number): Promise<BaselineRecord | undefined> {
  if (!Number.isSafeInteger(id)) return undefined
  const [row] = await db.orm.select().from(baselines).where(eq(baselines.id, id))
  if (!row) return undefined
  const result = await db.client.execute({ sql: `SELECT ${INTERVAL_COLUMNS.join(',')} FROM baseline_intervals WHERE baseline_id = ? ORDER BY interval_start_ms`, args: [id] })
  const intervals: BaselineInterval[] = []
  const outputs: PlanIntervalFigures[] = []
  const coverage: number[] = []
  const n = (v: unknown) => Number(v)
  const orInfinity = (v: unknown) => (v === null ? Infinity : Number(v))
  const timeZone = row.timeZone
  const dateKeyOf = (utcMs: number) => localParts(utcMs, timeZone).dateKey
  for (const r of result.rows) {
    const startMs = n(r.interval_start_ms)
    intervals.push({
      startMs, baseVolume: n(r.base_volume), baseLo80: n(r.base_lo80), baseHi80: n(r.base_hi80), baseLo95: n(r.base_lo95), baseHi95: n(r.base_hi95),
      volume: n(r.volume), volumeLo80: n(r.volume_lo80), volumeHi80: n(r.volume_hi80), volumeLo95: n(r.volume_lo95), volumeHi95: n(r.volume_hi95),
      ahtSeconds: n(r.forecast_aht_seconds),
    })
    outputs.push({
      startMs, dateKey: dateKeyOf(startMs), volume: n(r.volume), ahtSeconds: n(r.aht_seconds), workloadErlangs: n(r.workload_erlangs),
      agentsRequired: n(r.agents_required), agentsScheduledExact: n(r.agents_scheduled_exact), agentsScheduled: n(r.agents_scheduled),
      expectedServiceLevel: n(r.expected_service_level), expectedAsaSeconds: orInfinity(r.expected_asa_seconds), expectedAbandonFraction: n(r.expected_abandon_fraction),
      expectedOccupancy: n(r.expected_occupancy), slaMissProbability: r.sla_miss_probability === null ? null : n(r.sla_miss_probability),
      coverageAgents: r.coverage_agents === null ? null : n(r.coverage_agents), serviceLevel: n(r.service_level), asaSeconds: orInfinity(r.asa_seconds),
      ...(r.abandon_fraction === null || r.abandon_fraction === undefined ? {} : { abandonFraction: n(r.abandon_fraction) }),
    })
    coverage.push(r.coverage_agents === null ? 0 : n(r.coverage_agents))
  }
  const inputs: PlanInputs = {
    queueId: row.queueId, queueName: row.queueName, timeZone, intervalMinutes: row.intervalMinutes, fromDateKey: row.fromDateKey, toDateKey: row.toDateKey,
    forecastSource: row.forecastSource, volumeModel: row.volumeModel, aht: JSON.parse(row.ahtJson) as AhtSource, intervals,
    events: JSON.parse(row.eventsJson) as FrozenEvent[], settings: JSON.parse(row.settingsJson) as StaffingSettings, costPerHour: row.costPerHour,
    openingHours: JSON.parse(row.openingHoursJson) as DayHours[],
    ...(row.dateHoursJson ? { dateHours: JSON.parse(row.dateHoursJson) as DateOpeningHours[] } : {}),
    coverage: row.coverageSource === null ? null : { source: row.coverageSource, agentsPerInterval: coverage },
  }
  return { ...summaryOf(row), inputs, outputs }
}

/** Baselines, newest first; of one queue when asked. */
export async function listBaselines(db: Db, options: { queueId?: number; limit?: number } = {}): Promise<BaselineSummary[]> {
  const rows = await db.orm.select().from(baselines).where(options.queueId === undefined ? undefined : eq(baselines.queueId, options.queueId))
    .orderBy(desc(baselines.createdAtMs), desc(baselines.id)).limit(options.limit ?? 100)
  return rows.map(summaryOf)
}

/** Every version of a baseline's name for its queue, oldest first. */
export async function listBaselineVersions(db: Db, queueId: number, name: string): Promise<BaselineSummary[]> {
  const rows = await db.orm.select().from(baselines).where(and(eq(baselines.queueId, queueId), eq(baselines.name, name))).orderBy(asc(baselines.version))
  return rows.map(summaryOf)
}

function scenarioOf(row: ScenarioRow): ScenarioRecord {
  return {
    id: row.id, baselineId: row.baselineId, name: row.name, overrides: JSON.parse(row.overridesJson) as ScenarioOverrides,
    createdBy: row.createdBy, createdAtMs: row.createdAtMs, updatedBy: row.updatedBy, updatedAtMs: row.updatedAtMs, version: row.version,
  }
}

/** Stores a new scenario of a baseline (validate the overrides first: the table stores what it is given). */
export async function insertScenario(db: Db, s: { baselineId: number; name: string; overrides?: ScenarioOverrides; createdBy?: string; createdAtMs?: number }): Promise<ScenarioRecord> {
  const name = checkedName(s.name, 'A scenario')
  const createdBy = checkedCreatedBy(s.createdBy)
  const [baseline] = Number.isSafeInteger(s.baselineId) ? await db.orm.select({ id: baselines.id }).from(baselines).where(eq(baselines.id, s.baselineId)) : []
  if (!baseline) throw new ScenarioStoreError(`there is no baseline ${s.baselineId} to make a scenario of`)
  const nowMs = s.createdAtMs ?? Date.now()
  const [row] = await db.orm.insert(scenarios).values({
    baselineId: s.baselineId, name, overridesJson: JSON.stringify(s.overrides ?? {}), createdBy, createdAtMs: nowMs, updatedBy: createdBy, updatedAtMs: nowMs, version: 1,
  }).returning()
  return scenarioOf(row)
}

export async function findScenario(db: Db, id: number): Promise<ScenarioRecord | undefined> {
  if (!Number.isSafeInteger(id)) return undefined
  const [row] = await db.orm.select().from(scenarios).where(eq(scenarios.id, id))
  return row ? scenarioOf(row) : undefined
}

/** Scenarios, oldest first; of one baseline when asked. */
export async function listScenarios(db: Db, options: { baselineId?: number } = {}): Promise<ScenarioRecord[]> {
  const rows = await db.orm.select().from(scenarios).where(options.baselineId === undefined ? undefined : eq(scenarios.baselineId, options.baselineId)).orderBy(asc(scenarios.createdAtMs), asc(scenarios.id))
  return rows.map(scenarioOf)
}

/** Number of scenarios per baseline id. */
export async function countScenariosByBaseline(db: Db): Promise<Map<number, number>> {
  const rows = await db.orm.select({ baselineId: scenarios.baselineId, n: sql<number>`count(*)` }).from(scenarios).groupBy(scenarios.baselineId)
  return new Map(rows.map((r) => [r.baselineId, Number(r.n)]))
}

/**
 * Saves a scenario's name and/or overrides if it is still at `expectedVersion`; returns the saved record (version + 1).
 * @throws ScenarioStoreError when the scenario is gone or was saved meanwhile by someone else
 */
export async function updateScenario(db: Db, id: number, change: { expectedVersion: number; name?: string; overrides?: ScenarioOverrides; updatedBy?: string }): Promise<ScenarioRecord> {
  checkVersion(change.expectedVersion)
  if (!Number.isSafeInteger(id)) throw new ScenarioStoreError(`this scenario no longer exists (id ${id})`)
  const values: Partial<typeof scenarios.$inferInsert> = { updatedBy: checkedCreatedBy(change.updatedBy), updatedAtMs: Date.now(), version: change.expectedVersion + 1 }
  if (change.name !== undefined) values.name = checkedName(change.name, 'A scenario')
  if (change.overrides !== undefined) values.overridesJson = JSON.stringify(change.overrides)
  const updated = await db.orm.update(scenarios).set(values).where(and(eq(scenarios.id, id), eq(scenarios.version, change.expectedVersion))).returning()
  if (updated.length) return scenarioOf(updated[0])
  const current = await findScenario(db, id)
  if (!current) throw new ScenarioStoreError(`this scenario no longer exists (id ${id})`)
  throw new ScenarioStoreError(`'${current.name}' was saved by ${current.updatedBy} meanwhile (version ${current.version}, yours ${change.expectedVersion}): reload it and make your change again`)
}

/** @throws ScenarioStoreError when the form's version is not a whole number (a tampered or broken form) */
function checkVersion(version: number): void {
  if (!(Number.isSafeInteger(version) && version >= 1)) throw new ScenarioStoreError(`the form's version must be a whole number of at least 1, got ${version}: reload the scenario`)
}

/** A copy of a scenario (same baseline and overrides) under a new name; returns the copy. */
export async function copyScenario(db: Db, id: number, options: { name?: string; createdBy?: string } = {}): Promise<ScenarioRecord> {
  const source = await findScenario(db, id)
  if (!source) throw new ScenarioStoreError(`this scenario no longer exists (id ${id})`)
  return insertScenario(db, { baselineId: source.baselineId, name: options.name ?? `${source.name} (copy)`.slice(0, MAX_NAME_LENGTH), overrides: source.overrides, createdBy: options.createdBy })
}

/**
 * Deletes a scenario (at `expectedVersion` when given, so a stale page does not delete a newer save).
 * @throws ScenarioStoreError when it is gone or was saved meanwhile
 */
export async function deleteScenario(db: Db, id: number, expectedVersion?: number): Promise<void> {
  if (expectedVersion !== undefined) checkVersion(expectedVersion)
  if (!Number.isSafeInteger(id)) throw new ScenarioStoreError(`this scenario no longer exists (id ${id})`)
  const condition = expectedVersion === undefined ? eq(scenarios.id, id) : and(eq(scenarios.id, id), eq(scenarios.version, expectedVersion))
  const deleted = await db.orm.delete(scenarios).where(condition).returning({ id: scenarios.id })
  if (deleted.length) return
  const current = await findScenario(db, id)
  if (!current) throw new ScenarioStoreError(`this scenario no longer exists (id ${id})`)
  throw new ScenarioStoreError(`'${current.name}' was saved meanwhile (version ${current.version}): reload it before deleting`)
}
