/**
 * Every table of Chatplan, in one place (drizzle's source of truth; `npm run db:generate` writes migrations/).
 * Times are stored as UTC epoch milliseconds (`...Ms`); local times are computed in the queue's IANA zone.
 */
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/** A chat queue (team): its time zone and opening hours. */
export const queues = sqliteTable('queues', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  timeZone: text('time_zone').notNull(),
  /** JSON: array of 7 entries (0 = Monday … 6 = Sunday), each null (closed) or { openMinute, closeMinute } local minutes of day. */
  openingHoursJson: text('opening_hours_json').notNull().default('[]'),
  intervalMinutes: integer('interval_minutes').notNull().default(30),
  /** Holiday calendar country code for date-holidays (e.g. "IL"), or null when off. */
  holidayCountry: text('holiday_country'),
  /** Whether a public holiday's eve closes at the time the holiday begins (the calendar per date; migration 0023). */
  holidayEves: integer('holiday_eves', { mode: 'boolean' }).notNull().default(false),
  /** The day its week starts on ('mon'..'sun'), or null: its holiday country's custom (src/scheduling/weekRules.ts; migration 0028). */
  weekStartsOn: text('week_starts_on'),
  /** JSON: its weekend days (['fri','sat']), or null: its holiday country's custom. */
  weekendDaysJson: text('weekend_days_json'),
  createdAtMs: integer('created_at_ms').notNull(),
  /** The queue pages open with when none is chosen (at most one; else the first by name). */
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
})

/** One import of a file: what, from where, how many rows, and whether it was committed. */
export const importBatches = sqliteTable('import_batches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: ['contacts', 'intervals'] }).notNull(),
  fileName: text('file_name').notNull(),
  checksumSha256: text('checksum_sha256').notNull(),
  /** kind + checksum (+ target queue for interval files): importing the same file twice is refused by this key. */
  dedupeKey: text('dedupe_key').notNull().unique(),
  queueId: integer('queue_id').references(() => queues.id),
  rowsInFile: integer('rows_in_file').notNull(),
  rowsImported: integer('rows_imported').notNull(),
  rowsRejected: integer('rows_rejected').notNull(),
  /** JSON array of { row, column, message } for rejected rows (the first 1,000). */
  rejectedJson: text('rejected_json').notNull().default('[]'),
  synthetic: integer('synthetic', { mode: 'boolean' }).notNull().default(false),
  importedAtMs: integer('imported_at_ms').notNull(),
  durationMs: integer('duration_ms').notNull().default(0),
  /** 'committed', or 'merging' while a staged import is being merged (rolled back from the undo tables if it dies). */
  status: text('status', { enum: ['committed', 'merging'] }).notNull().default('committed'),
  /** The process staging or merging it (an import whose process died is undone by the next one, or at start). */
  mergeOwnerPid: integer('merge_owner_pid'),
})

/** One chat (contact): arrival, first response, end, outcome, and the optional survey and classification fields. */
export const contacts = sqliteTable('contacts', {
  id: integer('id').primaryKey(),
  queueId: integer('queue_id').notNull().references(() => queues.id),
  batchId: integer('batch_id').notNull().references(() => importBatches.id),
  externalId: text('external_id'),
  arrivedAtMs: integer('arrived_at_ms').notNull(),
  /** First agent response (chat) or answer (call); null when abandoned. */
  firstResponseAtMs: integer('first_response_at_ms'),
  endedAtMs: integer('ended_at_ms'),
  /** Arrival to first response, or to abandonment. */
  waitSeconds: real('wait_seconds'),
  handleSeconds: real('handle_seconds'),
  outcome: text('outcome', { enum: ['answered', 'abandoned'] }).notNull(),
  agent: text('agent'),
  issueType: text('issue_type'),
  customerSegment: text('customer_segment'),
  resolvedFirstContact: integer('resolved_first_contact', { mode: 'boolean' }),
  /** Customer satisfaction answer on a 1–5 scale. */
  csatScore: integer('csat_score'),
  /** "How likely are you to recommend us" answer, 0–10. */
  npsScore: integer('nps_score'),
  /** True where survey/classification fields were made up (demo data). */
  synthetic: integer('synthetic', { mode: 'boolean' }).notNull().default(false),
}, (t) => [
  index('contacts_queue_arrived').on(t.queueId, t.arrivedAtMs),
  /**
   * A contact is keyed by (queue, contact id, arrival): imports and the API upsert on it (src/db/rowUpserts.ts). The
   * arrival is part of the key because real exports recycle ids (the bank data reuses a call id within a month).
   */
  uniqueIndex('contacts_queue_external').on(t.queueId, t.externalId, t.arrivedAtMs).where(sql`external_id IS NOT NULL`),
])

