/**
 * An agent's calendar feed at its secret address (`/calendar/<token>.ics`): no sign-in (a phone's calendar cannot
 * sign in); the token opens one agent's feed and nothing else. An unknown or revoked token answers 404.
 */
import { Hono } from 'hono'
import type { WebDeps } from '../deps.ts'
import { agentIdOfFeedToken } from '../../db/calendarFeeds.ts'
import { listAgents } from '../../db/schedules.ts'
import { latestPublishedScheduleIds } from '../../db/publishedRoster.ts'
import { agentCalendarIcs } from '../../planning/agentCalendar.ts'
import { publishedShiftsOfAgent } from '../../planning/agentRequests.ts'

export function calendarFeedRoutes({ db }: WebDeps) {
  const app = new Hono()
  app.get('/:file{[A-Za-z0-9_-]{16,64}\\.ics}', async (c) => {
    const agentId = await agentIdOfFeedToken(db, c.req.param('file').slice(0, -4))
    const agent = agentId === null ? undefined : (await listAgents(db)).find((a) => a.id === agentId)
    if (!agent) return c.text('There is no calendar at this address (it may have been replaced or stopped).', 404)
    const shifts = await publishedShiftsOfAgent(db, agent.name)
    const stampMs = Math.max(0, ...(await latestPublishedScheduleIds(db)).map((s) => s.publishedAtMs))
    return c.body(agentCalendarIcs(agent.name, shifts, { stampMs: stampMs || Date.now() }), 200, {
      'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, no-store', 'Content-Disposition': `inline; filename="shifts.ics"`,
    })
  })
  return app
}
