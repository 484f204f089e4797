import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { useE2eServer, watchPageProblems, type BrowserGlobals, type RunningServer } from './harness.ts'

describe('the KPI page in a browser', () => {
  let server: RunningServer
  let browser: Browser
  const e2e = useE2eServer()
  beforeAll(async () => {
    ({ server, browser } = e2e)
  })

  it('shows the demo KPIs with the heatmap, the balanced pairs and the synthetic label', async () => {
    const page = await browser.newPage()
    const problems = await watchPageProblems(page)
    await page.goto(server.baseUrl + '/kpis?queue=PS&from=1999-10-01&to=1999-10-31')
    expect(await page.locator('h1').textContent()).toBe('Live-chat KPIs')
    expect(await page.locator('#kpi-heatmap rect.cell').count()).toBe(7 * 24)
    for (const pair of ['#pair-aht-csat', '#pair-aht-resolution', '#pair-response-volume']) expect(await page.locator(pair).isVisible(), pair).toBe(true)
    // Each pair shows both of its sides, with numbers.
    expect(await page.locator('#pair-aht-csat [data-metric="ahtMean"]').textContent()).toMatch(/\d/)
    expect(await page.locator('#pair-aht-csat [data-metric="csat"]').textContent()).toMatch(/^\d+\.\d%$/)
    expect(await page.locator('#pair-aht-resolution [data-metric="resolutionRate"]').textContent()).toMatch(/^\d+\.\d%$/)
    expect(await page.locator('#pair-response-volume [data-metric="offered"]').textContent()).toBe('22,158')
    expect(await page.locator('#synthetic-note').isVisible()).toBe(true)
    expect(await page.locator('#agents-table tbody tr').first().textContent()).toContain('Team median')
    expect(await page.locator('#long-chat-list tbody tr').count()).toBeGreaterThan(0)
    expect(await page.locator('#csat-by-handle-chart path.line').count()).toBe(1)
    expect(await page.content()).not.toMatch(/NaN|Infinity/)
    // The page's styles apply (the CSP once blocked them): the pairs sit side by side in a grid, not stacked text.
    expect(await page.locator('.kpi-pairs').first().evaluate((el) => (globalThis as unknown as BrowserGlobals).getComputedStyle(el).display)).toBe('grid')
    expect(await page.locator('#pair-aht-csat .sides').evaluate((el) => (globalThis as unknown as BrowserGlobals).getComputedStyle(el).display)).toBe('grid')
    expect(problems).toEqual([])
    await page.close()
  })

  it('changes the range with the form (htmx swaps the report) and explains an empty range', async () => {
    const page = await browser.newPage()
    await page.goto(server.baseUrl + '/kpis')
    await page.waitForSelector('#kpi-heatmap')
    await page.fill('input[name=from]', '1999-06-01')
    await page.fill('input[name=to]', '1999-06-30')
    await page.click('#kpi-form button[type=submit]')
    await page.waitForSelector('#kpi-message')
    expect(await page.locator('#kpi-message').textContent()).toContain('No contacts joined any queue from 1999-06-01 to 1999-06-30')
    expect(page.url()).toContain('from=1999-06-01')
    await page.close()
  })
})
