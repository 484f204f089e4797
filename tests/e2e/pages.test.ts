/**
 * Every page of the navigation, with the demo data, in a browser at three widths: no console error, no blocked
 * content (CSP), no horizontal scroll at 390 px and 1024 px, no overlapping chart tick labels, the header in one row
 * at 1280 px. Also the signed-out sign-in page (no navigation) and the long pages' month views.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { NAV_ITEMS } from '../../views/Layout.tsx'
import { layoutProblems, useE2eServer, watchPageProblems, type BrowserElement, type BrowserGlobals, type PageProblems, type RunningServer } from './harness.ts'

/** The navigation's pages, the account bar's pages, and month-long views of the long pages. */
const PAGES: string[] = [
  ...NAV_ITEMS.map((item) => item.href),
  '/audit',
  '/users',
  '/settings',
  '/kpis?queue=PS&from=1999-10-01&to=1999-10-31',
  '/staffing?queue=US%20bank&from=2003-10-01&to=2003-10-31',
  '/forecasts?queue=US%20bank',
  '/events?queue=US%20bank',
  '/schedules?queue=US%20bank',
]

const WIDTHS = [390, 1024, 1280]

/** The longest a page may be at 1280 px (the staffing month was ~50,000 px, KPIs ~14,000 px before folding). */
const MAX_PAGE_HEIGHT_PX = 8000

describe('every page of the navigation in a browser (demo data)', () => {
  let server: RunningServer
  let browser: Browser
  const e2e = useE2eServer()
  beforeAll(async () => {
    ({ server, browser } = e2e)
  })

  async function visit(width: number): Promise<{ page: Page; problems: PageProblems }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } })
    const problems = await watchPageProblems(page)
    return { page, problems }
  }

  for (const width of WIDTHS) {
    it(`shows every page at ${width} px without errors, blocked content, horizontal scroll or overlapping labels`, async () => {
      const { page, problems } = await visit(width)
      const failures: string[] = []
      for (const path of PAGES) {
        const response = await page.goto(server.baseUrl + path, { waitUntil: 'load' })
        if (!response || response.status() !== 200) { failures.push(`${path}: status ${response?.status()}`); continue }
        await page.waitForLoadState('networkidle')
        failures.push(...(await layoutProblems(page)).map((p) => p.replace(/^\S+/, path)))
        if (width >= 1280) {
          // Long pages show a summary first and fold their intervals (a day at a time) and long lists (top rows).
          const heightPx = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.documentElement.scrollHeight)
          if (heightPx > MAX_PAGE_HEIGHT_PX) failures.push(`${path} at ${width} px: ${heightPx} px long (more than ${MAX_PAGE_HEIGHT_PX})`)
          const rows = await page.evaluate(() => {
            const { document } = globalThis as unknown as BrowserGlobals
            const header = document.querySelector('header.topbar')
            // Items share a row when their vertical extents overlap; count the rows greedily from the top.
            const boxes = (Array.from(header?.querySelectorAll('a, button, summary') ?? []) as BrowserElement[]).filter((a) => !a.closest('details:not([open]) > :not(summary)')).map((a) => a.getBoundingClientRect()).filter((b) => b.height > 0).sort((a, b) => a.top - b.top)
            let rows = 0
            let rowBottom = -Infinity
            for (const box of boxes) if (box.top >= rowBottom - 1) { rows++; rowBottom = box.bottom } else rowBottom = Math.max(rowBottom, box.bottom)
            return rows
          })
          if (rows > 1) failures.push(`${path} at ${width} px: the header takes ${rows} rows`)
          // ...and every navigation link is whole on screen (the navigation scrolls sideways only on small screens).
          const clipped = await page.evaluate(() => {
            const { document } = globalThis as unknown as BrowserGlobals
            const nav = document.querySelector('header nav')?.getBoundingClientRect()
            return (Array.from(document.querySelectorAll('header nav a')) as BrowserElement[]).filter((a) => a.getBoundingClientRect().right > nav.right + 0.5).map((a) => a.textContent)
          })
          if (clipped.length) failures.push(`${path} at ${width} px: navigation links cut off: ${clipped.join(', ')}`)
        }
      }
      failures.push(...problems)
      await page.close()
      expect(failures).toEqual([])
    }, 240_000)
  }

  it('shows the sign-in page without the navigation, and a favicon on every page', async () => {
    const page = await browser.newPage()
    await page.context().clearCookies()
    const problems = await watchPageProblems(page)
    await page.goto(server.baseUrl + '/signin')
    expect(await page.locator('h1').textContent()).toBe('Sign in')
    expect(await page.locator('header nav a').count()).toBe(0)
    const icon = await page.locator('link[rel=icon]').getAttribute('href')
    expect(icon).toBeTruthy()
    const res = await fetch(server.baseUrl + icon)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('image/svg+xml')
    expect(problems).toEqual([])
    await page.close()
  })

  it('shows a save as busy while it runs: the button is disabled and marked until the answer comes', async () => {
    const { page, problems } = await visit(1280)
    // Hold the event save for a moment, as a slow (4–10 s) save would be.
    await page.route((url) => url.pathname === '/events', async (route) => {
      if (route.request().method() === 'POST') await new Promise((resolve) => setTimeout(resolve, 1500))
      await route.continue()
    })
    await page.goto(server.baseUrl + '/events?queue=US%20bank')
    await page.fill('#event-form input[name=name]', 'Busy check')
    await page.fill('#event-form input[name=start]', '2003-12-01 09:00')
    await page.fill('#event-form input[name=end]', '2003-12-01 17:00')
    await page.fill('#event-form input[name=value]', '1.2')
    const button = page.locator('#event-form button[type=submit]')
    await button.click()
    await page.waitForSelector('#event-form.htmx-request', { timeout: 5_000 })
    expect(await button.isDisabled()).toBe(true)
    await page.waitForSelector('#event-form:not(.htmx-request)', { timeout: 30_000 })
    expect(await page.locator('#event-list tr', { hasText: 'Busy check' }).count()).toBe(1)
    expect(await page.locator('#event-form button[type=submit]').isDisabled()).toBe(false)
    expect(problems).toEqual([])
    await page.close()
  })
})
