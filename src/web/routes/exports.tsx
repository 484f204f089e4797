import { Hono } from 'hono'
import type { WebDeps } from '../deps.ts'
import { listQueues } from '../../db/queues.ts'
import { countContacts, historyRange } from '../../db/history.ts'
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
    // KPI tables come from contact records: a queue with interval aggregates only gets no links that would fail.
    const hasContacts = (await countContacts(db, queue.id)).contacts > 0
    const contactQueues = hasContacts ? [] : (await Promise.all(queues.map(async (q) => ((await countContacts(db, q.id)).contacts > 0 ? [q] : [])))).flat()
    return c.html(renderPage(<ExportsPage queues={queues} queue={queue} planRange={planRange} kpiTables={hasContacts ? KPI_TABLE_NAMES : []} contactQueues={contactQueues} snapshots={snapshots} />))
  })
  return app
}
