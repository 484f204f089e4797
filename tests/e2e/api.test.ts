/**
 * The API in a browser: the reference page (rendered on the server from the OpenAPI document, no script) lists the
 * operations and the row schemas and links within itself; an admin creates a token on the Tokens page, sees it
 * once, and it then reads through the API. No console error or CSP violation on either page.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { useE2eServer, watchPageProblems, type RunningServer } from './harness.ts'

describe('the API reference and tokens in a browser', () => {
  let server: RunningServer
  let browser: Browser
  const e2e = useE2eServer({ CHATPLAN_DEMO: 'off' })
  beforeAll(async () => {
    ({ server, browser } = e2e)
  })

  it('opens the reference page: operations, schemas with bounds, problem types; links jump within the page', async () => {
    const page = await browser.newPage()
    const problems = await watchPageProblems(page)
    await page.goto(server.baseUrl + '/api/v1/reference')
    expect(await page.locator('h1').textContent()).toContain('Chatplan API')
    const operations = await page.locator('#api-operations li').allTextContents()
    expect(operations.some((t) => t.startsWith('POST /api/v1/contacts'))).toBe(true)
    expect(operations.some((t) => t.startsWith('GET /api/v1/queues/{id}/staffing-plan'))).toBe(true)
    await page.click('#api-operations a[href="#op-post-contacts"]')
    expect(await page.locator('#op-post-contacts').isVisible()).toBe(true)
    expect(await page.locator('#op-post-contacts').textContent()).toContain('413')
    expect(await page.locator('#schema-ContactRow tr', { hasText: 'waitSeconds' }).textContent()).toContain('0 to 604800')
    expect(await page.locator('#problem-invalid-rows').count()).toBe(1)
    expect(await page.locator('script:not([src])').count()).toBe(0)
    expect(problems).toEqual([])
    await page.close()
  })

  it('creates a token on the Tokens page, shows it once, and the token reads through the API', async () => {
    const page = await browser.newPage()
    const problems = await watchPageProblems(page)
    await page.goto(server.baseUrl + '/tokens')
    await page.fill('#create-token-form input[name=name]', 'browser test')
    await page.selectOption('#create-token-form select[name=role]', 'viewer')
    await page.click('#create-token-form button[type=submit]')
    const secret = (await page.locator('#token-secret').textContent())!.trim()
    expect(secret).toMatch(/^cpt_/)
    expect(await page.locator('#tokens-table tbody tr', { hasText: 'browser test' }).textContent()).toContain('never')
    const res = await fetch(server.baseUrl + '/api/v1/queues', { headers: { Authorization: `Bearer ${secret}` } })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual([])
    await page.goto(server.baseUrl + '/tokens')
    expect(await page.content()).not.toContain(secret)
    expect(problems).toEqual([])
    await page.close()
  })
})
