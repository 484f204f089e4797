/**
 * The harness's one problem collector catches what the browser tests rely on it for: a content-security-policy
 * violation (an inline handler the policy blocks) and a console error, each named in the list it fills.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { useE2eServer, watchPageProblems, type BrowserGlobals, type RunningServer } from './harness.ts'

describe('the e2e harness', () => {
  let server: RunningServer
  let browser: Browser
  const e2e = useE2eServer({ CHATPLAN_DEMO: 'off' })
  beforeAll(async () => {
    ({ server, browser } = e2e)
  })

  it('reports nothing on a page that behaves, and a CSP violation and a console error when they happen', async () => {
    const page = await browser.newPage()
    const problems = await watchPageProblems(page)
    await page.goto(server.baseUrl + '/settings')
    await page.waitForLoadState('networkidle')
    expect(problems).toEqual([])
    await page.evaluate(() => {
      const { document } = globalThis as unknown as BrowserGlobals
      const style = document.createElement('style') // an inline style element: the policy blocks it
      style.textContent = 'body { color: red }'
      document.head.appendChild(style)
      console.error('something broke')
    })
    // The DOM event comes through the exposed binding a moment after the browser's own console message.
    await expect.poll(() => problems.filter((p) => p.startsWith('CSP violation: style-src')).length, { timeout: 5_000 }).toBe(1)
    expect(problems.some((p) => p.includes('console error: something broke'))).toBe(true)
    await page.close()
  })
})