/**
 * Running aggregates of the contacts per queue and UTC quarter-hour (arrival), kept by triggers on `contacts`
 * (migration 0017) in the same transaction as every write: the dashboard and the history reads use them instead of
 * scanning the contacts. Sums are over answered contacts, as in the history reads. A quarter-hour without contacts
 * has no row.
 */
export const contactQuarterHours = sqliteTable('contact_quarter_hours', {
  queueId: integer('queue_id').notNull(),
  quarterStartMs: integer('quarter_start_ms').notNull(),
  contacts: integer('contacts').notNull(),
  answered: integer('answered').notNull(),
  abandoned: integer('abandoned').notNull(),
  /** Answered contacts with a handle time, and the sum of those times. */
  handled: integer('handled').notNull(),
  handleSumSeconds: real('handle_sum_seconds').notNull(),
  /** Answered contacts with a wait, and the sum of those waits. */
  waited: integer('waited').notNull(),
  waitSumSeconds: real('wait_sum_seconds').notNull(),
  csatResponses: integer('csat_responses').notNull(),
  csatSum: integer('csat_sum').notNull(),
  synthetic: integer('synthetic').notNull(),
}, (t) => [primaryKey({ columns: [t.queueId, t.quarterStartMs] })])

/** A number per queue that moves (by the same triggers) whenever a contact of that queue is added, changed or removed. */
export const contactVersions = sqliteTable('contact_versions', {
  queueId: integer('queue_id').primaryKey(),
  version: integer('version').notNull(),
})

/**
 * The contacts changed (added, updated, removed), in order, written by the same triggers: the KPI worker reads the
 * changes after the last it applied and patches its columns. Old entries are pruned (pruneContactChanges); a
 * reader whose last change was pruned reloads.
 */
export const contactChanges = sqliteTable('contact_changes', {
  seq: integer('seq').primaryKey(),
  queueId: integer('queue_id').notNull(),
  contactId: integer('contact_id').notNull(),
})

/** Interval aggregates as exported by a platform: offered, handled, abandoned and AHT per interval. */
export const intervalAggregates = sqliteTable('interval_aggregates', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  queueId: integer('queue_id').notNull().references(() => queues.id),
  batchId: integer('batch_id').notNull().references(() => importBatches.id),
  intervalStartMs: integer('interval_start_ms').notNull(),
  intervalMinutes: integer('interval_minutes').notNull(),
  offered: real('offered').notNull(),
  handled: real('handled'),
  abandoned: real('abandoned'),
  ahtSeconds: real('aht_seconds'),
}, (t) => [uniqueIndex('interval_aggregates_queue_start').on(t.queueId, t.intervalMinutes, t.intervalStartMs)])

/**
 * Staffing settings of one queue (the staffing page's SLA form, also read by `chatplan plan`). Fractions are 0–1;
 * a null target is not applied. Model parameters are kept when another model is chosen, so switching back restores them.
 */
export const staffingSettings = sqliteTable('staffing_settings', {
  queueId: integer('queue_id').primaryKey().references(() => queues.id),
  serviceLevelTarget: real('service_level_target'),
  answerWithinSeconds: real('answer_within_seconds'),
  asaTargetSeconds: real('asa_target_seconds'),
  maxAbandonFraction: real('max_abandon_fraction'),
  maxOccupancy: real('max_occupancy'),
  modelKind: text('model_kind', { enum: ['erlang_c', 'erlang_a', 'chat'] }).notNull().default('erlang_c'),
  meanPatienceSeconds: real('mean_patience_seconds'),
  maxConcurrency: integer('max_concurrency'),
  slowdownAlpha: real('slowdown_alpha'),
  shrinkageFraction: real('shrinkage_fraction').notNull().default(0.3),
  hoursPerFte: real('hours_per_fte').notNull().default(8),
  /** Forecast quantile level to staff at (0.8 = P80); null staffs at the mean. */
  staffAtQuantile: real('staff_at_quantile'),
  /** AHT used for every interval instead of the forecast one; null uses the forecast. */
  ahtOverrideSeconds: real('aht_override_seconds'),
  /** Raised by one on every save; a save from a form showing an older version is refused (no lost updates). */
  version: integer('version').notNull().default(1),
  updatedAtMs: integer('updated_at_ms').notNull(),
})

