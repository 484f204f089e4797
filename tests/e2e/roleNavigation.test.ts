/**
 * A viewer in a browser on the demo: the navigation offers only the pages a viewer may open, and a page they may
 * not open (the requests page, typed in by hand) answers a full page saying who may use it (with the icon link), with
 * no console error and no CSP violation (the harness's problem collector, which also counts a failed /favicon.ico;
 * headless Chromium does not ask for it by itself, so tests/web/requestsHardening.test.tsx checks the app serves it).
 */
import { describe, expect, it } from 'vitest'
import { signInInBrowser, useE2eServer, watchPageProblems } from './harness.ts'

const VIEWER_PASSWORD = 'viewer e2e password'

describe('a viewer\'s navigation and a page their role may not open (browser)', () => {
  const e2e = useE2eServer({}, { signedIn: false })

  it('shows no Requests, Today or Capacity link; /requests answers a 403 page with the navigation; no problem in the console', async () => {
    const { server, browser } = e2e
    const admin = await server.signIn()
    const made = await fetch(server.baseUrl + '/users', { method: 'POST', redirect: 'manual', headers: { ...admin.headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: 'viewer1', role: 'viewer', password: VIEWER_PASSWORD, _csrf: admin.csrfToken }) })
    expect(made.status).toBe(303)
    const page = await (await browser.newContext()).newPage()
    const problems = await watchPageProblems(page)
    await signInInBrowser(page, server.baseUrl, 'viewer1', VIEWER_PASSWORD)
    const links = await page.locator('nav.main-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    expect(links).toContain('/my-shifts')
    for (const hidden of ['/requests', '/today', '/capacity']) expect(links).not.toContain(hidden)
    const answer = await page.goto(server.baseUrl + '/requests')
    expect(answer!.status()).toBe(403)
    expect(await page.locator('#forbidden').textContent()).toBe("Your account (viewer1, viewer) may not do this: deciding agents' requests needs the scheduler role. Ask an admin.")
    expect(await page.locator('nav.main-nav a').count()).toBe(links.length)
    expect(await page.locator('link[rel=icon]').getAttribute('href')).toBe('/static/favicon.svg')
    expect(problems).toEqual([])
  }, 120_000)
})
