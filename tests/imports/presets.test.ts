/**
 * Chat-platform presets: each fixture is built from the fields the platform documents (see src/imports/presets.ts
 * and the README), holding the first four real contacts of ../shared/data/anon_bank_1999_contacts.csv. The preset
 * is detected from the headers, and the import stores the same waits, handle times, outcomes and agents as the
 * bank file says, whatever the platform's way of writing them (Unix seconds, `missed` flags, Status picklists).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { closeDb, createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { detectPreset, IMPORT_PRESETS, unixToIso } from '../../src/imports/presets.ts'

const cleanups: (() => void)[] = []
afterEach(() => { while (cleanups.length) cleanups.pop()!() })
const fixture = (name: string) => new URL(`../fixtures/presets/${name}`, import.meta.url).pathname

async function freshDb(): Promise<Db> {
  const dir = mkdtempSync(join(tmpdir(), 'chatplan-presets-'))
  const db = await createDb('file:' + join(dir, 'test.db'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => closeDb(db))
  await migrateDb(db)
  return db
}

/** What the bank file says of its first four contacts: outcome, wait and handle seconds, agent. */
const BANK = [
  { outcome: 'abandoned', wait_seconds: 153, handle_seconds: null, agent: null },
  { outcome: 'answered', wait_seconds: 17, handle_seconds: 54, agent: 'MICHAL' },
  { outcome: 'answered', wait_seconds: 0, handle_seconds: 208, agent: 'BASCH' },
  { outcome: 'answered', wait_seconds: 0, handle_seconds: 107, agent: 'MICHAL' },
]

const CASES = [
  { file: 'zendesk-chat.csv', preset: 'zendesk-chat', queue: 'PS', csat: [null, 5, 1, null] },
  { file: 'salesforce-livechattranscript.csv', preset: 'salesforce-live-agent', queue: '0Sk_PS', csat: [null, null, null, null] },
  { file: 'intercom-conversations.csv', preset: 'intercom', queue: 'PS', csat: [null, 5, 3, null] },
]

describe('chat-platform presets', () => {
  for (const c of CASES) {
    it(`recognises ${c.preset} from its headers and imports its contacts as the bank file has them`, async () => {
      const headers = readFileSync(fixture(c.file), 'utf8').split('\n')[0].split(',')
      expect(detectPreset(headers)?.id).toBe(c.preset)
      const db = await freshDb()
      const result = await importFile(db, { kind: 'contacts', path: fixture(c.file), fileName: c.file, timeZone: 'UTC' })
      const platform = IMPORT_PRESETS.find((p) => p.id === c.preset)!.platform
      expect(result).toMatchObject({ status: 'imported', rowsImported: 4, created: 4, preset: platform, queues: [c.queue] })
      const rows = (await db.client.execute('SELECT outcome, wait_seconds, handle_seconds, agent, csat_score, arrived_at_ms FROM contacts ORDER BY arrived_at_ms')).rows
      expect(rows.map((r) => ({ outcome: r.outcome, wait_seconds: r.wait_seconds, handle_seconds: r.handle_seconds, agent: r.agent }))).toEqual(BANK)
      expect(rows.map((r) => r.csat_score)).toEqual(c.csat)
      expect(new Date(Number(rows[1].arrived_at_ms)).toISOString()).toBe('1999-01-01T06:55:26.000Z')
    })
  }

  it('recognises no preset for a plain export, and reads Unix seconds and milliseconds', () => {
    expect(detectPreset(['contact_id', 'queue', 'arrived_at'])).toBeNull()
    expect(unixToIso('915173726')).toBe('1999-01-01T06:55:26.000Z')
    expect(unixToIso('915173726000')).toBe('1999-01-01T06:55:26.000Z')
    expect(unixToIso('1999-01-01T06:55:26')).toBe('1999-01-01T06:55:26')
  })
})
