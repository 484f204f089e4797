import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { createTokenOverHttp, importOverHttp, pushContactsOverApi, useE2eServer, watchPageProblems, type RunningServer, type SignedInHttp } from './harness.ts'

const number = (text: string | null) => Number((text ?? '').replace(/,/g, ''))
// The demo's real contacts of the Anonymous Bank (1999), PS queue.
const [header, ...lines] = readFileSync(new URL('../../data/demo/anon_bank_1999_contacts.csv', import.meta.url), 'utf8').trim().split('\n')
const ps = lines.filter((l) => l.split(',')[1] === 'PS')
const arrivedOf = (l: string) => l.split(',')[3]

describe('the today page in a browser', () => {
  let server: RunningServer
  let browser: Browser
  let auth: SignedInHttp
  const e2e = useE2eServer()
  beforeAll(async () => {
    ({ server, browser } = e2e)
    auth = await server.signIn()
  }, 120_000)

  it('replays a past day of the demo (PS, Monday 1999-10-25 at 12:00): only what had arrived by then, no polling', async () => {
    const page: Page = await browser.newPage()
    const problems = await watchPageProblems(page)
    await page.goto(server.baseUrl + '/today?queue=PS')
    await page.fill('#replay-form input[name=date]', '1999-10-25')
    await page.fill('#replay-form input[name=at]', '12:00')
    await page.click('#replay-form button[type=submit]')
    await page.waitForSelector('#today-panel', { timeout: 60_000 })
    expect(page.url()).toContain('date=1999-10-25')
    expect(await page.locator('#today-clock').textContent()).toContain('Replay: PS, Mon 1999-10-25 at 12:00 (Asia/Jerusalem)')
    const morning = ps.filter((l) => arrivedOf(l) >= '1999-10-25T00:00' && arrivedOf(l) < '1999-10-25T12:00')
    expect(number(await page.locator('#actual-so-far').textContent())).toBe(morning.length)
    expect(await page.locator('#last-data').textContent()).toBe(`Data last arrived: ${morning.map(arrivedOf).sort().at(-1)!.slice(11, 16)}.`)
    expect(await page.locator('#today-panel').getAttribute('hx-get')).toBeNull()
    expect(await page.locator('#today-remaining tbody tr').count()).toBe(24)
    expect(await page.locator('#today-remaining tbody tr').first().locator('td').first().textContent()).toBe('12:00')
    expect(await page.locator('#today-chart svg[role=img]').isVisible()).toBe(true)
    expect(await page.locator('#feed-late').count()).toBe(0)
    expect(problems).toEqual([])
    await page.close()
  }, 120_000)

  it('live: shows the late feed, then updates itself when the missing contacts are pushed through the API', async () => {
    // A zone where it is about 13:00 now (whole-hour Etc/GMT zones have no daylight saving).
    const now = Date.now()
    let offsetHours = 13 - new Date(now).getUTCHours()
    if (offsetHours > 14) offsetHours -= 24
    if (offsetHours < -12) offsetHours += 24
    const zone = offsetHours === 0 ? 'Etc/GMT' : `Etc/GMT${offsetHours > 0 ? '-' : '+'}${Math.abs(offsetHours)}`
    const localNow = new Date(now + offsetHours * 3_600_000) // naive local time as a UTC date
    const today = localNow.toISOString().slice(0, 10)
    // Real PS contacts of October 1999, re-dated so that Monday 25 October falls on today (earlier days before it).
    const shiftDays = Math.round((Date.parse(today) - Date.parse('1999-10-25')) / 86_400_000)
    const shift = (local: string) => (local ? new Date(Date.parse(local + 'Z') + shiftDays * 86_400_000).toISOString().slice(0, 19) : '')
    const rows = ps.filter((l) => arrivedOf(l) >= '1999-10-01' && arrivedOf(l) < '1999-10-26').map((l) => {
      const c = l.split(',')
      return { arrived: shift(c[3]), line: [`live-${c[0]}`, c[2], shift(c[3]), shift(c[4]), shift(c[5]), c[6], c[7], c[8], c[9]].join(',') }
    })
    const csvHeader = header.split(',').filter((h) => h !== 'queue').join(',')
    const localIso = (ms: number) => new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 19)
    const closedEnd = localIso(Math.floor(now / 1_800_000) * 1_800_000) // end of the last closed 30-minute interval
    const firstCut = localIso(now - 90 * 60_000)
    const batch1 = rows.filter((r) => r.arrived < firstCut)
    const batch2 = rows.filter((r) => r.arrived >= firstCut && r.arrived < closedEnd)
    const todayBefore = (cut: string) => rows.filter((r) => r.arrived >= today && r.arrived < cut).length
    await importOverHttp(server, auth, [csvHeader, ...batch1.map((r) => r.line)].join('\n') + '\n', { kind: 'contacts', queue: 'Live chat', timeZone: zone, intervalMinutes: '' }, 'history-and-morning.csv')

    const page: Page = await browser.newPage()
    const problems = await watchPageProblems(page)
    await page.goto(server.baseUrl + '/today?queue=Live%20chat&refresh=2')
    await page.waitForSelector('#today-panel', { timeout: 60_000 })
    expect(await page.locator('#today-clock').textContent()).toMatch(new RegExp(`Live: Live chat, (Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${today} at `))
    expect(number(await page.locator('#actual-so-far').textContent())).toBe(todayBefore(firstCut))
    expect(await page.locator('#feed-late').textContent()).toMatch(/^The feed is late: the last data arrived at \d\d:\d\d, \d+ (minutes|hours) ago\./)
    expect(await page.locator('#today-panel').getAttribute('hx-trigger')).toBe('every 2s')

    // The late contacts arrive as the chat platform's feed would send them: through the API, with a token.
    const token = await createTokenOverHttp(server, auth, 'live feed')
    const orNull = (v: string) => (v === '' ? null : v)
    const sent = await pushContactsOverApi(server, token, batch2.map((r) => {
      const c = r.line.split(',')
      return {
        contactId: c[0], queue: 'Live chat', arrivedAt: c[2], firstResponseAt: orNull(c[3]), endedAt: orNull(c[4]),
        waitSeconds: c[5] === '' ? null : Number(c[5]), handleSeconds: c[6] === '' ? null : Number(c[6]), outcome: orNull(c[7]), agent: orNull(c[8]),
      }
    }))
    expect(sent).toMatchObject({ created: batch2.length, rejected: 0 })
    const expected = todayBefore(closedEnd)
    expect(expected).toBeGreaterThan(todayBefore(firstCut))
    // No reload: htmx polls the panel and swaps it in.
    await expect.poll(async () => number(await page.locator('#actual-so-far').textContent()), { timeout: 60_000, interval: 500 }).toBe(expected)
    expect(await page.locator('#last-data').textContent()).toBe(`Data last arrived: ${batch2.map((r) => r.arrived).sort().at(-1)!.slice(11, 16)}.`)
    expect(await page.locator('#feed-late').count()).toBe(0)
    expect(problems).toEqual([])
    await page.close()
  }, 180_000)
})