/**
 * A stored forecast of a queue (a snapshot): which model, for which local date range, with the backtest scores that
 * explain the choice. Published snapshots are the forecasts staffing and events use, and whose accuracy is tracked
 * against the actuals as they arrive.
 */
export const forecastSnapshots = sqliteTable('forecast_snapshots', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  queueId: integer('queue_id').notNull().references(() => queues.id),
  name: text('name').notNull(),
  createdAtMs: integer('created_at_ms').notNull(),
  /** The volume model that produced the means (e.g. `weekdayMean:k=4`). */
  model: text('model').notNull(),
  /** The AHT model, or null when the history has no handle times. */
  ahtModel: text('aht_model'),
  intervalMinutes: integer('interval_minutes').notNull(),
  /** Horizon as local dates of the queue (inclusive), and as UTC ms of its first and last interval starts. */
  fromDateKey: text('from_date_key').notNull(),
  toDateKey: text('to_date_key').notNull(),
  firstIntervalStartMs: integer('first_interval_start_ms').notNull(),
  lastIntervalStartMs: integer('last_interval_start_ms').notNull(),
  /** JSON: ModelScore[] of the volume backtest (every candidate, best first). */
  scoresJson: text('scores_json').notNull().default('[]'),
  /** JSON: ModelScore[] of the AHT backtest. */
  ahtScoresJson: text('aht_scores_json').notNull().default('[]'),
  /** JSON: accuracy by model and days ahead (HorizonAccuracy), or null when not computed. */
  horizonAccuracyJson: text('horizon_accuracy_json'),
  /** JSON: IntervalCoverage[] of the calibrated volume intervals. */
  coverageJson: text('coverage_json').notNull().default('[]'),
  /** JSON: string[] of the warnings and fallbacks of the run. */
  warningsJson: text('warnings_json').notNull().default('[]'),
  published: integer('published', { mode: 'boolean' }).notNull().default(false),
}, (t) => [index('forecast_snapshots_queue_created').on(t.queueId, t.createdAtMs)])

/** One interval of a forecast snapshot: volume mean with 80%/95% bounds, AHT mean with 80% bounds. */
export const forecastSnapshotIntervals = sqliteTable('forecast_snapshot_intervals', {
  snapshotId: integer('snapshot_id').notNull().references(() => forecastSnapshots.id, { onDelete: 'cascade' }),
  intervalStartMs: integer('interval_start_ms').notNull(),
  mean: real('mean').notNull(),
  lo80: real('lo80').notNull(),
  hi80: real('hi80').notNull(),
  lo95: real('lo95').notNull(),
  hi95: real('hi95').notNull(),
  ahtMeanSeconds: real('aht_mean_seconds').notNull(),
  ahtLo80Seconds: real('aht_lo80_seconds').notNull(),
  ahtHi80Seconds: real('aht_hi80_seconds').notNull(),
}, (t) => [primaryKey({ columns: [t.snapshotId, t.intervalStartMs] })])

/**
 * An event of the calendar: a launch, promotion, campaign, holiday, outage or other, for one queue (or every queue
 * when queue_id is null), with its effect on volume (a multiplier, or contacts added per day) and the shape of the
 * effect in time. Local start/end date-times are stored as UTC ms with the zone they were entered in. `version`
 * counts edits, so a stale edit form is refused instead of overwriting a newer one.
 */
