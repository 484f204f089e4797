/**
 * My shifts (any signed-in account linked to an agent): the agent's published shifts, time-off and swap requests,
 * and the calendar feed's secret address. Every change is in the audit log.
 */
import { Hono, type Context } from 'hono'
import type { WebDeps } from '../deps.ts'
import { currentUser } from '../middleware/session.ts'
import { auditChange } from '../middleware/audit.ts'
import { RequestRefusedError, requestSwap, requestTimeOff } from '../../planning/agentRequests.ts'
import { agentOfUser, makeCalendarAddress, myShiftsOf, stopCalendarFeed } from '../../planning/myShifts.ts'
import { parseSwapForm, parseTimeOffForm } from '../forms/rosterRequests.ts'
import { renderPage } from '../../../views/Layout.tsx'
import { MyShiftsPage, type MyShiftsPageProps } from '../../../views/myShifts/MyShiftsPage.tsx'

const NOTICES: Record<string, string> = {
  'time-off': 'Asked: a scheduler will approve or refuse your time off.',
  swap: 'Asked: the swap fits the rules; a scheduler will approve or refuse it.',
  revoked: 'Your calendar feed is stopped: its address no longer answers.',
}

export function myShiftRoutes({ db }: WebDeps) {
  const app = new Hono()
  const agentOf = async (c: Context) => { const user = currentUser(c); return user ? agentOfUser(db, user.id) : null }

  const page = async (c: Context, extra: Partial<MyShiftsPageProps> = {}, status: 200 | 422 = 200) => {
    const agent = await agentOf(c)
    const props: MyShiftsPageProps = agent
      ? { agent, ...await myShiftsOf(db, agent), ...extra }
      : { agent: null, shifts: [], colleagues: [], requests: [], feedCreatedAtMs: null }
    return c.html(renderPage(<MyShiftsPage {...props} />), agent ? status : 200)
  }
  const notLinked = (c: Context) => c.html(renderPage(<MyShiftsPage agent={null} shifts={[]} colleagues={[]} requests={[]} feedCreatedAtMs={null} />), 422)

  app.get('/', (c) => page(c, { notice: NOTICES[c.req.query('done') ?? ''] }))

  app.post('/time-off', async (c) => {
    const agent = await agentOf(c)
    if (!agent) return notLinked(c)
    const body = await c.req.parseBody()
    const parsed = parseTimeOffForm(body)
    if (!parsed.ok) return page(c, { error: `Not asked: ${parsed.error}.`, form: { from: String(body.from ?? ''), to: String(body.to ?? ''), reason: String(body.reason ?? '') } }, 422)
    try {
      const made = await requestTimeOff(db, agent, currentUser(c)!.username, parsed.data)
      await auditChange(c, db, { action: 'request.create', entity: 'roster_request', entityId: made.id, summary: made.summary })
    } catch (error) {
      if (error instanceof RequestRefusedError) return page(c, { error: `Not asked: ${error.message}.`, form: { from: parsed.data.from, to: parsed.data.to, reason: parsed.data.reason } }, 422)
      throw error
    }
    return c.redirect('/my-shifts?done=time-off', 303)
  })

  app.post('/swap', async (c) => {
    const agent = await agentOf(c)
    if (!agent) return notLinked(c)
    const parsed = parseSwapForm(await c.req.parseBody())
    if (!parsed.ok) return page(c, { error: `Not asked: ${parsed.error}.` }, 422)
    try {
      const made = await requestSwap(db, agent, currentUser(c)!.username, parsed.data)
      await auditChange(c, db, { action: 'request.create', entity: 'roster_request', entityId: made.id, summary: made.summary })
    } catch (error) {
      if (error instanceof RequestRefusedError) return page(c, { error: `Not asked: ${error.message}.` }, 422)
      throw error
    }
    return c.redirect('/my-shifts?done=swap', 303)
  })

  /** A new secret address (the old one stops); shown once on the page that answers. */
  app.post('/calendar', async (c) => {
    const agent = await agentOf(c)
    if (!agent) return notLinked(c)
    const token = await makeCalendarAddress(db, agent.id)
    await auditChange(c, db, { action: 'calendar.regenerate', entity: 'agent', entityId: agent.id, summary: `new calendar feed address for ${agent.name}` })
    return page(c, { feedUrl: `${new URL(c.req.url).origin}/calendar/${token}.ics`, notice: 'A new calendar address is made; the old one no longer answers.' })
  })

  app.post('/calendar/revoke', async (c) => {
    const agent = await agentOf(c)
    if (!agent) return notLinked(c)
    if (await stopCalendarFeed(db, agent.id)) await auditChange(c, db, { action: 'calendar.revoke', entity: 'agent', entityId: agent.id, summary: `calendar feed of ${agent.name} stopped` })
    return c.redirect('/my-shifts?done=revoked', 303)
  })
  return app
}
