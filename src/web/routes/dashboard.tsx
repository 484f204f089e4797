import { Hono } from 'hono'
import type { WebDeps } from '../deps.ts'
import { dashboardFigures } from '../../planning/dashboard.ts'
import { DashboardPage } from '../../../views/dashboard/DashboardPage.tsx'
import { renderPage } from '../../../views/Layout.tsx'
import { pickQueue } from '../queryParams.ts'

export function dashboardRoutes({ db }: WebDeps) {
  const app = new Hono()
  app.get('/', async (c) => {
    // Under a live feed the last figures answer at once, marked "as of …, updating" (src/planning/dashboard.ts).
    const figures = await dashboardFigures(db, (queues) => pickQueue(queues, c.req.query('queue')), { allowStale: true })
    return c.html(renderPage(<DashboardPage {...figures} />))
  })
  return app
}
