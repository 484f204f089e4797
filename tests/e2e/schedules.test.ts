import { beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { pageProblemsAtWidths, useE2eServer, type RunningServer } from './harness.ts'

const number = (text: string | null) => Number((text ?? '').replace(/[,%]/g, ''))

describe('the schedules page in a browser (demo data, US bank)', () => {
  let server: RunningServer
  let browser: Browser
  let page: Page
  const e2e = useE2eServer()
  beforeAll(async () => {
    ({ server, browser } = e2e)
    page = await browser.newPage()
  })

  it('refuses a zero-length template with a message naming it, then adds a template with a lunch break', async () => {
    await page.goto(server.baseUrl + '/schedules?queue=US%20bank')
    expect(await page.locator('h1').textContent()).toBe('Schedules')
    expect(await page.inputValue('#generate-form input[name=from]')).toBe('2003-10-25')
    await page.fill('#template-form input[name=name]', 'day')
    await page.fill('#template-form input[name=lengthMinutes]', '0')
    await page.click('#template-form button[type=submit]')
    await page.waitForSelector('#template-errors')
    expect(await page.locator('#template-errors').textContent()).toContain("shift template 'day', length (minutes): a shift must last a positive whole number of minutes (zero-length shifts are not allowed), got 0")
    expect(await page.locator('#no-templates').count()).toBe(1) // nothing saved

    await page.fill('#template-form input[name=lengthMinutes]', '480')
    await page.fill('#template-form input[name=earliestStart]', '07:00')
    await page.fill('#template-form input[name=latestStart]', '13:00')
    await page.fill('#template-form input[name=break0Name]', 'lunch')
    await page.fill('#template-form input[name=break0LengthMinutes]', '30')
    await page.fill('#template-form input[name=break0EarliestAfterMinutes]', '180')
    await page.fill('#template-form input[name=break0LatestAfterMinutes]', '300')
    await page.click('#template-form button[type=submit]')
    await page.waitForSelector('#templates-table')
    expect(await page.locator('#templates-message').textContent()).toBe("Added the template 'day'.")
    expect(await page.locator('#templates-table tbody tr').textContent()).toContain('lunch 30 min unpaid, 180–300 min in')
    expect(await page.locator('#templates-coverage').count()).toBe(0) // 07:00-13:00 starts cover 07:00-21:00
  })

  it('adds an agent who can work the US bank queue', async () => {
    await page.fill('#agent-form input[name=name]', 'Ana')
    const usBank = page.locator('#agent-form label', { hasText: 'US bank' }).locator('input')
    await usBank.check()
    await page.click('#agent-form button[type=submit]')
    await page.waitForSelector('#agents-table')
    expect(await page.locator('#agents-table tbody tr', { has: page.locator('td:first-child', { hasText: /^Ana$/ }) }).textContent()).toContain('US bank')
  })

  it('generates the schedule of the week after the history, waits for the solve, and sees coverage and gap', async () => {
    await page.fill('#generate-form input[name=timeLimitSeconds]', '40')
    await page.click('#generate-form button[type=submit]')
    await page.waitForSelector('#schedule-job progress', { timeout: 10_000 })
    await page.waitForURL(/\/schedules\/\d+$/, { timeout: 110_000 })
    expect(await page.locator('h1').textContent()).toMatch(/^Schedule \d+: US bank, 2003-10-25 to 2003-10-31$/)
    expect(await page.locator('#schedule-solver').textContent()).toMatch(/^(optimal|feasible)$/)
    expect(number(await page.locator('#schedule-gap').textContent())).toBeLessThanOrEqual(1)
    expect(await page.locator('#coverage-chart svg').isVisible()).toBe(true)
    expect(await page.locator('#required-line').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+/)
    // One agent cannot work every shift: the shifts without one are listed first and count as shortfall; with
    // every shift assigned there would be none.
    expect(number(await page.locator('#generated-under-hours').textContent())).toBe(0)
    expect(number(await page.locator('#coverage-under-hours').textContent())).toBeGreaterThan(0)
    expect(await page.locator('#unassigned-reasons li').count()).toBeGreaterThan(0)
    // Paid hours are those of every shift of the schedule (as the schedules list shows them); most have no agent:
    // one agent works at most her 40 contracted hours of them.
    const paidHours = number(await page.locator('#coverage-paid-hours').textContent())
    const withoutAgent = number(/, ([\d.,]+) of them without an agent/.exec((await page.locator('#coverage-paid-hours + .label').textContent())!)![1])
    expect(paidHours - withoutAgent).toBeLessThanOrEqual(40)
    expect(paidHours - withoutAgent).toBeGreaterThan(0)
    expect(number(await page.locator('#coverage-required-hours').textContent())).toBeGreaterThan(1000)
    expect(await page.locator('#coverage-day-table tbody tr').count()).toBe(5) // weekdays only: the bank is closed at weekends
    expect(number(await page.locator('#coverage-service-level').textContent())).toBeLessThan(80) // one agent's shifts are far from the need
  }, 120_000)

  it('moves a shift by hand and sees the coverage change in place', async () => {
    const underBefore = number(await page.locator('#generated-under-hours').textContent())
    const first = await page.locator('#move-form select[name=shift] option').first().getAttribute('value')
    expect(first).toMatch(/^day\|2003-10-27T07:00$/)
    await page.fill('#move-form input[name=newStart]', '2003-10-27T13:00')
    await page.click('#move-form button[type=submit]')
    await page.waitForSelector('#schedule-message')
    expect(await page.locator('#schedule-message').textContent()).toBe("Moved 1 'day' shift(s) from 2003-10-27 07:00 to 2003-10-27 13:00.")
    expect(number(await page.locator('#generated-under-hours').textContent())).toBeGreaterThan(underBefore)
    expect(await page.locator('tr.cover-short[data-start="2003-10-27T07:00"]').count()).toBe(1)
  })

  it('publishes the schedule and downloads the roster CSV per agent', async () => {
    await page.click('#publish-button')
    await page.waitForSelector('#published-note', { timeout: 45_000 }) // the roster optimiser runs up to 10 s
    expect(await page.locator('#schedule-status').textContent()).toBe('published')
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#roster-csv')])
    expect(download.suggestedFilename()).toMatch(/^schedule-\d+-US_bank-2003-10-25-2003-10-31-roster\.csv$/)
    const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n')
    expect(lines[0]).toBe('agent,date,shift_start,shift_end,breaks,queue,status')
    const ana = lines.filter((l) => l.startsWith('Ana,'))
    // 7.5 paid hours a shift, at most one a day, 11 h rest between shifts, 40 h a week: three to five shifts
    expect(ana.length).toBeGreaterThanOrEqual(3)
    expect(ana.length).toBeLessThanOrEqual(5)
    expect(new Set(ana.map((l) => l.split(',')[1])).size).toBe(ana.length)
    expect(ana[0]).toMatch(/^Ana,2003-10-2\d,2003-10-2\dT\d\d:\d\d:00-0[45]:00,2003-10-2\dT\d\d:\d\d:00-0[45]:00,\d\d:\d\d-\d\d:\d\d lunch \(unpaid\),US bank,assigned$/)
    const [coverage] = await Promise.all([page.waitForEvent('download'), page.click('#coverage-csv')])
    expect(readFileSync((await coverage.path())!, 'utf8').split('\n')[0]).toBe('interval_start,agents_required,agents_on_shift,agents_scheduled,over_cover_agents,under_cover_agents,agents_handling,expected_service_level_fraction')
  })

  it('shows the published schedule and the schedules page without console errors, blocked content, sideways scroll or overlapping labels', async () => {
    expect(await pageProblemsAtWidths(browser, page.url())).toEqual([])
    expect(await pageProblemsAtWidths(browser, server.baseUrl + '/schedules?queue=US%20bank', [390])).toEqual([])
  }, 120_000)
})
