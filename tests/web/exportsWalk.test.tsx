/**
 * Walks every CSV link (and the staffing form) of the Export page for a queue whose queue, agent and event names
 * are hostile spreadsheet formulas, and parses each file: every answer is 200 CSV, every row as wide as its
 * header, no key blank, every time carries its UTC offset, and no text cell opens as a formula.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Papa from 'papaparse'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { findQueueByName } from '../../src/db/queues.ts'
import { createEvent } from '../../src/db/events.ts'
import { quoteCsv } from '../../src/format/csv.ts'
import { createApp } from '../../src/web/app.tsx'
import { signedInApp } from './authHelper.ts'
import { HOSTILE_NAMES } from '../format/hostileNames.ts'

const QUEUE = HOSTILE_NAMES[0]
const AGENTS = [HOSTILE_NAMES[1], HOSTILE_NAMES[2], HOSTILE_NAMES[3]]
const EVENT = '@SUM(A1:A9) launch'
const ZONE = 'Asia/Jerusalem'
/** A local time with its offset, as every export writes times. */
const TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/
const TIME_COLUMNS = new Set(['interval_start', 'start', 'end', 'arrived_at', 'shift_start', 'shift_end'])

let dir: string
let db: Db
let app: Awaited<ReturnType<typeof signedInApp>>
let queueId: number
let bankId: number

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-exports-walk-'))
  db = await createDb('file:' + join(dir, 'web.db'))
  await migrateDb(db)
  // NW's October 1999, renamed: a hostile queue, hostile agents.
  const [header, ...lines] = readFileSync(new URL('../../data/demo/anon_bank_1999_contacts.csv', import.meta.url), 'utf8').trim().split(/\r?\n/)
  const rows = lines.filter((l) => l.split(',')[1] === 'NW' && l.split(',')[3] >= '1999-10-01').map((l, i) => {
    const cells = l.split(',')
    cells[1] = quoteCsv(QUEUE)
    if (cells[9]) cells[9] = quoteCsv(AGENTS[i % AGENTS.length])
    return cells.join(',')
  })
  writeFileSync(join(dir, 'nw.csv'), [header, ...rows].join('\n') + '\n')
  await importFile(db, { kind: 'contacts', path: join(dir, 'nw.csv'), fileName: 'nw.csv', timeZone: ZONE })
  queueId = (await findQueueByName(db, QUEUE))!.id
  // An interval-only queue (no contact records) next to it.
  const bank = readFileSync(new URL('../../data/demo/bank_calls_30min.csv', import.meta.url), 'utf8').trim().split(/\r?\n/)
  writeFileSync(join(dir, 'bank.csv'), bank.filter((l, i) => i === 0 || l >= '2003-09-01').join('\n') + '\n')
  await importFile(db, { kind: 'intervals', path: join(dir, 'bank.csv'), fileName: 'bank.csv', queueName: 'US bank', timeZone: 'America/New_York' })
  bankId = (await findQueueByName(db, 'US bank'))!.id
  await createEvent(db, { queueId, type: 'launch', name: EVENT, startUtcMs: Date.UTC(1999, 10, 2, 7), endUtcMs: Date.UTC(1999, 10, 3, 7), timeZone: ZONE, effect: { kind: 'multiplier', value: 1.4 }, shape: { rampBeforeDays: 0, decayAfterDays: 0, delayDays: 0 } })
  app = await signedInApp(createApp({ db, uploadDir: join(dir, 'uploads') }), db)
}, 120_000)

afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

const unescape = (s: string) => s.replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"')

