import { beforeAll, describe, expect, it } from 'vitest'
import { writeFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { useE2eServer, type RunningServer } from './harness.ts'

describe('the app in a browser', () => {
  let server: RunningServer
  let browser: Browser
  const e2e = useE2eServer()
  beforeAll(async () => {
    ({ server, browser } = e2e)
  })

  it('shows the demo data on the dashboard, with the charts', async () => {
    const page = await browser.newPage()
    await page.goto(server.baseUrl + '/?queue=PS')
    await expect(page.locator('h1').textContent()).resolves.toBe('Dashboard')
    expect(await page.locator('#total-volume').textContent()).toBe('44,182')
    expect(await page.locator('#daily-volume-chart rect.bar').count()).toBe(60)
    expect(await page.locator('#hour-of-week-heatmap rect.cell').count()).toBe(7 * 24)
    expect(await page.locator('#imports-table tbody tr').count()).toBe(3)
    expect(await page.getByText('synthetic', { exact: false }).first().isVisible()).toBe(true)
    await page.close()
  })

  it('uploads a file on the import page and shows the result, then says a second upload changed nothing', async () => {
    const csv = readFileSync(new URL('../../data/demo/bank_calls_30min.csv', import.meta.url), 'utf8').split('\n').slice(0, 141).join('\n') + '\n'
    const file = join(server.dir, 'week.csv')
    writeFileSync(file, csv)
    const page = await browser.newPage()
    await page.goto(server.baseUrl + '/imports')
    await page.setInputFiles('input[name=file]', file)
    await page.selectOption('select[name=kind]', 'intervals')
    await page.fill('input[name=queue]', 'E2E queue')
    await page.fill('input[name=timeZone]', 'America/New_York')
    await page.click('#import-form button[type=submit]')
    await page.waitForSelector('#import-result', { timeout: 20_000 })
    expect(await page.locator('#import-result').textContent()).toContain('Imported 140 of 140 rows')
    // The same file again: nothing doubled, and the user is told.
    await page.goto(server.baseUrl + '/imports')
    await page.setInputFiles('input[name=file]', file)
    await page.selectOption('select[name=kind]', 'intervals')
    await page.fill('input[name=queue]', 'E2E queue')
    await page.fill('input[name=timeZone]', 'America/New_York')
    await page.click('#import-form button[type=submit]')
    await page.waitForSelector('#import-result', { timeout: 20_000 })
    expect(await page.locator('#import-result').textContent()).toContain('Already imported')
    await page.goto(server.baseUrl + '/?queue=E2E%20queue')
    expect(await page.locator('#total-volume').textContent()).toBe(String(csv.trim().split('\n').slice(1).reduce((s, l) => s + Number(l.split(',')[1]), 0)).replace(/\B(?=(\d{3})+(?!\d))/g, ','))
    await page.close()
  })

  it('lists every problem of a bad file with its row and column, and imports nothing', async () => {
    const file = join(server.dir, 'bad.csv')
    writeFileSync(file, 'contact_id,queue,arrived_at,answered_at,ended_at,outcome\n1,Bad,2024-03-01T09:00:00,2024-03-01T08:59:00,2024-03-01T09:10:00,answered\n2,Bad,yesterday,,,abandoned\n')
    const page = await browser.newPage()
    await page.goto(server.baseUrl + '/imports')
    await page.setInputFiles('input[name=file]', file)
    await page.click('#import-form button[type=submit]')
    await page.waitForSelector('#import-result', { timeout: 20_000 })
    const text = await page.locator('#import-result').textContent()
    expect(text).toContain('Nothing was imported')
    expect(text).toContain("bad.csv, row 2, column 'answered_at': answered before arrived")
    expect(text).toContain("bad.csv, row 3, column 'arrived_at': unparseable time 'yesterday'")
    await page.goto(server.baseUrl + '/')
    expect(await page.locator('select[name=queue] option', { hasText: 'Bad' }).count()).toBe(0)
    await page.close()
  })

  it('offers a column mapping when headers are not recognised, and imports after mapping', async () => {
    const file = join(server.dir, 'odd.csv')
    writeFileSync(file, 'Ref,Kickoff,Reply,Finish\nA1,2024-03-04T09:00:00,2024-03-04T09:00:30,2024-03-04T09:05:00\nA2,2024-03-04T09:01:00,,2024-03-04T09:02:00\n')
    const page = await browser.newPage()
    await page.goto(server.baseUrl + '/imports')
    await page.setInputFiles('input[name=file]', file)
    await page.fill('input[name=queue]', 'Mapped')
    await page.click('#import-form button[type=submit]')
    await page.waitForSelector('#column-mapping', { timeout: 20_000 })
    await page.selectOption('select[name=map_arrivedAt]', 'Kickoff')
    await page.selectOption('select[name=map_firstResponseAt]', 'Reply')
    await page.selectOption('select[name=map_endedAt]', 'Finish')
    await page.click('#import-form button[type=submit]')
    await page.waitForSelector('#import-result.success', { timeout: 20_000 })
    expect(await page.locator('#import-result').textContent()).toContain('Imported 2 of 2 rows')
    await page.close()
  })
})
