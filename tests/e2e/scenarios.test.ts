import { beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { pageProblemsAtWidths, useE2eServer, type RunningServer } from './harness.ts'

const number = (text: string | null) => Number((text ?? '').replace(/[,+]/g, '').replace('−', '-').replace(/\s*\(.*$/, ''))

describe('scenarios in a browser (demo data)', () => {
  let server: RunningServer
  let browser: Browser
  let page: Page
  const e2e = useE2eServer()
  beforeAll(async () => {
    ({ server, browser } = e2e)
    page = await browser.newPage({ acceptDownloads: true })
  })

  it('freezes the US bank\'s plan in force as a baseline, with progress', async () => {
    await page.goto(server.baseUrl + '/scenarios?queue=US%20bank')
    expect(await page.locator('h1').textContent()).toBe('Scenarios')
    expect(await page.locator('#baseline-list').textContent()).toContain('No baseline yet')
    expect(await page.inputValue('#freeze-form input[name=from]')).toBe('2003-10-25')
    await page.fill('#freeze-form input[name=from]', '2003-10-27')
    await page.fill('#freeze-form input[name=to]', '2003-11-02')
    await page.fill('#freeze-form input[name=name]', 'November plan')
    await page.fill('#freeze-form input[name=madeBy]', 'Dana')
    await page.click('#freeze-form button[type=submit]')
    await page.waitForURL(/\/scenarios\/baselines\/\d+$/, { timeout: 90_000 })
    expect(await page.locator('h1').textContent()).toContain('November plan')
    expect(await page.locator('#baseline-facts').textContent()).toContain('US bank (America/New_York)')
    expect(await page.locator('#baseline-facts').textContent()).toContain('by admin')
  })

  it('creates a scenario, changes the SLA and sees the comparison update', async () => {
    await page.fill('#new-scenario-form input[name=name]', 'Faster answers')
    await page.click('#new-scenario-form button[type=submit]')
    await page.waitForURL(/\/scenarios\/\d+$/)
    expect(await page.locator('#scenario-name').textContent()).toBe('Faster answers')
    const paid = page.locator('#scenario-totals tr[data-figure=paidHours]')
    const baselinePaid = number(await paid.locator('td.baseline').textContent())
    expect(baselinePaid).toBeGreaterThan(1000)
    expect(number(await paid.locator('td.scenario').textContent())).toBe(baselinePaid)
    expect(await paid.locator('td.diff').textContent()).toBe('0')

    await page.fill('#scenario-form input[name=serviceLevelTarget]', '95')
    await page.fill('#scenario-form input[name=answerWithinSeconds]', '20')
    await expect.poll(() => paid.locator('td.diff').textContent(), { timeout: 20_000, interval: 200 }).not.toBe('0')
    const scenarioPaid = number(await paid.locator('td.scenario').textContent())
    expect(scenarioPaid).toBeGreaterThan(baselinePaid)
    expect(number(await paid.locator('td.diff').textContent())).toBeCloseTo(scenarioPaid - baselinePaid, 0)
    const service = page.locator('#scenario-totals tr[data-figure=serviceLevel]')
    expect(await service.locator('td.diff').textContent()).toMatch(/^\+\d+\.\d pts$/)
    expect(await page.locator('#scenario-paid-hours-chart svg path.line.second').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+/)
    expect(await page.locator('#scenario-weeks tr.scenario-row').count()).toBe(1)
  })

  it('shows a clear message on the form for bad input, then saves', async () => {
    await page.fill('#scenario-form input[name=serviceLevelTarget]', '120')
    await page.waitForSelector('#scenario-form-errors li', { timeout: 20_000 })
    expect(await page.locator('#scenario-form-errors').textContent()).toContain('Service level target cannot be over 100%, got 120%')
    await page.fill('#scenario-form input[name=serviceLevelTarget]', '95')
    await page.waitForSelector('#scenario-totals', { timeout: 20_000 })
    expect(await page.locator('#scenario-form-errors li').count()).toBe(0)
    await page.click('#scenario-save')
    await page.waitForSelector('#scenario-form-message', { timeout: 20_000 })
    expect(await page.locator('#scenario-form-message').textContent()).toContain('Saved (version 2)')
    expect(await page.inputValue('#scenario-form input[name=serviceLevelTarget]')).toBe('95')
  })

  it('downloads the scenario\'s plan and its difference from the baseline as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-intervals')])
    expect(download.suggestedFilename()).toBe('scenario-Faster_answers-vs-November_plan-v1-2003-10-27-2003-11-02.csv')
    const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n')
    expect(lines[0].startsWith('interval_start,queue,scenario,baseline_volume,scenario_volume,volume_difference')).toBe(true)
    expect(lines.length).toBe(1 + 7 * 48)
    const columns = lines[0].split(',')
    const at10 = lines.find((l) => l.startsWith('2003-10-27T10:00:00-05:00'))!.split(',')
    const value = (name: string) => Number(at10[columns.indexOf(name)])
    expect(value('scenario_agents_required')).toBeGreaterThan(value('baseline_agents_required'))
    expect(value('agents_required_difference')).toBe(value('scenario_agents_required') - value('baseline_agents_required'))
    expect(value('scenario_volume')).toBe(value('baseline_volume'))
  })

  it('shows the scenario and its baseline without console errors, blocked content, sideways scroll or overlapping labels', async () => {
    expect(await pageProblemsAtWidths(browser, page.url())).toEqual([])
  }, 120_000)
})