export const events = sqliteTable('events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  queueId: integer('queue_id').references(() => queues.id),
  type: text('type', { enum: ['launch', 'promotion', 'campaign', 'holiday', 'outage', 'other'] }).notNull(),
  name: text('name').notNull(),
  startUtcMs: integer('start_utc_ms').notNull(),
  endUtcMs: integer('end_utc_ms').notNull(),
  timeZone: text('time_zone').notNull(),
  effectKind: text('effect_kind', { enum: ['multiplier', 'added'] }).notNull(),
  /** Multiplier at the peak, or contacts added per day at the peak; null = use the uplift learned for the type. */
  effectValue: real('effect_value'),
  /** The learned uplift proposed when the event was entered (to track how proposals turn out), or null. */
  proposedValue: real('proposed_value'),
  /** JSON: { rampBeforeDays, decayAfterDays, delayDays }. */
  shapeJson: text('shape_json').notNull().default('{"rampBeforeDays":0,"decayAfterDays":0,"delayDays":0}'),
  createdAtMs: integer('created_at_ms').notNull(),
  updatedAtMs: integer('updated_at_ms').notNull(),
  version: integer('version').notNull().default(1),
}, (t) => [index('events_queue_start').on(t.queueId, t.startUtcMs)])

/**
 * A shift template of a queue (the schedules page): length, allowed starts (local clock times 'HH:MM' and a step),
 * weekdays, breaks with their windows, cost per paid hour and the least/most shifts of it a day. `version` counts
 * edits, so a stale edit form is refused.
 */
export const shiftTemplates = sqliteTable('shift_templates', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  queueId: integer('queue_id').notNull().references(() => queues.id),
  name: text('name').notNull(),
  lengthMinutes: integer('length_minutes').notNull(),
  earliestStart: text('earliest_start').notNull(),
  latestStart: text('latest_start').notNull(),
  startStepMinutes: integer('start_step_minutes').notNull(),
  /** JSON: weekdays ('mon' … 'sun') the shift may start on. */
  daysJson: text('days_json').notNull().default('["mon","tue","wed","thu","fri","sat","sun"]'),
  /** JSON: BreakRule[] ({ name, lengthMinutes, paid, earliestAfterMinutes, latestAfterMinutes }). */
  breaksJson: text('breaks_json').notNull().default('[]'),
  costPerHour: real('cost_per_hour').notNull().default(1),
  minCountPerDay: integer('min_count_per_day').notNull().default(0),
  /** Null: no limit. */
  maxCountPerDay: integer('max_count_per_day'),
  createdAtMs: integer('created_at_ms').notNull(),
  updatedAtMs: integer('updated_at_ms').notNull(),
  version: integer('version').notNull().default(1),
}, (t) => [uniqueIndex('shift_templates_queue_name').on(t.queueId, t.name)])

/** An agent (rostering): contracted hours, availability, skills (queue ids) and days-off rules. */
export const agents = sqliteTable('agents', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  contractedHoursPerWeek: real('contracted_hours_per_week').notNull(),
  /** JSON: AvailabilityWindow[] ({ day, from, to } local clock times), or null = always available. */
  availabilityJson: text('availability_json'),
  /** JSON: number[] of the queue ids the agent can work. */
  skillsJson: text('skills_json').notNull().default('[]'),
  /** JSON: { maxDaysPerWeek, minConsecutiveDaysOff, minRestHoursBetweenShifts, maxHoursPerWeek? }. */
  daysOffJson: text('days_off_json').notNull().default('{}'),
  createdAtMs: integer('created_at_ms').notNull(),
  updatedAtMs: integer('updated_at_ms').notNull(),
  version: integer('version').notNull().default(1),
})

/**
 * A generated (and possibly hand-edited) schedule of a queue for a range of local dates. Draft until published;
 * the latest published schedule of a queue is what event flags and scenarios compare against. The requirement
 * snapshot keeps what the schedule was made for (local and UTC interval starts, agents required, volume, AHT, the
 * staffing model and targets), so coverage and service level are recomputed without forecasting again.
 */
