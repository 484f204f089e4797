/**
 * An agent's calendar feed at its secret address (`/calendar/<token>.ics`): no sign-in (a phone's calendar cannot
 * sign in); the token opens one agent's feed and nothing else. An unknown or revoked token answers 404.
 */
import { Hono } from 'hono'
import type { WebDeps } from '../deps.ts'
import { calendarFeedText } from '../../planning/myShifts.ts'

export function calendarFeedRoutes({ db }: WebDeps) {
  const app = new Hono()
  app.get('/:file{[A-Za-z0-9_-]{16,64}\\.ics}', async (c) => {
    const ics = await calendarFeedText(db, c.req.param('file').slice(0, -4))
    if (ics === null) return c.text('There is no calendar at this address (it may have been replaced or stopped).', 404)
    return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, no-store', 'Content-Disposition': 'inline; filename="shifts.ics"' })
  })
  return app
}
