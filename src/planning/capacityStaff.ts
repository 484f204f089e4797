/**
 * Today's headcount of a capacity plan taken from the queue's own setup: the agents in the database who serve the
 * queue (their skills include it). Headcount is in FTE: each agent's contracted hours a week / the hours of an
 * FTE-week (the queue's staffing settings' hours per FTE-day × FTE_DAYS_PER_WEEK, the same FTE the requirement is
 * counted in). Agents are grouped by their whole skill set (the queues they serve, this queue first): an agent
 * who also serves other queues is counted once, in the group of exactly those queues (e.g. "PS-NW"); agents who
 * serve only this queue are in the group named after it. With one skill set only, there are no groups to plan.
 * The /capacity form (new plan) and `chatplan capacity --queue NAME` both start from this; the manager can edit it.
 */
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { findQueueByName, listQueues } from '../db/queues.ts'
import { listAgents } from '../db/schedules.ts'
import { findStaffingSettings } from '../db/staffingSettings.ts'
import { GROUP_NAME_PATTERN, type CapacityFormValues } from '../capacity/index.ts'
import { DEFAULT_STAFFING_SETTINGS } from './staffingPlan.ts'

/** Days an FTE works in a week: the requirement's hours per FTE-week are the settings' hours per FTE-day × this. */
export const FTE_DAYS_PER_WEEK = 5

export interface StaffGroupDefault {
  /** A group name the headcount model accepts (letters, digits, _ . -): the skill set's queue names joined by '-'. */
  name: string
  /** The queue names of the skill set, this queue first. */
  queues: string[]
  agents: number
  contractedHoursPerWeek: number
  /** contractedHoursPerWeek / hoursPerFteWeek, to 2 decimals. */
  fte: number
}

export interface QueueStaffDefaults {
  queueId: number
  queueName: string
  /** Agents set up for the queue (0: none, the manager types the headcount). */
  agents: number
  hoursPerFteWeek: number
  contractedHoursPerWeek: number
  /** Today's headcount in FTE: the sum of the groups' FTE (each rounded to 2 decimals, so the sum matches exactly). */
  headcountFte: number
  /** One per skill set, largest first (a single skill set still has one entry). */
  groups: StaffGroupDefault[]
}

/** A queue name as a group-name part: characters the model does not take become '_'. */
function namePart(queueName: string): string {
  return queueName.trim().replace(/[^A-Za-z0-9_.]+/g, '_').replace(/^_+|_+$/g, '') || 'queue'
}

/**
 * The defaults from plain agent data (pure).
 * @param agents every agent (skills as queue ids); those without this queue's skill are left out
 */
export function staffDefaultsOf(agents: readonly { contractedHoursPerWeek: number; skillQueueIds: readonly number[] }[], queue: { id: number; name: string }, queueNameById: ReadonlyMap<number, string>, hoursPerFteWeek: number): QueueStaffDefaults {
  const serving = agents.filter((a) => a.skillQueueIds.includes(queue.id))
  const bySet = new Map<string, { queues: string[]; agents: number; hours: number }>()
  for (const a of serving) {
    const others = [...new Set(a.skillQueueIds)].filter((id) => id !== queue.id).map((id) => queueNameById.get(id) ?? `queue ${id}`).sort((x, y) => x.localeCompare(y))
    const queues = [queue.name, ...others]
    const key = queues.join('\u0000')
    const entry = bySet.get(key) ?? { queues, agents: 0, hours: 0 }
    entry.agents++
    entry.hours += a.contractedHoursPerWeek
    bySet.set(key, entry)
  }
  const used = new Set<string>()
  const groups = [...bySet.values()].sort((a, b) => b.hours - a.hours || a.queues.length - b.queues.length).map((g) => {
    let name = g.queues.map(namePart).join('-').slice(0, 40)
    for (let i = 2; used.has(name.toLowerCase()) || !GROUP_NAME_PATTERN.test(name); i++) name = `${g.queues.map(namePart).join('-').slice(0, 36)}-${i}`
    used.add(name.toLowerCase())
    return { name, queues: g.queues, agents: g.agents, contractedHoursPerWeek: g.hours, fte: Math.round((g.hours / hoursPerFteWeek) * 100) / 100 }
  })
  const hundredths = groups.reduce((s, g) => s + Math.round(g.fte * 100), 0)
  return {
    queueId: queue.id, queueName: queue.name, agents: serving.length, hoursPerFteWeek,
    contractedHoursPerWeek: serving.reduce((s, a) => s + a.contractedHoursPerWeek, 0), headcountFte: hundredths / 100, groups,
  }
}

/** The defaults of a queue from the database (agents, queue names, the queue's hours per FTE). */
export async function queueStaffDefaults(db: Db, queue: Pick<Queue, 'id' | 'name'>): Promise<QueueStaffDefaults> {
  const names = new Map((await listQueues(db)).map((q) => [q.id, q.name]))
  const hoursPerFte = (await findStaffingSettings(db, queue.id))?.hoursPerFte ?? DEFAULT_STAFFING_SETTINGS.hoursPerFte
  return staffDefaultsOf(await listAgents(db), queue, names, hoursPerFte * FTE_DAYS_PER_WEEK)
}