export const schedules = sqliteTable('schedules', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  queueId: integer('queue_id').notNull().references(() => queues.id),
  fromDateKey: text('from_date_key').notNull(),
  toDateKey: text('to_date_key').notNull(),
  status: text('status', { enum: ['draft', 'published'] }).notNull().default('draft'),
  createdAtMs: integer('created_at_ms').notNull(),
  updatedAtMs: integer('updated_at_ms').notNull(),
  publishedAtMs: integer('published_at_ms'),
  /** 'optimal' | 'feasible' (a limit stopped the solver) and HiGHS's own status text. */
  solverStatus: text('solver_status').notNull(),
  solverStatusText: text('solver_status_text').notNull().default(''),
  /** Relative optimality gap (0–1) reported by the solver. */
  gap: real('gap').notNull(),
  objective: real('objective').notNull(),
  solveMs: integer('solve_ms').notNull().default(0),
  /** Paid agent-hours and shift cost as generated; edits change the shifts, the page recomputes these. */
  paidAgentHours: real('paid_agent_hours').notNull(),
  shiftCost: real('shift_cost').notNull().default(0),
  /** JSON: RequirementSnapshot (src/planning/schedulePlan.ts). */
  requirementJson: text('requirement_json').notNull(),
  /** JSON: the ShiftTemplate[] the schedule was generated with (adding a shift by hand uses them). */
  templatesJson: text('templates_json').notNull().default('[]'),
  /** Manual edits since generation. */
  editCount: integer('edit_count').notNull().default(0),
  version: integer('version').notNull().default(1),
}, (t) => [index('schedules_queue_status').on(t.queueId, t.status, t.publishedAtMs)])

/**
 * The shifts of a schedule: identical shifts (template, local start, break placements) grouped with a count while
 * a draft; once published, one row per agent's shift (count 1, agent set), shifts nobody could take grouped with
 * agent null. Start as local 'YYYY-MM-DDTHH:MM' (the scheduling module's time) and as UTC ms.
 */
export const scheduleShifts = sqliteTable('schedule_shifts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  scheduleId: integer('schedule_id').notNull().references(() => schedules.id, { onDelete: 'cascade' }),
  templateName: text('template_name').notNull(),
  startLocal: text('start_local').notNull(),
  startMs: integer('start_ms').notNull(),
  lengthMinutes: integer('length_minutes').notNull(),
  paidMinutes: integer('paid_minutes').notNull(),
  count: integer('count').notNull(),
  agent: text('agent'),
  /** Published shifts nobody could take (agent null): why, as the roster said when publishing. */
  unassignedReason: text('unassigned_reason'),
  /** JSON: ScheduledBreak[] (breakIndex, name, offsetMinutes, lengthMinutes, paid, count). */
  breaksJson: text('breaks_json').notNull().default('[]'),
}, (t) => [index('schedule_shifts_schedule_start').on(t.scheduleId, t.startMs)])

export type Queue = typeof queues.$inferSelect
export type ImportBatch = typeof importBatches.$inferSelect
export type Contact = typeof contacts.$inferSelect
export type IntervalAggregate = typeof intervalAggregates.$inferSelect
export type StaffingSettingsRow = typeof staffingSettings.$inferSelect
export type ForecastSnapshot = typeof forecastSnapshots.$inferSelect
export type ForecastSnapshotInterval = typeof forecastSnapshotIntervals.$inferSelect
export type EventRow = typeof events.$inferSelect
export type ShiftTemplateRow = typeof shiftTemplates.$inferSelect
export type AgentRow = typeof agents.$inferSelect
export type ScheduleRow = typeof schedules.$inferSelect
export type ScheduleShiftRow = typeof scheduleShifts.$inferSelect

/** A local account. The password is kept only as a scrypt hash (`scrypt$N$r$p$salt$hash`, base64), never in clear. */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['viewer', 'scheduler', 'manager', 'admin'] }).notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAtMs: integer('created_at_ms').notNull(),
  updatedAtMs: integer('updated_at_ms').notNull(),
  /** The agent this account is (a viewer linked by an admin sees that agent's shifts on My shifts); null = none. */
  agentId: integer('agent_id').references(() => agents.id),
}, (t) => [
  // User names are case-insensitive (migration 0008).
  uniqueIndex('users_username_lower').on(sql`lower(${t.username})`),
])

/**
 * A signed-in session. The cookie holds a random token; only its SHA-256 is stored, so a copy of the database does
 * not sign anyone in. Each session has its own CSRF token for forms and htmx requests.
 */
export const sessions = sqliteTable('sessions', {
  tokenSha256: text('token_sha256').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAtMs: integer('created_at_ms').notNull(),
  expiresAtMs: integer('expires_at_ms').notNull(),
}, (t) => [index('sessions_user').on(t.userId)])

