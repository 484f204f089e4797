import { beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { useE2eServer, type RunningServer } from './harness.ts'

describe('the forecast page in a browser', () => {
  let server: RunningServer
  let browser: Browser
  const e2e = useE2eServer()
  beforeAll(async () => {
    ({ server, browser } = e2e)
  })

  it('runs a forecast for the US bank, shows progress then the chart and the scores, publishes it and downloads the CSV', async () => {
    const context = await browser.newContext({ acceptDownloads: true })
    const page = await context.newPage()
    await page.goto(server.baseUrl + '/forecasts?queue=US%20bank')
    expect(await page.locator('h1').textContent()).toBe('Forecast')
    expect(await page.inputValue('input[name=from]')).toBe('2003-10-25')
    expect(await page.inputValue('input[name=to]')).toBe('2003-11-21')
    // A refused form (422) shows its message in place.
    await page.selectOption('select[name=intervalMinutes]', '15')
    await page.click('#forecast-form button[type=submit]')
    await page.waitForSelector('#forecast-result.errors', { timeout: 20_000 })
    expect(await page.locator('#forecast-result').textContent()).toContain('cannot be forecast in 15-minute intervals: choose 30 or 60 minutes')
    await page.selectOption('select[name=intervalMinutes]', '30')
    await page.click('#forecast-form button[type=submit]')
    // The progress fragment replaces the placeholder, then polls itself until the result replaces it.
    await page.waitForSelector('#forecast-result progress, #forecast-chart', { timeout: 20_000 })
    await page.waitForSelector('#forecast-chart', { timeout: 60_000 })
    expect(await page.locator('#forecast-chart path[data-series="80% interval"]').count()).toBe(1)
    expect(await page.locator('#forecast-chart path[data-series="forecast (mean)"]').count()).toBe(1)
    const scoreRows = page.locator('#model-score-table tbody tr')
    expect(await scoreRows.count()).toBeGreaterThan(10)
    const chosenRow = page.locator('#model-score-table tbody tr', { has: page.locator('.badge', { hasText: 'chosen' }) })
    expect(await chosenRow.count()).toBe(1)
    const model = (await page.locator('#forecast-model').textContent())!
    expect(await chosenRow.locator('td').first().textContent()).toContain(model)
    // The server loads the MSTL WASM at boot, so MSTL is among the candidates.
    expect(await page.locator('#model-score-table [data-model^="mstlEts"]').count()).toBe(1)
    expect(await page.locator('#horizon-table tbody tr').count()).toBeGreaterThanOrEqual(2)

    // The table opens on Monday 27 October (the first open day); page back to the 25-hour Sunday and forward again.
    expect(await page.locator('#forecast-table-day').textContent()).toBe('Mon 2003-10-27')
    expect(await page.locator('#forecast-table tbody tr').count()).toBe(48)
    await page.click('#forecast-table a:has-text("previous day")')
    await page.waitForSelector('#forecast-table-day:has-text("Sun 2003-10-26")')
    expect(await page.locator('#forecast-table tbody tr').count()).toBe(50)
    await page.click('#forecast-table a:has-text("next day")')
    await page.waitForSelector('#forecast-table-day:has-text("Mon 2003-10-27")')

    await page.fill('#publish-form input[name=name]', 'E2E weeks 44-47')
    await page.click('#publish-form button[type=submit]')
    await page.waitForSelector('#published-link', { timeout: 20_000 })
    expect(await page.locator('#snapshot-list', { hasText: 'E2E weeks 44-47' }).count()).toBe(1)

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#forecast-export')])
    expect(download.suggestedFilename()).toBe('forecast-US_bank-2003-10-25-2003-11-21.csv')
    const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n')
    expect(lines[0]).toBe('interval_start,volume_mean,volume_lo80,volume_hi80,volume_lo95,volume_hi95,aht_mean_seconds,aht_lo80_seconds,aht_hi80_seconds')
    expect(lines).toHaveLength(1 + 27 * 48 + 50)
    expect(lines.some((l) => l.startsWith('2003-10-27T09:00:00-05:00,'))).toBe(true)

    // The stored snapshot opens on its own page.
    await page.click('#published-link')
    await page.waitForSelector('h1:has-text("Stored forecast")')
    expect(await page.locator('#forecast-chart').count()).toBe(1)
    await context.close()
  })
})
