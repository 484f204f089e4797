/**
 * An agent's day off, end to end in a browser on the demo (queue PS, 26 agents): a schedule is generated and
 * published, an admin links a viewer account to the agent with the most shifts, the agent signs in, makes their
 * calendar address and asks for a day off; the scheduler approves it on the requests page. The roster CSV changes
 * in exactly the rows the day off forces (the agent's shift that day goes to a colleague, nothing else moves), and
 * the agent's .ics loses that day's event while keeping the others' UIDs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { E2E_ADMIN_PASSWORD, horizontalOverflowPx, launchBrowser, signInInBrowser, startServer, watchPageProblems, widestElements, type RunningServer, type SignedInHttp } from './harness.ts'

const AGENT_PASSWORD = 'agent e2e password'
const uids = (ics: string) => [...ics.matchAll(/^UID:(.+)$/gm)].map((m) => m[1].trim()).sort()

describe('an agent asks for a day off and the scheduler approves it (browser)', () => {
  let server: RunningServer
  let browser: Browser
  let admin: SignedInHttp
  let schedulerPage: Page, agentPage: Page
  const problems: string[][] = []
  let scheduleId: string
  let agentName: string
  let day: string
  let feedUrl: string
  let rosterBefore: string[]
  let icsBefore: string

  beforeAll(async () => {
    server = await startServer()
    admin = await server.signIn()
    browser = await launchBrowser()
    schedulerPage = await (await browser.newContext()).newPage()
    agentPage = await (await browser.newContext()).newPage()
    problems.push(await watchPageProblems(schedulerPage), await watchPageProblems(agentPage))
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const rosterCsv = async () => (await (await fetch(`${server.baseUrl}/schedules/${scheduleId}/roster.csv`, { headers: admin.headers })).text()).trim().split('\n').slice(1)
  const post = (path: string, fields: Record<string, string>) => fetch(server.baseUrl + path, { method: 'POST', redirect: 'manual', headers: { ...admin.headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...fields, _csrf: admin.csrfToken }) })

  it('generates and publishes a schedule of the demo queue as the scheduler', async () => {
    await signInInBrowser(schedulerPage, server.baseUrl, 'admin', E2E_ADMIN_PASSWORD)
    await schedulerPage.goto(server.baseUrl + '/schedules')
    await schedulerPage.fill('#generate-form input[name=timeLimitSeconds]', '15')
    await schedulerPage.click('#generate-form button[type=submit]')
    await schedulerPage.waitForURL(/\/schedules\/\d+$/, { timeout: 170_000 })
    scheduleId = /\/schedules\/(\d+)$/.exec(schedulerPage.url())![1]
    // the draft previews the optimiser's names, which publishing then freezes
    expect(await schedulerPage.locator('#roster-method').textContent()).toMatch(/^Names assigned by the roster optimiser: (proven optimal|within \d+\.\d% of the best possible \(proven bound\)), \d+ shifts without an agent\. Publishing freezes these names\.$/)
    const previewed = await rosterCsv()
    await schedulerPage.click('#publish-button')
    await schedulerPage.waitForSelector('#published-note')
    rosterBefore = await rosterCsv()
    expect([...rosterBefore].sort()).toEqual([...previewed].sort())
    const perAgent = new Map<string, string[]>()
    for (const line of rosterBefore) if (!line.startsWith('unassigned,')) perAgent.set(line.split(',')[0], [...(perAgent.get(line.split(',')[0]) ?? []), line])
    ;[agentName] = [...perAgent].sort((a, b) => b[1].length - a[1].length)[0]
    day = perAgent.get(agentName)![0].split(',')[1]
    expect(perAgent.get(agentName)!.length).toBeGreaterThanOrEqual(2)
  }, 180_000)

  it('links a viewer account to that agent on the users page', async () => {
    expect((await post('/users', { username: 'agent1', role: 'viewer', password: AGENT_PASSWORD })).status).toBe(303)
    const users = await (await fetch(server.baseUrl + '/users', { headers: admin.headers })).text()
    // (the page adds the CSRF field inside each form)
    const form = new RegExp(`action="/users/(\\d+)/agent"[^>]*>(?:(?!</form>).)*?aria-label="agent of agent1">(.*?)</select>`, 's').exec(users)!
    const agentId = new RegExp(`<option value="(\\d+)">${agentName}</option>`).exec(form[2])![1]
    expect((await post(`/users/${form[1]}/agent`, { agentId })).status).toBe(303)
  })

  it('the agent signs in, sees their shifts, makes their calendar address and asks for the day off', async () => {
    await signInInBrowser(agentPage, server.baseUrl, 'agent1', AGENT_PASSWORD)
    await agentPage.goto(server.baseUrl + '/my-shifts')
    expect(await agentPage.locator('h1').textContent()).toBe(`My shifts: ${agentName}`)
    const own = rosterBefore.filter((l) => l.startsWith(`${agentName},`))
    expect(await agentPage.locator('#my-shifts-summary').textContent()).toMatch(new RegExp(`^${own.length} published shifts`))
    await agentPage.click('#feed-form button[type=submit]')
    feedUrl = (await agentPage.locator('#feed-url').textContent())!
    const feed = await fetch(feedUrl) // no session: a phone's calendar
    expect(feed.status).toBe(200)
    icsBefore = await feed.text()
    expect(uids(icsBefore)).toHaveLength(own.length)
    await agentPage.fill('#time-off-form input[name=from]', day)
    await agentPage.fill('#time-off-form input[name=to]', day)
    await agentPage.fill('#time-off-form input[name=reason]', 'family')
    await agentPage.click('#time-off-form button[type=submit]')
    await agentPage.waitForSelector('#my-shifts-notice')
    expect(await agentPage.locator('#my-requests tbody tr').first().textContent()).toContain('pending')
  }, 60_000)

  it('the scheduler approves: the roster changes in the shift the day off forces (and what the rules then require), and the .ics follows', async () => {
    await schedulerPage.goto(server.baseUrl + '/requests')
    const row = schedulerPage.locator('#pending-requests tbody tr', { hasText: agentName })
    expect(await row.textContent()).toContain(`Time off ${day} – ${day}`)
    await row.locator('.approve-form input[name=note]').fill('fine')
    await row.locator('.approve-form button[type=submit]').click()
    await schedulerPage.waitForSelector('#requests-notice')
    // The day off forces one change; in the queue's week (PS is Israeli: Sunday-first, Friday–Saturday weekend) the
    // colleague who takes it may have to hand on another shift to keep their days, and so on: fewest changes, proven.
    const note = /^Changes: 1 forced by the request, (\d+) required by the rules; fewest changes proven\.$/.exec((await schedulerPage.locator('#reroster-note').textContent())!)
    expect(note).not.toBeNull()
    const changed = 1 + Number(note![1])
    expect(await schedulerPage.locator('#requests-notice').textContent()).toBe(`Approved and published: ${changed} shift${changed === 1 ? '' : 's'} changed hands.`)

    const rosterAfter = await rosterCsv()
    const removed = rosterBefore.filter((l) => !rosterAfter.includes(l))
    const added = rosterAfter.filter((l) => !rosterBefore.includes(l))
    expect(removed).toHaveLength(changed)
    expect(added).toHaveLength(changed)
    const dayOff = removed.find((l) => l.startsWith(`${agentName},${day},`))!
    expect(rosterAfter.some((l) => l.startsWith(`${agentName},${day},`))).toBe(false)
    const taken = added.find((l) => l.slice(l.indexOf(',')) === dayOff.slice(agentName.length))! // the same shift, another agent
    const colleague = taken.split(',')[0]
    expect(colleague).not.toBe(agentName)
    expect(await schedulerPage.locator('#roster-changes tbody tr').first().textContent()).toContain(`${agentName}${colleague}`)

    const icsAfter = await (await fetch(feedUrl)).text()
    const gone = uids(icsBefore).filter((u) => !uids(icsAfter).includes(u))
    expect(gone).toHaveLength(1)
    expect(uids(icsAfter)).toEqual(uids(icsBefore).filter((u) => u !== gone[0]))
    await agentPage.goto(server.baseUrl + '/my-shifts')
    expect(await agentPage.locator('#my-requests tbody tr').first().textContent()).toContain('approved')
    expect(problems.flat()).toEqual([])
  }, 90_000)

  it('fits My shifts, the requests page, the calendar per date and the schedule on a 390 px phone without sideways scroll', async () => {
    for (const [page, path] of [[agentPage, '/my-shifts'], [schedulerPage, '/requests'], [schedulerPage, '/schedules/dates'], [schedulerPage, `/schedules/${scheduleId}`]] as const) {
      await page.setViewportSize({ width: 390, height: 844 })
      await page.goto(server.baseUrl + path)
      expect(await horizontalOverflowPx(page), `${path}: ${(await widestElements(page)).join(', ')}`).toBe(0)
    }
    expect(problems.flat()).toEqual([])
  }, 60_000)
})
