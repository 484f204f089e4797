/**
 * Fault: the server is killed (SIGKILL, no chance to clean up) in the middle of a large import. After a restart the
 * import is either all there or not there at all, the database passes SQLite's integrity check, and the same file
 * then imports completely.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb } from '../../src/db/client.ts'
import { recoverInterruptedImports } from '../../src/db/importMerge.ts'
import { startServer, type RunningServer } from '../e2e/harness.ts'

const ROWS = 300_000

/** A contacts export of ROWS chats over 2024, deterministic. */
function largeContactsCsv(): string {
  const lines = ['contact_id,queue,arrived_at,answered_at,ended_at,wait_seconds,handle_seconds,outcome,agent']
  const start = Date.UTC(2024, 0, 1)
  for (let i = 0; i < ROWS; i++) {
    const arrived = start + i * 97_000
    const wait = (i * 37) % 240
    const handle = 120 + ((i * 53) % 900)
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19)
    lines.push(`${i + 1},Fault queue,${iso(arrived)},${iso(arrived + wait * 1000)},${iso(arrived + (wait + handle) * 1000)},${wait},${handle},answered,agent ${i % 40}`)
  }
  return lines.join('\n') + '\n'
}

async function postImport(baseUrl: string, headers: Record<string, string>, csv: string): Promise<string> {
  const form = new FormData()
  form.set('file', new File([csv], 'large-contacts.csv', { type: 'text/csv' }))
  form.set('kind', 'contacts')
  form.set('timeZone', 'UTC')
  const res = await fetch(baseUrl + '/imports', { method: 'POST', body: form, headers, redirect: 'manual' })
  expect(res.status).toBe(303)
  return baseUrl + res.headers.get('location')!
}

/** The job's progress as a fraction (from the <progress> element), or null when it is no longer running. */
async function progressOf(jobUrl: string, headers: Record<string, string>): Promise<number | null> {
  const html = await (await fetch(jobUrl, { headers: { ...headers, 'HX-Request': 'true' } })).text()
  const m = /<progress[^>]*value="([0-9.e-]+)"/.exec(html)
  return html.includes('id="import-progress"') ? Number(m?.[1] ?? 0) : null
}

describe('SIGKILL during a large import', () => {
  let dir: string
  let server: RunningServer | undefined
  let csv: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-fault-'))
    csv = largeContactsCsv()
    writeFileSync(join(dir, 'large.csv'), csv)
  })
  afterAll(async () => {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('leaves the import all there or not there at all, and the database intact', async () => {
    const env = { DATABASE_URL: 'file:' + join(dir, 'fault.db'), CHATPLAN_DEMO: 'off' }
    server = await startServer(env)
    const auth = await server.signIn()
    const jobUrl = await postImport(server.baseUrl, auth.headers, csv)
    let progress: number | null = 0
    const deadline = Date.now() + 60_000
    while (progress !== null && progress < 0.3 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25))
      progress = await progressOf(jobUrl, auth.headers)
    }
    expect(progress, 'the import finished before it could be interrupted').not.toBeNull()
    expect(progress!).toBeGreaterThanOrEqual(0.3)
    server.process.kill('SIGKILL')
    await new Promise((r) => server!.process.once('exit', r))

    const db = await createDb(env.DATABASE_URL)
    const count = async (sql: string) => Number((await db.client.execute(sql)).rows[0][0])
    expect(String((await db.client.execute('PRAGMA integrity_check')).rows[0][0])).toBe('ok')
    // The import was staged, not merged: what the dead process left is a batch marked 'merging' (and its staging
    // file), which the next start undoes before anyone reads it (src/db/importMerge.ts). Run that recovery here.
    expect(await count(`SELECT COUNT(*) FROM import_batches WHERE status = 'committed'`)).toBe(0)
    const merging = await count(`SELECT COUNT(*) FROM import_batches WHERE status = 'merging'`)
    expect(merging).toBe(1)
    expect(await recoverInterruptedImports(db, join(dir, 'fault.db'))).toHaveLength(merging)
    const batches = await count('SELECT COUNT(*) FROM import_batches')
    const contacts = await count('SELECT COUNT(*) FROM contacts')
    expect({ batches, contacts }).toEqual({ batches: 0, contacts: 0 })
    expect(readdirSync(dir).filter((f) => f.endsWith('.stage'))).toEqual([])
    db.client.close()

    // Restarted on the same file, the same upload imports completely.
    server = await startServer(env)
    const again = await server.signIn()
    const secondJob = await postImport(server.baseUrl, again.headers, csv)
    while ((await progressOf(secondJob, again.headers)) !== null) await new Promise((r) => setTimeout(r, 200))
    const html = await (await fetch(secondJob, { headers: { ...again.headers, 'HX-Request': 'true' } })).text()
    expect(html).toContain(`${ROWS.toLocaleString('en')}`)
    const after = await createDb(env.DATABASE_URL)
    expect(Number((await after.client.execute('SELECT COUNT(*) FROM contacts')).rows[0][0])).toBe(ROWS)
    expect(Number((await after.client.execute('SELECT COUNT(*) FROM import_batches')).rows[0][0])).toBe(1)
    expect(String((await after.client.execute('PRAGMA integrity_check')).rows[0][0])).toBe('ok')
    after.client.close()
  }, 180_000) // two server starts and a 300,000-row import: ~35 s on a loaded 2-core machine
})
