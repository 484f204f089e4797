import { beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { useE2eServer, watchPageProblems, type RunningServer } from './harness.ts'

describe('capacity plans in a browser (demo data)', () => {
  let server: RunningServer
  let browser: Browser
  let page: Page
  let problems: string[]
  let firstUrl = ''
  const e2e = useE2eServer()
  beforeAll(async () => {
    ({ server, browser } = e2e)
    page = await browser.newPage({ acceptDownloads: true })
    problems = await watchPageProblems(page)
  })

  it('builds and saves a plan for the US bank: summary, chart with band, classes, table', async () => {
    await page.goto(server.baseUrl + '/capacity')
    expect(await page.locator('h1').textContent()).toContain('Capacity')
    expect(await page.locator('nav a[href="/capacity"]').getAttribute('aria-current')).toBe('page')
    // the demo's default queue PS: today's headcount pre-filled from its 26 agents (888 contracted hours = 22.2 FTE)
    expect(await page.locator('#capacity-staff-source').textContent()).toContain('From the 26 agents set up for this queue (PS)')
    expect(await page.inputValue('#capacity-form input[name=headcount]')).toBe('22.2')
    // the no-JS form starts from another queue's agents: the US bank has none, and the page says so
    await page.selectOption('#capacity-staff-source select[name=queue]', { label: 'US bank' })
    await Promise.all([page.waitForURL(/\/capacity\?queue=\d+$/), page.click('#capacity-staff-source button[type=submit]')])
    expect(await page.locator('#capacity-staff-source').textContent()).toContain('The queue US bank has no agents set up')
    await page.fill('#capacity-form input[name=name]', 'Autumn plan')
    await page.selectOption('#capacity-form select[name=queueId]', { label: 'US bank' })
    await page.fill('#capacity-form input[name=weeksAhead]', '26')
    await page.fill('#capacity-form input[name=headcount]', '490') // the US bank needs about 472 FTE a week (AHT 300 s: its history has none)
    await page.fill('#capacity-form input[name=classSizeMax]', '15')
    await page.click('#capacity-form button[type=submit]')
    await page.waitForURL(/\/capacity\/\d+$/, { timeout: 60_000 })
    firstUrl = page.url()
    await page.locator('#capacity-summary').waitFor({ timeout: 90_000 })
    expect(await page.locator('h1').textContent()).toBe('Autumn plan')
    expect(await page.locator('#capacity-summary').textContent()).toMatch(/26 weeks/)
    expect(await page.locator('#capacity-chart path.band80').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+/)
    expect(await page.locator('#capacity-chart path.line.second').getAttribute('d')).toMatch(/^M/)
    expect(await page.locator('#capacity-table tbody tr').count()).toBe(26)
    expect(await page.locator('#capacity-recommendation').textContent()).toMatch(/^Hire \d+ in \d+ class/)
    expect(await page.locator('#capacity-classes g[data-week]').count()).toBeGreaterThan(0)
  }, 180_000)

  it('exports the plan as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="/export.csv"]')])
    const text = readFileSync((await download.path())!, 'utf8')
    const [header, ...rows] = text.trim().split('\n')
    expect(header.split(',').slice(0, 3)).toEqual(['plan', 'queue', 'week_start'])
    expect(rows).toHaveLength(26)
    expect(rows[0].startsWith('Autumn plan,US bank,')).toBe(true)
  }, 60_000)

  it('copies it, changes the copy, and compares the two', async () => {
    await page.click('form[action$="/copy"] button')
    await page.waitForURL((url) => /\/capacity\/\d+$/.test(url.pathname) && url.href !== firstUrl, { timeout: 30_000 })
    await page.locator('#capacity-summary').waitFor({ timeout: 90_000 })
    await page.click('#capacity-plan details summary >> text=Change the plan')
    await page.fill('#capacity-form input[name=name]', 'Autumn, 4% attrition')
    await page.fill('#capacity-form input[name=attritionMonthlyPercent]', '4')
    await page.click('#capacity-form button[type=submit]')
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toBe('Autumn, 4% attrition')
    await page.goto(server.baseUrl + '/capacity')
    const boxes = page.locator('#capacity-plans input[type=checkbox]')
    expect(await boxes.count()).toBe(2)
    await boxes.nth(0).check()
    await boxes.nth(1).check()
    await page.click('#capacity-plans button[type=submit]')
    await page.waitForURL(/\/capacity\/compare\?/, { timeout: 90_000 })
    expect(await page.locator('h1').textContent()).toBe('Autumn plan vs Autumn, 4% attrition')
    const hires = page.locator('#capacity-compare-totals tr', { hasText: 'Hires (planned + recommended)' }).locator('td')
    const [a, b] = [Number(await hires.nth(0).textContent()), Number(await hires.nth(1).textContent())]
    expect(b).toBeGreaterThan(a) // more attrition needs more hires
    expect(await page.locator('#capacity-compare-chart path.line').count()).toBe(4)
    expect(problems).toEqual([])
  }, 180_000)

  it('splits the first plan into groups (teams or skills): a By group table and a CSV by group', async () => {
    await page.goto(firstUrl)
    await page.locator('#capacity-summary').waitFor({ timeout: 90_000 })
    await page.click('#capacity-plan details summary >> text=Change the plan')
    await page.fill('#capacity-form input[name=headcount]', '')
    await page.fill('#capacity-form textarea[name=groups]', 'Cards 300 share=60\nLoans 190 share=40 attrition=5 class=8')
    await page.click('#capacity-form button[type=submit]')
    await page.locator('#capacity-groups').waitFor({ timeout: 90_000 })
    const rows = page.locator('#capacity-groups tbody tr')
    expect(await rows.count()).toBe(2)
    expect(await rows.nth(0).locator('td').nth(0).textContent()).toBe('Cards')
    expect(await rows.nth(1).locator('td').nth(2).textContent()).toBe('40.0%') // the views' one percentage format (one decimal)
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="/groups.csv"]')])
    const [header, ...lines] = readFileSync((await download.path())!, 'utf8').trim().split('\n')
    expect(header.split(',').slice(0, 4)).toEqual(['plan', 'queue', 'group', 'week_start'])
    expect(lines).toHaveLength(52)
    expect(lines.filter((l) => l.startsWith('Autumn plan,US bank,Loans,'))).toHaveLength(26)
    expect(problems).toEqual([])
  }, 180_000)
})
