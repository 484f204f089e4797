/**
 * Bulk set-up of a team from CSV (src/scheduling/setupCsv.ts for the format): agents with their contract,
 * availability, skills and rules, and the shift templates of a queue. An import is all or nothing: every row is
 * checked (the engine's rules, skills that name existing queues, templates that fit the queue's opening hours and
 * stay unique with its other templates) and every problem is reported with file, row and column; only a clean
 * file is written, in one transaction. Rows whose name already exists replace that agent or template.
 */
import type { Db } from '../db/client.ts'
import { listQueues } from '../db/queues.ts'
import { listAgents, listShiftTemplates, shiftTemplateOf, templatesOpeningHoursIssues, upsertAgents, upsertShiftTemplates, type NewAgent } from '../db/schedules.ts'
import { ScheduleInputError, validateShiftTemplates } from '../scheduling/index.ts'
import { agentsToCsv, parseAgentsCsv, parseTemplatesCsv, templatesToCsv, type SetupCsvProblem } from '../scheduling/setupCsv.ts'

export type SetupImportResult = { ok: true; created: number; updated: number } | { ok: false; problems: SetupCsvProblem[] }

/** Imports agents from CSV text: all rows or none (see the module doc). */
export async function importAgentsCsv(db: Db, text: string, file = 'agents.csv'): Promise<SetupImportResult> {
  const parsed = parseAgentsCsv(text, file)
  if (!parsed.ok) return parsed
  const queues = await listQueues(db)
  const idByName = new Map(queues.map((q) => [q.name.toLowerCase(), q.id]))
  const problems: SetupCsvProblem[] = []
  const list: NewAgent[] = parsed.rows.map((row, k) => {
    const skillQueueIds = row.skills.flatMap((name) => {
      const id = idByName.get(name.toLowerCase())
      if (id === undefined) problems.push({ file, row: k + 2, column: 'skills', message: `there is no queue '${name}' (queues: ${queues.map((q) => q.name).join(', ') || 'none yet'})` })
      return id === undefined ? [] : [id]
    })
    const { skills: _skills, ...rest } = row
    return { ...rest, skillQueueIds }
  })
  if (problems.length) return { ok: false, problems }
  return { ok: true, ...await upsertAgents(db, list) }
}

/** Every agent as CSV (skills as queue names), in the format importAgentsCsv reads. */
export async function exportAgentsCsv(db: Db): Promise<string> {
  const names = new Map((await listQueues(db)).map((q) => [q.id, q.name]))
  return agentsToCsv((await listAgents(db)).map(({ id: _id, version: _version, skillQueueIds, ...a }) => ({ ...a, skills: skillQueueIds.flatMap((id) => (names.has(id) ? [names.get(id)!] : [])) })))
}

/** Imports the shift templates of a queue from CSV text: all rows or none (see the module doc). */
export async function importTemplatesCsv(db: Db, queueId: number, text: string, file = 'templates.csv'): Promise<SetupImportResult> {
  const parsed = parseTemplatesCsv(text, file)
  if (!parsed.ok) return parsed
  const rowOf = new Map(parsed.rows.map((t, k) => [t.name, k + 2]))
  const problems: SetupCsvProblem[] = []
  for (const [name, messages] of await templatesOpeningHoursIssues(db, queueId, parsed.rows)) {
    for (const message of messages) problems.push({ file, row: rowOf.get(name) ?? 2, column: 'earliest_start', message: `does not fit the queue's opening hours: ${message}` })
  }
  const kept = (await listShiftTemplates(db, queueId)).map(shiftTemplateOf).filter((t) => !rowOf.has(t.name))
  try { validateShiftTemplates([...parsed.rows, ...kept]) } catch (error) {
    if (!(error instanceof ScheduleInputError)) throw error
    for (const issue of error.issues) problems.push({ file, row: rowOf.get(issue.template) ?? 2, column: issue.field, message: issue.message })
  }
  if (problems.length) return { ok: false, problems }
  return { ok: true, ...await upsertShiftTemplates(db, queueId, parsed.rows) }
}

/** The shift templates of a queue as CSV, in the format importTemplatesCsv reads. */
export async function exportTemplatesCsv(db: Db, queueId: number): Promise<string> {
  return templatesToCsv((await listShiftTemplates(db, queueId)).map(shiftTemplateOf))
}