/** Who changed what, when: one row per change (imports, events, scenarios, baselines, schedules, users). */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  atMs: integer('at_ms').notNull(),
  /** The signed-in user's id and name at the time (the name is kept if the account is removed later). */
  userId: integer('user_id'),
  username: text('username').notNull(),
  /** What was done, e.g. `event.update`, `import.create`, `schedule.publish`. */
  action: text('action').notNull(),
  /** The kind of thing changed and its id, e.g. `event` / `12`. */
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  /** A short human description (names, counts). */
  summary: text('summary').notNull().default(''),
}, (t) => [index('audit_log_at').on(t.atMs)])

export type UserRow = typeof users.$inferSelect
export type SessionRow = typeof sessions.$inferSelect
export type AuditRow = typeof auditLog.$inferSelect

/**
 * A baseline: the plan in force frozen under a name and a version (forecast per interval, staffing settings, the
 * staffing computed from them, the schedule's coverage if one was published, the events applied, opening hours and
 * the cost of an hour). Rows are never updated: promoting a scenario inserts the next version of the same name.
 */
export const baselines = sqliteTable('baselines', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  queueId: integer('queue_id').notNull().references(() => queues.id),
  name: text('name').notNull(),
  /** 1, 2, … per queue and name. */
  version: integer('version').notNull(),
  /** Free text for now (the form's "who"); the accounts issue fills it from the session. */
  createdBy: text('created_by').notNull().default('manager'),
  createdAtMs: integer('created_at_ms').notNull(),
  /** The scenario this version was promoted from (null for a plan frozen from the pages). */
  promotedFromScenarioId: integer('promoted_from_scenario_id'),
  /** The queue's name and zone at freeze time. */
  queueName: text('queue_name').notNull(),
  timeZone: text('time_zone').notNull(),
  intervalMinutes: integer('interval_minutes').notNull(),
  fromDateKey: text('from_date_key').notNull(),
  toDateKey: text('to_date_key').notNull(),
  /** Where the forecast came from, e.g. "published forecast #3". */
  forecastSource: text('forecast_source').notNull(),
  volumeModel: text('volume_model').notNull(),
  /** JSON: AhtSource. */
  ahtJson: text('aht_json').notNull(),
  /** JSON: StaffingSettings (fractions 0–1). */
  settingsJson: text('settings_json').notNull(),
  /** JSON: FrozenEvent[] (with the effect value that was applied). */
  eventsJson: text('events_json').notNull().default('[]'),
  /** JSON: 7 entries, Monday first, each null or { openMinute, closeMinute }. */
  openingHoursJson: text('opening_hours_json').notNull(),
  /** The calendar per date frozen with the baseline (DateOpeningHours[]); null in baselines made before it. */
  dateHoursJson: text('date_hours_json'),
  costPerHour: real('cost_per_hour').notNull(),
  /** Where the per-interval coverage came from (null: no schedule). */
  coverageSource: text('coverage_source'),
}, (t) => [uniqueIndex('baselines_queue_name_version').on(t.queueId, t.name, t.version)])

/** One interval of a baseline: the forecast before and with events, and the frozen plan computed from it. */
export const baselineIntervals = sqliteTable('baseline_intervals', {
  baselineId: integer('baseline_id').notNull().references(() => baselines.id, { onDelete: 'cascade' }),
  intervalStartMs: integer('interval_start_ms').notNull(),
  baseVolume: real('base_volume').notNull(),
  baseLo80: real('base_lo80').notNull(),
  baseHi80: real('base_hi80').notNull(),
  baseLo95: real('base_lo95').notNull(),
  baseHi95: real('base_hi95').notNull(),
  volume: real('volume').notNull(),
  volumeLo80: real('volume_lo80').notNull(),
  volumeHi80: real('volume_hi80').notNull(),
  volumeLo95: real('volume_lo95').notNull(),
  volumeHi95: real('volume_hi95').notNull(),
  forecastAhtSeconds: real('forecast_aht_seconds').notNull(),
  /** The AHT the plan used (the settings' override where there is one). */
  ahtSeconds: real('aht_seconds').notNull(),
  workloadErlangs: real('workload_erlangs').notNull(),
  agentsRequired: integer('agents_required').notNull(),
  agentsScheduledExact: real('agents_scheduled_exact').notNull(),
  agentsScheduled: integer('agents_scheduled').notNull(),
  expectedServiceLevel: real('expected_service_level').notNull(),
  /** Null = unbounded (too few agents to keep up). */
  expectedAsaSeconds: real('expected_asa_seconds'),
  expectedAbandonFraction: real('expected_abandon_fraction').notNull(),
  expectedOccupancy: real('expected_occupancy').notNull(),
  slaMissProbability: real('sla_miss_probability'),
  /** Agents on shift from the schedule (paid, before shrinkage); null without one. */
  coverageAgents: real('coverage_agents'),
  /** With the agents that are there (the coverage's, else the requirement's). */
  serviceLevel: real('service_level').notNull(),
  /** Null = unbounded. */
  asaSeconds: real('asa_seconds'),
  /** Abandonment with the agents that are there (null in baselines stored before it was kept). */
  abandonFraction: real('abandon_fraction'),
}, (t) => [primaryKey({ columns: [t.baselineId, t.intervalStartMs] })])