/** Every CSV the Export page of a queue offers (its links, and the staffing form submitted with its default dates). */
async function exportLinks(id: number): Promise<string[]> {
  const page = await (await app.request(`/exports?queue=${id}`)).text()
  const links = [...page.matchAll(/href="([^"]+\.csv[^"]*)"/g)].map((m) => unescape(m[1]))
  const from = /name="from" value="([^"]+)"/.exec(page)![1], to = /name="to" value="([^"]+)"/.exec(page)![1]
  links.push(`/staffing/export.csv?queue=${id}&from=${from}&to=${to}`)
  return links
}

async function parsedCsv(link: string): Promise<string[][]> {
  const res = await app.request(link)
  const text = await res.text()
  expect(res.status, `${link}: ${text.slice(0, 200)}`).toBe(200)
  expect(res.headers.get('Content-Type'), link).toContain('text/csv')
  const parsed = Papa.parse<string[]>(text.trimEnd(), { skipEmptyLines: false })
  expect(parsed.errors, link).toEqual([])
  return parsed.data
}

describe('the Export page', () => {
  it('of an interval-only queue offers no KPI link (they need contacts) and every link it offers answers a CSV', async () => {
    const links = await exportLinks(bankId)
    expect(links.some((l) => l.includes('/kpis/'))).toBe(false)
    for (const link of links) {
      const [head, ...rows] = await parsedCsv(link)
      for (const row of rows) {
        expect(row.length, link).toBe(head.length)
        row.forEach((cell, i) => { if (TIME_COLUMNS.has(head[i])) expect(cell, `${link} ${head[i]}`).toMatch(TIME_WITH_OFFSET) })
      }
    }
  }, 120_000)

  it('links only CSVs that answer 200, parse, carry offsets and neutralise every hostile name', async () => {
    const page = await (await app.request(`/exports?queue=${queueId}`)).text()
    const links = [...page.matchAll(/href="([^"]+\.csv[^"]*)"/g)].map((m) => unescape(m[1]))
    // The staffing form is a GET form: submit it with its default dates.
    const from = /name="from" value="([^"]+)"/.exec(page)![1], to = /name="to" value="([^"]+)"/.exec(page)![1]
    links.push(`/staffing/export.csv?queue=${queueId}&from=${from}&to=${to}`)
    expect(links.length).toBeGreaterThanOrEqual(19) // staffing + 16 KPI tables + events + flags
    const seen = new Set<string>()
    for (const link of links) {
      const res = await app.request(link)
      const text = await res.text()
      expect(res.status, `${link}: ${text.slice(0, 200)}`).toBe(200)
      expect(res.headers.get('Content-Type'), link).toContain('text/csv')
      const parsed = Papa.parse<string[]>(text.trimEnd(), { skipEmptyLines: false })
      expect(parsed.errors, link).toEqual([])
      const [head, ...rows] = parsed.data
      for (const row of rows) {
        expect(row.length, `${link}: ${row.join('|')}`).toBe(head.length)
        row.forEach((cell, i) => {
          seen.add(cell)
          // Nothing a spreadsheet would run: a cell starting = + - @ tab CR is a number or neutralised.
          if (/^[=+\-@\t\r]/.test(cell)) expect(cell, `${link} column ${head[i]}`).toMatch(/^-(\d+(\.\d+)?|inf)$/)
          if (TIME_COLUMNS.has(head[i])) expect(cell, `${link} column ${head[i]}`).toMatch(TIME_WITH_OFFSET)
        })
        expect(row[0], `${link}: blank key`).not.toBe('')
      }
    }
    // The hostile names are there, as text.
    expect(seen.has(`'${QUEUE}`)).toBe(true)
    for (const agent of AGENTS) expect(seen.has(`'${agent}`), agent).toBe(true)
    expect(seen.has(`'${EVENT}`)).toBe(true)
  }, 120_000)

  it('writes hostile baseline, scenario and queue names as text in the scenario exports', async () => {
    const form = (values: Record<string, string>) => { const f = new FormData(); for (const [k, v] of Object.entries(values)) f.append(k, v); return f }
    const HX = { 'HX-Request': 'true' }
    const started = await app.request('/scenarios/baselines', { method: 'POST', headers: HX, body: form({ queue: String(queueId), from: '1999-11-01', to: '1999-11-02', name: HOSTILE_NAMES[2], costPerHour: '30', madeBy: 'Dana' }) })
    const job = /baselines\/jobs\/([a-z0-9]+)/.exec(await started.text())![1]
    let redirect: string | null = null
    for (let i = 0; i < 600 && !redirect; i++) {
      redirect = (await app.request(`/scenarios/baselines/jobs/${job}`, { headers: HX })).headers.get('HX-Redirect')
      if (!redirect) await new Promise((r) => setTimeout(r, 100))
    }
    const baselineId = Number(/\/scenarios\/baselines\/(\d+)/.exec(redirect!)![1])
    const created = await app.request('/scenarios', { method: 'POST', body: form({ baseline: String(baselineId), name: HOSTILE_NAMES[1], madeBy: 'Lee' }) })
    expect(created.status).toBe(303)
    const scenarioId = Number(/\/scenarios\/(\d+)$/.exec(created.headers.get('Location')!)![1])
    const cells = new Set<string>()
    for (const link of [`/scenarios/baselines/${baselineId}/export.csv`, `/scenarios/${scenarioId}/export.csv`, `/scenarios/${scenarioId}/export.csv?by=day`, `/scenarios/${scenarioId}/export.csv?by=week`]) {
      const [head, ...rows] = await parsedCsv(link)
      for (const row of rows) {
        expect(row.length, link).toBe(head.length)
        row.forEach((cell, i) => {
          cells.add(cell)
          if (/^[=+\-@\t\r]/.test(cell)) expect(cell, `${link} column ${head[i]}`).toMatch(/^-(\d+(\.\d+)?|inf)$/)
          if (head[i] === 'interval_start') expect(cell, link).toMatch(TIME_WITH_OFFSET)
        })
      }
    }
    // (the baseline's name is in the file name only, sanitised; the queue and scenario names are cells)
    for (const name of [QUEUE, HOSTILE_NAMES[1]]) expect(cells.has(`'${name}`), name).toBe(true)
  }, 120_000)
})
