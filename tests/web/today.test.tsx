import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { createApp } from '../../src/web/app.tsx'
import { signIn, type SignedIn } from './authHelper.ts'

let dir: string
let db: Db
let app: ReturnType<typeof createApp>
let scheduler: SignedIn
let viewer: SignedIn

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-today-web-'))
  db = await createDb('file:' + join(dir, 'web.db'))
  await migrateDb(db)
  const bank = readFileSync(new URL('../../data/demo/bank_calls_30min.csv', import.meta.url), 'utf8').trim().split('\n')
  writeFileSync(join(dir, 'bank.csv'), bank.filter((l, i) => i === 0 || (l >= '2003-06-01' && l < '2003-10-21T12')).join('\n') + '\n')
  await importFile(db, { kind: 'intervals', path: join(dir, 'bank.csv'), fileName: 'bank.csv', queueName: 'US bank', timeZone: 'America/New_York' })
  app = createApp({ db, uploadDir: join(dir, 'uploads') })
  scheduler = await signIn(app, db, 'scheduler')
  viewer = await signIn(app, db, 'viewer')
}, 60_000)

afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

describe('/today', () => {
  it('is for schedulers and above: a viewer is refused with the reason', async () => {
    const res = await viewer.request('/today?queue=US%20bank')
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('the today page (intraday) needs the scheduler role')
  })

  it('replays a moment: the morning of 2003-10-21 (real bank data) until 12:00, and the fragment is the same panel', async () => {
    const res = await scheduler.request('/today?queue=US%20bank&date=2003-10-21&at=12:00')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<a href="/today" class="active" aria-current="page">Today</a>')
    const morning = bank().filter((l) => l.startsWith('2003-10-21T') && l < '2003-10-21T12').reduce((s, l) => s + Number(l.split(',')[1]), 0)
    expect(html).toContain(`<div class="big" id="actual-so-far">${morning.toLocaleString('en-US')}</div>`)
    expect(html).toContain('Data last arrived: 12:00.')
    expect(html).not.toContain('hx-trigger="every')
    const fragment = await scheduler.request('/today/panel?queue=1&date=2003-10-21&at=12:00', { headers: { 'HX-Request': 'true' } })
    const panel = await fragment.text()
    expect(panel.startsWith('<section id="today-panel"')).toBe(true)
    expect(panel).toContain(`id="actual-so-far">${morning.toLocaleString('en-US')}<`)
  }, 60_000)

  it('live, the panel polls itself at the asked rate (bounded: 1 s is refused by name)', async () => {
    const tooFast = await scheduler.request('/today?queue=US%20bank&refresh=1')
    expect(tooFast.status).toBe(400)
    expect(await tooFast.text()).toContain('The refresh interval must be a whole number between 2 and 300 seconds, got 1')
    const html = await (await scheduler.request('/today?queue=US%20bank&refresh=2')).text()
    expect(html).toContain('hx-trigger="every 2s"')
    // Whether the feed counts as late depends on today's weekday (the bank is closed at weekends): see the planning test.
    expect(html).toContain('<a href="/today?queue=1&amp;date=2003-10-21&amp;at=12:00">replay 2003-10-21 at 12:00</a>')
    expect(Number(/id="rest-reforecast">([\d,]+)</.exec(html)![1].replace(/,/g, ''))).toBeGreaterThanOrEqual(0)
  }, 60_000)

  it('live, the page follows the clock: it is never served from the page cache', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(new Date('2026-03-03T15:00:00Z'))
      const first = await (await scheduler.request('/today?queue=US%20bank')).text()
      expect(first).toContain('US bank, Tue 2026-03-03 at 10:00 (America/New_York)')
      vi.setSystemTime(new Date('2026-03-03T15:07:00Z'))
      const second = await (await scheduler.request('/today?queue=US%20bank')).text()
      expect(second).toContain('US bank, Tue 2026-03-03 at 10:07 (America/New_York)')
    } finally {
      vi.useRealTimers()
    }
  }, 60_000)

  it('refuses a bad replay time with a message naming the field, and a future moment', async () => {
    const bad = await scheduler.request('/today?queue=US%20bank&date=2003-10-21&at=25:00')
    expect(bad.status).toBe(400) // a query value the page cannot use (src/schemas/queryParams.ts)
    expect(await bad.text()).toContain("The time must be a clock time written HH:MM (00:00 to 24:00), got &#39;25:00&#39;. Nothing was changed.")
    const future = await scheduler.request('/today?queue=US%20bank&date=2099-01-01&at=12:00')
    expect(future.status).toBe(422)
    expect(await future.text()).toContain('is in the future; pick a past moment')
  })
})

function bank(): string[] {
  return readFileSync(new URL('../../data/demo/bank_calls_30min.csv', import.meta.url), 'utf8').trim().split('\n')
}