/**
 * A what-if scenario: overrides of a baseline's inputs (JSON ScenarioOverrides), compared with that baseline.
 * `version` counts saves, so a stale form is refused instead of overwriting a newer save.
 */
export const scenarios = sqliteTable('scenarios', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  baselineId: integer('baseline_id').notNull().references(() => baselines.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  overridesJson: text('overrides_json').notNull().default('{}'),
  createdBy: text('created_by').notNull().default('manager'),
  createdAtMs: integer('created_at_ms').notNull(),
  updatedBy: text('updated_by').notNull().default('manager'),
  updatedAtMs: integer('updated_at_ms').notNull(),
  version: integer('version').notNull().default(1),
}, (t) => [index('scenarios_baseline').on(t.baselineId)])

export type BaselineRow = typeof baselines.$inferSelect
export type BaselineIntervalRow = typeof baselineIntervals.$inferSelect
export type ScenarioRow = typeof scenarios.$inferSelect

/**
 * An API token (the Tokens page, `chatplan tokens create`): a name, the role it acts with, and only the SHA-256 of
 * the secret (shown once at creation). Revoked tokens are kept (revoked_at_ms set) so the audit log still names them.
 */
export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  role: text('role', { enum: ['viewer', 'scheduler', 'manager', 'admin'] }).notNull(),
  tokenSha256: text('token_sha256').notNull().unique(),
  createdBy: text('created_by').notNull(),
  createdAtMs: integer('created_at_ms').notNull(),
  lastUsedAtMs: integer('last_used_at_ms'),
  revokedAtMs: integer('revoked_at_ms'),
})

export type ApiTokenRow = typeof apiTokens.$inferSelect

/** Rows an import merge replaced, kept until the merge commits, so a merge that dies is undone (importBatch.ts). */
export const importUndoContacts = sqliteTable('import_undo_contacts', {
  undoBatchId: integer('undo_batch_id').notNull(),
  id: integer('id').notNull(),
  queueId: integer('queue_id').notNull(),
  batchId: integer('batch_id').notNull(),
  externalId: text('external_id'),
  arrivedAtMs: integer('arrived_at_ms').notNull(),
  firstResponseAtMs: integer('first_response_at_ms'),
  endedAtMs: integer('ended_at_ms'),
  waitSeconds: real('wait_seconds'),
  handleSeconds: real('handle_seconds'),
  outcome: text('outcome').notNull(),
  agent: text('agent'),
  issueType: text('issue_type'),
  customerSegment: text('customer_segment'),
  resolvedFirstContact: integer('resolved_first_contact'),
  csatScore: integer('csat_score'),
  npsScore: integer('nps_score'),
  synthetic: integer('synthetic').notNull(),
}, (t) => [index('import_undo_contacts_batch').on(t.undoBatchId)])

export const importUndoIntervals = sqliteTable('import_undo_intervals', {
  undoBatchId: integer('undo_batch_id').notNull(),
  id: integer('id').notNull(),
  queueId: integer('queue_id').notNull(),
  batchId: integer('batch_id').notNull(),
  intervalStartMs: integer('interval_start_ms').notNull(),
  intervalMinutes: integer('interval_minutes').notNull(),
  offered: real('offered').notNull(),
  handled: real('handled'),
  abandoned: real('abandoned'),
  ahtSeconds: real('aht_seconds'),
}, (t) => [index('import_undo_intervals_batch').on(t.undoBatchId)])

