/**
 * The newcomer's first hour, in a browser, from the README's `npm start`: sign in, forecast, staffing, generate a
 * schedule from the demo's templates and agents, publish it, a scenario of +20% volume, and every CSV on the Export
 * page (all 200, all parse, all times with their UTC offset). No page may log a console error or break the content
 * security policy. With CHATPLAN_SCREENSHOTS=1 it also writes the README's screenshots (views/static/).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import Papa from 'papaparse'
import type { Browser, Page } from 'playwright-core'
import { E2E_ADMIN_PASSWORD, repoRoot, useE2eServer, watchPageProblems, type RunningServer } from './harness.ts'

/** The first number in a text ('+1,234.5 (+5.0%)' → 1234.5; '−3' → −3). */
const number = (text: string | null) => { const m = /([−+-]?)([\d,]+(?:\.\d+)?)/.exec(text ?? ''); return m ? (m[1] === '−' || m[1] === '-' ? -1 : 1) * Number(m[2].replace(/,/g, '')) : NaN }
const WRITE_SCREENSHOTS = process.env.CHATPLAN_SCREENSHOTS === '1'

describe('the newcomer path (demo data, default queue)', () => {
  let server: RunningServer
  let browser: Browser
  let page: Page
  let problems: string[]
  let scheduleWeek: { from: string; to: string }

  async function screenshot(name: string) {
    const path = join(server.dir, `screenshot-${name}.png`)
    await page.screenshot({ path, fullPage: false })
    if (WRITE_SCREENSHOTS) copyFileSync(path, join(repoRoot, 'views/static', `screenshot-${name}.png`))
  }

  const e2e = useE2eServer({}, { signedIn: false })
  beforeAll(async () => {
    ({ server, browser } = e2e)
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    problems = await watchPageProblems(page)
  })

  it('signs in and lands on the dashboard of the default queue, whose history has handle times', async () => {
    await page.goto(server.baseUrl + '/')
    await page.waitForURL(/\/signin/)
    await page.fill('input[name=username]', 'admin')
    await page.fill('input[name=password]', E2E_ADMIN_PASSWORD)
    await page.click('form button[type=submit]')
    await page.waitForURL(server.baseUrl + '/')
    expect(await page.locator('h1').textContent()).toBe('Dashboard')
    expect(await page.locator('select[name=queue] option[selected]').textContent()).toMatch(/^PS\b/)
    await page.waitForSelector('#flags-summary:not([hx-get])', { timeout: 60_000 })
    await screenshot('dashboard')
    expect(problems).toEqual([])
  }, 90_000)

  it('runs a forecast (volume and AHT) and publishes it', async () => {
    await page.goto(server.baseUrl + '/forecasts')
    await page.click('#forecast-form button[type=submit]')
    await page.waitForSelector('#forecast-chart', { timeout: 90_000 })
    expect(await page.locator('#forecast-result, #forecast-chart').first().textContent()).toBeTruthy()
    await page.fill('#publish-form input[name=name]', 'First forecast')
    await page.click('#publish-form button[type=submit]')
    await page.waitForSelector('#published-link', { timeout: 30_000 })
    expect(problems).toEqual([])
  }, 120_000)

  it('sees the staffing plan', async () => {
    await page.goto(server.baseUrl + '/staffing')
    await page.waitForSelector('#staffing-chart', { timeout: 90_000 })
    await screenshot('staffing')
    expect(problems).toEqual([])
  }, 120_000)

  it("generates a schedule from the demo's templates and agents, sees the shifts without an agent first, and publishes it", async () => {
    await page.goto(server.baseUrl + '/schedules')
    expect(await page.locator('#templates-table tbody tr').count()).toBe(5)
    expect(await page.locator('#agents-table tbody tr').count()).toBe(26)
    scheduleWeek = { from: await page.inputValue('#generate-form input[name=from]'), to: await page.inputValue('#generate-form input[name=to]') }
    await page.click('#generate-form button[type=submit]')
    await page.waitForURL(/\/schedules\/\d+$/, { timeout: 150_000 })
    expect(await page.locator('#schedule-solver').textContent()).toMatch(/^(optimal|feasible)$/)
    const short = number(await page.locator('#coverage-under-hours').textContent())
    const banner = page.locator('#unassigned-banner')
    if (await banner.count()) {
      // Shifts without an agent are shown before the figures, with why, and counted as shortfall.
      expect(number(await page.locator('#unassigned-shortfall-hours').textContent())).toBeLessThanOrEqual(short)
      expect(await page.locator('#unassigned-reasons li').count()).toBeGreaterThan(0)
    }
    await screenshot('schedule')
    await page.click('#publish-button')
    await page.waitForSelector('#published-note', { timeout: 30_000 })
    expect(await page.locator('#schedule-status').textContent()).toBe('published')
    expect(problems).toEqual([])
  }, 180_000)

  it('tries +20% volume on the week of the schedule: same agents, what it would take, and the extra cost', async () => {
    await page.goto(server.baseUrl + '/scenarios')
    await page.fill('#freeze-form input[name=from]', scheduleWeek.from)
    await page.fill('#freeze-form input[name=to]', scheduleWeek.to)
    await page.fill('#freeze-form input[name=name]', 'This week')
    await page.click('#freeze-form button[type=submit]')
    await page.waitForURL(/\/scenarios\/baselines\/\d+$/, { timeout: 120_000 })
    await page.fill('#new-scenario-form input[name=name]', 'Volume +20%')
    await page.click('#new-scenario-form button[type=submit]')
    await page.waitForURL(/\/scenarios\/\d+$/)
    await page.fill('#scenario-form input[name="volume.0.value"]', '20')
    const extraCost = page.locator('#scenario-totals tr[data-figure=requiredCost] td.diff')
    await expect.poll(() => extraCost.textContent(), { timeout: 30_000, interval: 300 }).toMatch(/^\+/)
    // The agents we have do not change with the volume: their paid hours stay, their service falls.
    expect(await page.locator('#scenario-totals tr[data-figure=paidHours] td.diff').textContent()).toBe('0')
    expect(await page.locator('#scenario-totals tr[data-figure=serviceLevel] td.diff').textContent()).toMatch(/^(−|0)/)
    expect(number(await page.locator('#scenario-totals tr[data-figure=requiredPaidHours] td.diff').textContent())).toBeGreaterThan(0)
    expect(await page.locator('#scenario-totals').textContent()).not.toMatch(/∞/)
    const [saveAnswer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && /\/scenarios\/\d+$/.test(r.url())), page.click('#scenario-save')])
    if (saveAnswer.status() !== 200) throw new Error(`save answered ${saveAnswer.status()}: ${(await saveAnswer.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 1500)}`)
    await page.waitForSelector('#scenario-form-message', { timeout: 20_000 })
    expect(await page.locator('#scenario-form-message').textContent()).toContain('Saved')
    expect(problems).toEqual([])
  }, 180_000)

  it('downloads every CSV of the Export page: all 200, all parse, every time with its UTC offset', async () => {
    await page.goto(server.baseUrl + '/exports')
    const links = await page.locator('main a[href*=".csv"], a[href*=".csv"]').evaluateAll((as) => [...new Set(as.map((a) => (a as unknown as { href: string }).href))])
    const staffing = new URL(server.baseUrl + '/staffing/export.csv')
    staffing.searchParams.set('queue', await page.inputValue('#export-staffing input[name=queue]'))
    staffing.searchParams.set('from', await page.inputValue('#export-staffing input[name=from]'))
    staffing.searchParams.set('to', await page.inputValue('#export-staffing input[name=to]'))
    const urls = [...links, staffing.href]
    expect(urls.length).toBeGreaterThanOrEqual(8)
    const failures: string[] = []
    for (const url of urls) {
      const res = await page.request.get(url)
      const body = await res.text()
      if (res.status() !== 200) { failures.push(`${url}: ${res.status()} ${body.slice(0, 200)}`); continue }
      const parsed = Papa.parse<Record<string, string>>(body.trim(), { header: true, skipEmptyLines: true })
      if (parsed.errors.length) { failures.push(`${url}: does not parse: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`); continue }
      const fields = parsed.meta.fields ?? []
      if (!fields.length || fields.some((f) => f.trim() === '')) failures.push(`${url}: a blank column name in ${fields.join(',')}`)
      for (const row of parsed.data) {
        for (const field of fields) {
          const value = row[field] ?? ''
          if (/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d/.test(value) && !/(Z|[+-]\d\d:?\d\d)$/.test(value)) {
            failures.push(`${url}: column ${field} has a time without its UTC offset: ${value}`)
            break
          }
        }
        if (failures.length && failures[failures.length - 1].startsWith(url)) break
      }
    }
    expect(failures).toEqual([])
    expect(problems).toEqual([])
  }, 240_000)
})
