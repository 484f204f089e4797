/** The Hono app: static assets, one route module per capability, and one error handler. */
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { mkdirSync } from 'node:fs'
import type { Db } from '../db/client.ts'
import { createJobRegistry } from './jobs.ts'
import { createSignInThrottle } from '../auth/signInThrottle.ts'
import { loadStaticAssets } from './static.ts'
import type { WebDeps } from './deps.ts'
import { dashboardRoutes } from './routes/dashboard.tsx'
import { importRoutes } from './routes/imports.tsx'
import { staffingRoutes } from './routes/staffing.tsx'
import { todayRoutes } from './routes/today.tsx'
import { comingSoonRoutes } from './routes/comingSoon.tsx'
import { exportRoutes } from './routes/exports.tsx'
import { eventRoutes } from './routes/events.tsx'
import { kpiRoutes } from './routes/kpis.tsx'
import { forecastRoutes } from './routes/forecasts.tsx'
import { scheduleRoutes } from './routes/schedules.tsx'
import { scenarioRoutes } from './routes/scenarios.tsx'
import { capacityRoutes } from './routes/capacity.tsx'
import { Layout, renderPage } from '../../views/Layout.tsx'
import { securityHeaders } from './middleware/securityHeaders.ts'
import { bodyLimits } from './middleware/bodyLimits.ts'
import { loadSession } from './middleware/session.ts'
import { auditRoutes } from './routes/audit.tsx'
import { isDatabaseUnavailable } from './middleware/databaseErrors.ts'
import { pageCache } from './middleware/pageCache.ts'
import { requireRoles } from './middleware/roles.ts'
import { csrfProtection } from './middleware/csrf.ts'
import { badAddressResponse, queryParamChecks } from './middleware/queryParams.tsx'
import { UnknownQueueError } from './queryParams.ts'
import { pageDecorations } from './middleware/pageDecorations.ts'
import { authRoutes } from './routes/auth.tsx'
import { userRoutes } from './routes/users.tsx'
import { apiRoutes } from './api/apiRoutes.tsx'
import { tokenRoutes } from './routes/tokens.tsx'
import { loadApiToken } from './middleware/apiToken.ts'
import { isApiPath, problemResponse } from './api/problem.ts'
import { TimeLimitError } from '../workers/runInWorker.ts'
import { settingsRoutes } from './routes/settings.tsx'
import { displayFormat } from './middleware/displayFormat.ts'
import { myShiftRoutes } from './routes/myShifts.tsx'
import { rosterRequestRoutes } from './routes/rosterRequests.tsx'
import { calendarFeedRoutes } from './routes/calendarFeed.ts'
import { dateHoursRoutes } from './routes/dateHours.tsx'

export interface AppOptions { db: Db; uploadDir?: string }

export function createApp({ db, uploadDir = 'data/tmp/uploads' }: AppOptions) {
  mkdirSync(uploadDir, { recursive: true })
  const deps: WebDeps = { db, jobs: createJobRegistry(), uploadDir, signInThrottle: createSignInThrottle() }
  const app = new Hono()
  const assets = loadStaticAssets()
  app.use('*', securityHeaders())
  app.use('*', bodyLimits())
  app.use('*', loadSession(db))
  app.use('*', loadApiToken(db))
  app.use('*', requireRoles())
  app.use('*', csrfProtection())
  app.use('*', queryParamChecks())
  app.use('*', pageDecorations())
  const display = displayFormat(db)
  app.use('*', display.middleware)
  app.use('*', pageCache(db))
  app.get('/static/*', (c) => {
    const asset = assets.get(c.req.path)
    if (!asset) return c.notFound()
    return c.body(asset.body, 200, { 'Content-Type': asset.contentType, 'Cache-Control': 'public, max-age=3600' })
  })
  // Browsers ask for /favicon.ico on answers without an icon link (text, CSV): the same icon, never a 404.
  app.get('/favicon.ico', (c) => c.body(assets.get('/static/favicon.svg')!.body, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }))
  app.get('/health', async (c) => {
    await db.client.execute('SELECT 1')
    return c.json({ ok: true })
  })
  app.route('/', dashboardRoutes(deps))
  app.route('/imports', importRoutes(deps))
  app.route('/kpis', kpiRoutes(deps))
  app.route('/forecasts', forecastRoutes(deps))
  app.route('/staffing', staffingRoutes(deps))
  app.route('/today', todayRoutes(deps))
  app.route('/events', eventRoutes(deps))
  app.route('/exports', exportRoutes(deps))
  app.route('/audit', auditRoutes(deps))
  app.route('/users', userRoutes(deps))
  app.route('/settings', settingsRoutes(deps, display.forget))
  app.route('/', authRoutes(deps))
  app.route('/schedules/dates', dateHoursRoutes(deps))
  app.route('/schedules', scheduleRoutes(deps))
  app.route('/scenarios', scenarioRoutes(deps))
  app.route('/api/v1', apiRoutes(deps))
  app.route('/tokens', tokenRoutes(deps))
  app.route('/capacity', capacityRoutes(deps))
  app.route('/my-shifts', myShiftRoutes(deps))
  app.route('/requests', rosterRequestRoutes(deps))
  app.route('/calendar', calendarFeedRoutes(deps))
  app.route('/', comingSoonRoutes())
  app.notFound((c) => c.html(renderPage(<Layout title="Not found"><h1>Not found</h1><p>There is no page at {c.req.path}.</p></Layout>), 404))
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse()
    if (error instanceof UnknownQueueError) return badAddressResponse(c, [error.message])
    // A worker task stopped at its time limit (src/workers/): its message says what was stopped and what to change.
    if (error instanceof TimeLimitError) {
      if (isApiPath(c.req.path)) return problemResponse(c, 'time-limit', 503, error.message)
      return c.html(renderPage(<Layout title="Took too long"><h1>This took too long</h1><p class="errors" role="alert">{error.message}</p></Layout>), 503)
    }
    console.error(error)
    const unavailable = isDatabaseUnavailable(error)
    if (isApiPath(c.req.path)) {
      if (unavailable) c.header('Retry-After', '5')
      return unavailable
        ? problemResponse(c, 'unavailable', 503, 'The database did not answer. Nothing was changed; try again in a moment.')
        : problemResponse(c, 'internal', 500, 'Something went wrong on our side. Nothing was changed.')
    }
    const message = unavailable
      ? 'The database did not answer. Nothing was changed; try again in a moment.'
      : 'Something went wrong on our side. Nothing was changed.'
    if (unavailable) c.header('Retry-After', '5')
    return c.html(renderPage(<Layout title="Error"><h1>Sorry</h1><p class="errors">{message}</p></Layout>), unavailable ? 503 : 500)
  })
  return app
}
