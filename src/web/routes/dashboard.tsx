import { Hono } from 'hono'
import type { WebDeps } from '../deps.ts'
import { listQueues } from '../../db/queues.ts'
import { countContacts, historyRange, listHistoryIntervals, listRecentImports } from '../../db/history.ts'
import { dailyTotals, hourOfWeekMeans } from '../../kpis/volumeProfile.ts'
import { DashboardPage } from '../../../views/dashboard/DashboardPage.tsx'
import { renderPage } from '../../../views/Layout.tsx'
import { pickQueue } from '../queryParams.ts'

export function dashboardRoutes({ db }: WebDeps) {
  const app = new Hono()
  app.get('/', async (c) => {
    const queues = await listQueues(db)
    const queue = pickQueue(queues, c.req.query('queue'))
    const imports = await listRecentImports(db, 10)
    if (!queue) return c.html(renderPage(<DashboardPage queues={queues} queue={null} range={null} daily={[]} hourOfWeek={[]} imports={imports} contactCount={{ contacts: 0, synthetic: 0 }} />))
    const [range, intervals, contactCount] = await Promise.all([historyRange(db, queue.id), listHistoryIntervals(db, queue, 60), countContacts(db, queue.id)])
    return c.html(renderPage(
      <DashboardPage queues={queues} queue={queue} range={range} daily={dailyTotals(intervals, queue.timeZone)} hourOfWeek={hourOfWeekMeans(intervals, queue.timeZone)} imports={imports} contactCount={contactCount} />,
    ))
  })
  return app
}