const fmt = (n: number) => String(Math.round(n * 100) / 100)

/** The groups a plan would take (none when every agent has the same skills: one group is the whole team). */
export function defaultGroups(d: QueueStaffDefaults): StaffGroupDefault[] {
  return d.groups.length > 1 ? d.groups : []
}

/** What the pre-fill is, in the manager's words (the page's label and the CLI's note). */
export function staffDefaultsLabel(d: QueueStaffDefaults): string {
  if (!d.agents) return `The queue ${d.queueName} has no agents set up (no agent has its skill): type today's headcount yourself, or add agents on the setup page.`
  const groups = defaultGroups(d)
  const head = `From the ${d.agents} agent${d.agents === 1 ? '' : 's'} set up for this queue (${d.queueName}): ${fmt(d.contractedHoursPerWeek)} contracted hours a week / ${fmt(d.hoursPerFteWeek)} hours per FTE = ${fmt(d.headcountFte)} FTE today.`
  if (!groups.length) return `${head} They all have the same skills (${d.groups[0].queues.join(', ')}), so there are no groups.`
  return `${head} Grouped by skill set, each agent counted once, in the group of all the queues they serve: ${groups.map((g) => `${g.name} ${g.agents} agent${g.agents === 1 ? '' : 's'} = ${fmt(g.fte)} FTE`).join('; ')}. Edit them as you like.`
}

/** A new plan's form values with the queue's headcount and groups filled in (unchanged when it has no agents). */
export function withStaffDefaults(values: CapacityFormValues, d: QueueStaffDefaults): CapacityFormValues {
  if (!d.agents) return values
  return { ...values, queueId: String(d.queueId), headcount: fmt(d.headcountFte), groups: defaultGroups(d).map((g) => `${g.name} ${fmt(g.fte)}`).join('\n') }
}

/**
 * A headcount model as written (S.json) that leaves headcount out, completed from the queue: with its own groups,
 * headcount is their sum; else the agents' FTE, and their skill groups where there are several and the file has no
 * team-wide planned_hires, transfers or leave (those would have to be given per group). Other fields are untouched.
 * @throws RangeError when headcount is left out and the queue has no agents set up
 */
export function staffJsonWithDefaults(json: unknown, d: QueueStaffDefaults): { json: unknown; filled: boolean } {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || 'headcount' in json) return { json, filled: false }
  if (!d.agents) throw new RangeError(`headcount: the staff file leaves it out, and the queue '${d.queueName}' has no agents set up: give "headcount" in the staff file`)
  const given = json as Record<string, unknown>
  if (Array.isArray(given.groups)) {
    // the manager's own groups: today's headcount is their sum (each person in one group)
    const sum = given.groups.reduce((s: number, g) => s + (typeof g === 'object' && g !== null && typeof (g as { headcount?: unknown }).headcount === 'number' ? (g as { headcount: number }).headcount : 0), 0)
    return { json: { ...given, headcount: sum }, filled: false }
  }
  const groups = defaultGroups(d)
  // lists written for the whole team cannot go with groups: then only the headcount is taken
  const teamLists = ['planned_hires', 'transfers', 'leave'].some((k) => Array.isArray(given[k]) && (given[k] as unknown[]).length)
  if (!groups.length || teamLists) return { json: { ...given, headcount: d.headcountFte }, filled: true }
  return { json: { ...given, headcount: d.headcountFte, groups: groups.map((g) => ({ name: g.name, headcount: g.fte })) }, filled: true }
}

/**
 * Runs `fn` with the queue named on the command line (`chatplan capacity --queue NAME`), in the database of
 * DATABASE_URL (migrated, closed after).
 * @throws RangeError naming the queue and listing the others when it is not there
 */
export async function withNamedQueue<T>(queueName: string, env: Record<string, string | undefined>, fn: (db: Db, queue: Queue) => Promise<T>): Promise<T> {
  const { loadConfig } = await import('../config.ts')
  const { createDb, closeDb } = await import('../db/client.ts')
  const { migrateDb } = await import('../db/migrate.ts')
  const config = loadConfig(env)
  const db = await createDb(config.databaseUrl, config.databaseAuthToken)
  try {
    await migrateDb(db)
    const queue = await findQueueByName(db, queueName)
    if (!queue) {
      const names = (await listQueues(db)).map((q) => `'${q.name}'`)
      throw new RangeError(`--queue: no queue named '${queueName}' in ${config.databaseUrl}; ${names.length ? `the queues are ${names.join(', ')}` : 'the database has no queues: import data first'}`)
    }
    return await fn(db, queue)
  } finally {
    closeDb(db)
  }
}

/**
 * `chatplan capacity --queue NAME`: the queue's defaults from the database (DATABASE_URL).
 * @throws RangeError naming the queue when it is not there
 */
export function queueStaffDefaultsByName(queueName: string, env: Record<string, string | undefined>): Promise<QueueStaffDefaults> {
  return withNamedQueue(queueName, env, (db, queue) => queueStaffDefaults(db, queue))
}
