import { Hono } from 'hono'
import type { WebDeps } from '../deps.ts'
import { listQueues } from '../../db/queues.ts'
import { historyRange } from '../../db/history.ts'
import { listSnapshots } from '../../db/forecasts.ts'
import { defaultPlanRange } from '../../planning/staffingPlan.ts'
import { KPI_TABLE_NAMES } from '../../kpis/tables.ts'
import { listKpiQueues } from '../../db/kpis.ts'
import { pickQueue } from '../queryParams.ts'
import { renderPage } from '../../../views/Layout.tsx'
import { ExportsPage } from '../../../views/exports/ExportsPage.tsx'

export function exportRoutes({ db }: WebDeps) {
  const app = new Hono()
  app.get('/', async (c) => {
    const queues = await listQueues(db)
    const queue = pickQueue(queues, c.req.query('queue'))
    if (!queue) return c.html(renderPage(<ExportsPage queues={queues} queue={null} planRange={null} kpiTables={KPI_TABLE_NAMES} snapshots={[]} />))
    const range = await historyRange(db, queue.id)
    const planRange = Number.isFinite(range.lastMs) ? defaultPlanRange(range.lastMs, queue.timeZone) : null
    const snapshots = await listSnapshots(db, { queueId: queue.id, limit: 20 })
    // KPI tables need contact records: an interval-only queue gets a note, not links that answer 400.
    const hasContacts = (await listKpiQueues(db)).some((k) => k.queue.id === queue.id)
    return c.html(renderPage(<ExportsPage queues={queues} queue={queue} planRange={planRange} kpiTables={hasContacts ? KPI_TABLE_NAMES : []} snapshots={snapshots} />))
  })
  return app
}
