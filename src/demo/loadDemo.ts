/**
 * The demo: real history from ../shared/data (copied into data/demo/, see its README) loaded into an empty
 * database, plus clearly labelled synthetic survey fields so the KPI pages have something to show.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Db } from '../db/client.ts'
import { importFile } from '../db/importBatch.ts'
import { findQueueByName, type OpeningHours } from '../db/queues.ts'
import { importAgentsCsv, importTemplatesCsv } from '../planning/setupImport.ts'
import { formatSetupCsvProblem } from '../scheduling/setupCsv.ts'

const demoDir = fileURLToPath(new URL('../../data/demo/', import.meta.url))

/** The Israeli bank's week: Sunday–Thursday 07:00–24:00, Friday 07:00–14:00, Saturday from 20:00 (Monday first). */
export const ISRAEL_BANK_HOURS: OpeningHours = [
  { openMinute: 420, closeMinute: 1440 }, { openMinute: 420, closeMinute: 1440 }, { openMinute: 420, closeMinute: 1440 },
  { openMinute: 420, closeMinute: 1440 }, { openMinute: 420, closeMinute: 840 }, { openMinute: 1200, closeMinute: 1440 },
  { openMinute: 420, closeMinute: 1440 },
]
/** The queue the pages open with: PS, the bank's largest service type, whose contacts carry handle times (AHT). */
export const DEMO_DEFAULT_QUEUE = 'PS'

/** The US bank: weekdays 07:00–21:00. */
export const US_BANK_HOURS: OpeningHours = [
  { openMinute: 420, closeMinute: 1260 }, { openMinute: 420, closeMinute: 1260 }, { openMinute: 420, closeMinute: 1260 },
  { openMinute: 420, closeMinute: 1260 }, { openMinute: 420, closeMinute: 1260 }, null, null,
]

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const r = await db.client.execute('SELECT (SELECT COUNT(*) FROM queues) + (SELECT COUNT(*) FROM import_batches) AS n')
  return Number(r.rows[0].n) === 0
}

/**
 * A number in [0, 1) from a contact id, in SQL: Knuth's multiplicative hash of the id, then a second multiplicative
 * step modulo a prime whose multiplier depends on the salt, so that different salts give unrelated numbers.
 */
function hashUniform(salt: number): string {
  const multiplier = (salt * 2 + 1) * 97
  return `(((((id * 2654435761) % 4294967296) >> 7) * ${multiplier} + ${salt * 7919}) % 1000003) / 1000003.0`
}

export async function loadDemo(db: Db, log: (line: string) => void = () => {}): Promise<void> {
  const started = Date.now()
  await importFile(db, {
    kind: 'contacts', path: demoDir + 'anon_bank_1999_contacts.csv', fileName: 'anon_bank_1999_contacts.csv',
    timeZone: 'Asia/Jerusalem', columnOverrides: { customerSegment: 'priority' }, synthetic: true,
  })
  await importFile(db, { kind: 'intervals', path: demoDir + 'anon_bank_1999_6min.csv', fileName: 'anon_bank_1999_6min.csv', queueName: 'Bank (all calls)', timeZone: 'Asia/Jerusalem' })
  await importFile(db, { kind: 'intervals', path: demoDir + 'bank_calls_30min.csv', fileName: 'bank_calls_30min.csv', queueName: 'US bank', timeZone: 'America/New_York' })
  await db.client.batch([
    { sql: `UPDATE queues SET opening_hours_json = ?, holiday_country = 'IL' WHERE time_zone = 'Asia/Jerusalem'`, args: [JSON.stringify(ISRAEL_BANK_HOURS)] },
    { sql: `UPDATE queues SET opening_hours_json = ?, holiday_country = 'US' WHERE name = 'US bank'`, args: [JSON.stringify(US_BANK_HOURS)] },
    // Real: the customer's priority. Synthetic (and marked so): issue type, resolution, CSAT and NPS answers.
    `UPDATE contacts SET customer_segment = CASE customer_segment WHEN '2' THEN 'high priority' ELSE 'regular' END`,
    `UPDATE contacts SET synthetic = 1,
       issue_type = CASE WHEN ${hashUniform(11)} < 0.35 THEN 'account access' WHEN ${hashUniform(11)} < 0.60 THEN 'payments'
                         WHEN ${hashUniform(11)} < 0.78 THEN 'cards' WHEN ${hashUniform(11)} < 0.90 THEN 'loans' ELSE 'other' END`,
    `UPDATE contacts SET resolved_first_contact = CASE WHEN ${hashUniform(23)} < 0.86 - MIN(handle_seconds / 3000.0, 0.25) THEN 1 ELSE 0 END
       WHERE outcome = 'answered'`,
    `UPDATE contacts SET csat_score = MAX(1, MIN(5, CAST(ROUND(4.5 - MIN(wait_seconds, 600) / 150.0 - (1 - resolved_first_contact) * 1.3
         + (${hashUniform(37)} - 0.5) * 2.2) AS INTEGER)))
       WHERE outcome = 'answered' AND ${hashUniform(41)} < 0.3`,
    `UPDATE contacts SET nps_score = MAX(0, MIN(10, CAST(ROUND(9.2 - MIN(wait_seconds, 600) / 80.0 - (1 - COALESCE(resolved_first_contact, 0)) * 3
         + (${hashUniform(53)} - 0.5) * 4) AS INTEGER)))
       WHERE ${hashUniform(59)} < 0.2`,
  ], 'write')
  // The default queue, with shift templates and a team, so a schedule can be generated in the first minutes.
  await db.client.execute({ sql: 'UPDATE queues SET is_default = (name = ?)', args: [DEMO_DEFAULT_QUEUE] })
  const ps = await findQueueByName(db, DEMO_DEFAULT_QUEUE)
  if (ps) {
    for (const result of [
      await importTemplatesCsv(db, ps.id, readFileSync(demoDir + 'templates.csv', 'utf8'), 'data/demo/templates.csv'),
      await importAgentsCsv(db, readFileSync(demoDir + 'agents.csv', 'utf8'), 'data/demo/agents.csv'),
    ]) if (!result.ok) throw new Error(`the demo's set-up files are wrong:\n${result.problems.map(formatSetupCsvProblem).join('\n')}`)
  }
  log(`demo loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: Anonymous Bank 1999 contacts (synthetic survey fields), its 1999 arrivals, and the US bank 2003; default queue ${DEMO_DEFAULT_QUEUE} with shift templates and 26 agents`)
}
