import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { useE2eServer, type RunningServer } from './harness.ts'

const number = (text: string | null) => Number((text ?? '').replace(/,/g, ''))

describe('the staffing page in a browser (demo data)', () => {
  let server: RunningServer
  let browser: Browser
  let page: Page
  const e2e = useE2eServer()
  beforeAll(async () => {
    ({ server, browser } = e2e)
    page = await browser.newPage()
  })

  it('forecasts the 7 days after the history with progress, then shows the plan: stats, chart, tables', async () => {
    const first = await page.goto(server.baseUrl + '/staffing?queue=US%20bank')
    expect(await first!.text()).toContain('<progress') // the forecast runs as a job; the page polls its progress
    expect(await page.locator('h1').textContent()).toBe('Staffing')
    expect(await page.inputValue('#range-form input[name=from]')).toBe('2003-10-25')
    expect(await page.inputValue('#range-form input[name=to]')).toBe('2003-10-31')
    await page.waitForSelector('#requirement-table', { timeout: 60_000 })
    expect(await page.locator('#staffing-chart svg').isVisible()).toBe(true)
    expect(await page.locator('#required-line').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+/)
    expect(await page.locator('#forecast-bars rect').count()).toBeGreaterThan(100)
    expect(await page.locator('#day-table tbody tr').count()).toBe(7)
    expect(await page.locator('#requirement-table tbody tr').count()).toBeGreaterThan(100)
    expect(await page.locator('#aht-notice').textContent()).toContain('constant AHT of 300 s')
    expect(number(await page.locator('#plan-required-hours').textContent())).toBeGreaterThan(1000)
  })

  it('without JavaScript the page refreshes itself until the plan is there', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const noJs = await context.newPage()
    await noJs.goto(server.baseUrl + '/staffing?queue=Bank%20(all%20calls)')
    await noJs.waitForSelector('#requirement-table', { timeout: 60_000 })
    expect(await noJs.locator('#aht-notice').textContent()).toContain('constant AHT of 300 s')
    await context.close()
  })

  it('changes the SLA and sees the numbers change (saved per queue)', async () => {
    const before = number(await page.locator('#plan-required-hours').textContent())
    const peakBefore = await page.locator('#plan-peak').textContent()
    await page.fill('#sla-form input[name=serviceLevelTarget]', '95')
    await page.fill('#sla-form input[name=answerWithinSeconds]', '20')
    await page.click('#sla-form button:has-text("Save and plan")')
    await page.waitForSelector('#sla-form-message', { timeout: 20_000 })
    expect(await page.locator('#sla-form-message').textContent()).toContain('Saved for this queue')
    const after = number(await page.locator('#plan-required-hours').textContent())
    expect(after).toBeGreaterThan(before)
    expect(await page.locator('#plan-peak').textContent()).not.toBe(peakBefore)
    await page.reload()
    await page.waitForSelector('#requirement-table', { timeout: 20_000 })
    expect(await page.inputValue('#sla-form input[name=serviceLevelTarget]')).toBe('95')
    expect(number(await page.locator('#plan-required-hours').textContent())).toBe(after)
  })

  it('shows clear messages for bad input in the form, and keeps the plan', async () => {
    const planned = await page.locator('#plan-required-hours').textContent()
    await page.fill('#sla-form input[name=serviceLevelTarget]', '120')
    await page.fill('#sla-form input[name=answerWithinSeconds]', '-5')
    await page.click('#sla-form button:has-text("Save and plan")')
    await page.waitForSelector('#sla-form-errors', { timeout: 20_000 })
    const errors = await page.locator('#sla-form-errors').textContent()
    expect(errors).toContain('Service level target cannot be over 100%, got 120%')
    expect(errors).toContain('Threshold cannot be negative, got -5 s')
    expect(await page.locator('#plan-required-hours').textContent()).toBe(planned)
  })

  it('explains an interval on click, and checks a day by simulation', async () => {
    await page.click('#requirement-table a:has-text("Mon 2003-10-27 10:00")')
    await page.waitForSelector('#interval-explanation h3', { timeout: 20_000 })
    expect(await page.locator('#interval-explanation').textContent()).toContain('How Mon 2003-10-27 10:00 (America/New_York) is staffed')
    const row = page.locator('#requirement-table tr', { has: page.locator('a:has-text("Mon 2003-10-27 10:00")') })
    expect(await page.locator('#explain-required').textContent()).toBe(`${await row.locator('.agents-required').textContent()} agents`)
    await page.selectOption('#simulation-form select[name=day]', '2003-10-29')
    await page.fill('#simulation-form input[name=runs]', '5')
    await page.click('#simulation-form button')
    await page.waitForSelector('#simulated-service-level', { timeout: 30_000 })
    expect(await page.locator('#simulated-service-level').textContent()).toMatch(/^\d+\.\d% ± \d+\.\d%$/)
    expect(await page.locator('#simulation-check').textContent()).toContain('Wed 2003-10-29')
  })

  it('offers the plan as CSV with the staffing columns', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')])
    expect(download.suggestedFilename()).toBe('staffing-US_bank-2003-10-25-2003-10-31-America_New_York.csv')
    const href = await page.locator('#export-csv').getAttribute('href')
    const csv = await (await page.request.get(server.baseUrl + href)).text()
    expect(await (await page.request.get(server.baseUrl + '/staffing/export.csv?queue=US%20bank&from=2003-10-25&to=2003-10-31')).text()).toBe(csv)
    expect(csv.split('\n')[0]).toBe('interval_start,queue,forecast_volume,forecast_aht_seconds,workload_erlangs,agents_required,agents_scheduled,expected_service_level,expected_asa_seconds')
    expect(csv).toContain('\n2003-10-27T07:00:00-05:00,US bank,')
  })

  it('measures k and α from a contact queue\'s history (PS, a call centre: one at a time) and plans with them', async () => {
    await page.goto(server.baseUrl + '/staffing?queue=PS')
    await page.waitForSelector('#requirement-table', { timeout: 60_000 })
    expect(await page.locator('#aht-notice').textContent()).toContain('AHT forecast per interval from the history')
    await page.click('#sla-form button:has-text("Measure k and α from history")')
    await page.waitForSelector('#concurrency-note', { timeout: 20_000 })
    expect(await page.locator('#concurrency-note').textContent()).toMatch(/Measured from [\d,]+ contacts of \d+ agents: agents typically hold at most k = 1 at once/)
    expect(await page.inputValue('#sla-form select[name=modelKind]')).toBe('chat')
    expect(await page.inputValue('#sla-form input[name=maxConcurrency]')).toBe('1')
    await page.click('#sla-form button:has-text("Save and plan")')
    await page.waitForSelector('#sla-form-message', { timeout: 20_000 })
    expect(await page.locator('#staffing-plan > p').first().textContent()).toContain('model: chat concurrency (k = 1, α = 0')
    expect(await page.locator('#shortcut-comparison').isVisible()).toBe(true)
  })
})
