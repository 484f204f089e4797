import { beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { useE2eServer, watchPageProblems, type RunningServer } from './harness.ts'

describe('the events page in a browser (demo data)', () => {
  let server: RunningServer
  let browser: Browser
  const e2e = useE2eServer()
  beforeAll(async () => {
    ({ server, browser } = e2e)
  })

  it('shows the public holidays of the Israeli queue on its calendar, with the uplift learned from them', async () => {
    const page = await browser.newPage()
    const problems = await watchPageProblems(page)
    await page.goto(server.baseUrl + '/events?queue=Bank%20(all%20calls)&month=1999-09')
    await expect(page.locator('h1').textContent()).resolves.toBe('Events')
    expect(await page.locator('#month-view [data-date="1999-09-20"] .ev').first().textContent()).toBe('Day of Atonement (Yom Kippur)')
    expect(await page.locator('#month-view [data-date="1999-09-19"] .ev').first().textContent()).toBe('Eve of Day of Atonement (Yom Kippur)')
    const holidayRow = page.locator('#learned-uplift tr[data-learn-key="public holiday"]')
    expect(await holidayRow.locator('td').nth(1).textContent()).toBe('9')
    const multiplier = Number((await holidayRow.locator('td').nth(2).textContent())!.replace('× ', ''))
    expect(multiplier).toBeGreaterThan(0)
    expect(multiplier).toBeLessThan(0.3)
    expect(problems).toEqual([])
    await page.close()
  })

  it('adds a promotion with htmx, refuses an end before the start, and flags the days it leaves short of cover', async () => {
    const page = await browser.newPage()
    await page.goto(server.baseUrl + '/events?queue=US%20bank')
    expect(await page.locator('#month-view strong').textContent()).toBe('October 2003')
    // Bad input: the message shows and nothing is added.
    await page.fill('#event-form input[name=name]', 'Backwards')
    await page.fill('#event-form input[name=start]', '2003-10-29T12:00')
    await page.fill('#event-form input[name=end]', '2003-10-28T12:00')
    await page.fill('#event-form input[name=value]', '1.5')
    await page.click('#event-form button[type=submit]')
    await page.waitForSelector('#event-form-error')
    expect(await page.locator('#event-form-error').textContent()).toBe('end (2003-10-28T12:00) must be after start (2003-10-29T12:00)')
    expect(await page.locator('#event-list tr[data-source=user]').count()).toBe(0)
    // A good one.
    await page.fill('#event-form input[name=name]', 'Autumn promo')
    await page.fill('#event-form input[name=start]', '2003-10-28T12:00')
    await page.fill('#event-form input[name=end]', '2003-10-29T12:00')
    await page.click('#event-form button[type=submit]')
    await page.waitForSelector('#events-notice')
    expect(await page.locator('#events-notice').textContent()).toBe("Added 'Autumn promo'.")
    expect(await page.locator('#event-list tr[data-source=user]').count()).toBe(1)
    expect(await page.locator('#month-view [data-date="2003-10-28"] .ev').textContent()).toBe('Autumn promo')
    // The flags of the coming weeks (the two weeks after the history) load by themselves.
    await page.reload()
    await page.waitForSelector('#flag-days', { timeout: 45_000 })
    expect(await page.locator('#flag-days tr[data-date="2003-10-28"] td').nth(4).textContent()).toBe('Autumn promo')
    await page.screenshot({ path: join(server.dir, 'events.png'), fullPage: true })
    await page.close()
  })
})