/** A saved long-range capacity plan: its inputs (src/capacity/capacityPlanSpec.ts) as JSON; results are recomputed. */
export const capacityPlans = sqliteTable('capacity_plans', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  queueId: integer('queue_id').notNull().references(() => queues.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  specJson: text('spec_json').notNull(),
  createdBy: text('created_by').notNull().default('manager'),
  createdAtMs: integer('created_at_ms').notNull(),
  updatedBy: text('updated_by').notNull().default('manager'),
  updatedAtMs: integer('updated_at_ms').notNull(),
  version: integer('version').notNull().default(1),
}, (t) => [index('capacity_plans_queue').on(t.queueId)])

export type CapacityPlanRow = typeof capacityPlans.$inferSelect

/** Settings of the whole team (one row, id 1): how dates and times are shown on every page. */
export const teamSettings = sqliteTable('team_settings', {
  id: integer('id').primaryKey(),
  /** 'iso' (2000-01-04 09:30), 'dmy' (04/01/2000 09:30) or 'mdy' (01/04/2000 9:30 AM): see src/format/dateTime.ts. */
  dateStyle: text('date_style').notNull().default('iso'),
  /** 'comma-point' (1,234.5), 'point-comma' (1.234,5), 'space-comma' (1 234,5) or 'apostrophe-point' (1’234.5): see src/format/numbers.ts. */
  numberStyle: text('number_style').notNull().default('comma-point'),
  updatedAtMs: integer('updated_at_ms'),
  updatedBy: text('updated_by'),
})

/**
 * Opening hours of a queue on one local date, over its weekday hours: closed (a holiday) or open from-to (a short
 * day), with the reason. `source` 'holiday' rows were seeded from the queue's holiday country; edits make them 'manual'.
 */
export const queueDateHours = sqliteTable('queue_date_hours', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  queueId: integer('queue_id').notNull().references(() => queues.id, { onDelete: 'cascade' }),
  dateKey: text('date_key').notNull(),
  closed: integer('closed', { mode: 'boolean' }).notNull().default(false),
  /** Local minutes of the day (open days only). */
  openMinute: integer('open_minute'),
  closeMinute: integer('close_minute'),
  reason: text('reason').notNull().default(''),
  source: text('source', { enum: ['manual', 'holiday'] }).notNull().default('manual'),
  updatedAtMs: integer('updated_at_ms').notNull(),
  updatedBy: text('updated_by').notNull().default(''),
}, (t) => [uniqueIndex('queue_date_hours_queue_date').on(t.queueId, t.dateKey)])

/**
 * An agent's request: time off (a local date range) or a swap (one of their published shifts, given to a named
 * colleague). A scheduler approves or refuses it with a note; `outcome` says what the approval changed.
 */
export const rosterRequests = sqliteTable('roster_requests', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: ['time_off', 'swap'] }).notNull(),
  agentId: integer('agent_id').notNull().references(() => agents.id, { onDelete: 'cascade' }),
  requestedBy: text('requested_by').notNull(),
  fromDateKey: text('from_date_key'),
  toDateKey: text('to_date_key'),
  /** Swap: the schedule_shifts row (of a published schedule) to hand over. */
  shiftId: integer('shift_id'),
  colleagueAgentId: integer('colleague_agent_id'),
  reason: text('reason').notNull().default(''),
  status: text('status', { enum: ['pending', 'approved', 'refused'] }).notNull().default('pending'),
  decisionNote: text('decision_note').notNull().default(''),
  decidedBy: text('decided_by'),
  decidedAtMs: integer('decided_at_ms'),
  outcome: text('outcome').notNull().default(''),
  createdAtMs: integer('created_at_ms').notNull(),
}, (t) => [index('roster_requests_status').on(t.status, t.createdAtMs)])

/** An agent's secret calendar feed: only the SHA-256 of the URL's token is kept (regenerating replaces it). */
export const agentCalendarFeeds = sqliteTable('agent_calendar_feeds', {
  agentId: integer('agent_id').primaryKey().references(() => agents.id, { onDelete: 'cascade' }),
  tokenSha256: text('token_sha256').notNull(),
  createdAtMs: integer('created_at_ms').notNull(),
}, (t) => [uniqueIndex('agent_calendar_feeds_token').on(t.tokenSha256)])

export type QueueDateHoursRow = typeof queueDateHours.$inferSelect
export type RosterRequestRow = typeof rosterRequests.$inferSelect
