/** GET /kpis (page, or the report fragment for htmx) and GET /kpis/export/<table>.csv for every table of the report. */
import { Hono } from 'hono'
import type { WebDeps } from '../deps.ts'
import { describeDataSpan, resolveKpiRequest, type KpiRequest } from '../../db/kpis.ts'
import { kpiReportFor } from '../../planning/kpiReports.ts'
import { isKpiTableName, kpiTable, tableToCsv } from '../../kpis/tables.ts'
import { isFragmentRequest } from '../htmx.ts'
import { renderPage } from '../../../views/Layout.tsx'
import { KpiReportView, KpisPage, type KpisPageProps } from '../../../views/kpis/KpisPage.tsx'

function requestOf(query: (name: string) => string | undefined): KpiRequest {
  return { queue: query('queue'), from: query('from'), to: query('to'), threshold: query('threshold') }
}

export function kpiRoutes({ db }: WebDeps) {
  const app = new Hono()

  app.get('/', async (c) => {
    const resolved = await resolveKpiRequest(db, requestOf((n) => c.req.query(n)))
    const selection = resolved.selection
    const props: KpisPageProps = {
      queues: resolved.kpiQueues.map((q) => ({ id: q.queue.id, name: q.queue.name, timeZone: q.queue.timeZone })),
      selection, report: null, message: null, query: new URLSearchParams(selection).toString(),
    }
    let status: 200 | 400 = 200
    if (!resolved.ok) {
      props.message = { kind: resolved.kpiQueues.length ? 'errors' : 'notice', text: resolved.message }
      if (resolved.kpiQueues.length) status = 400
    } else {
      // Under a live feed the last report of this request answers at once, marked "as of …, updating", while the
      // current one is computed off the request thread (src/planning/kpiReports.ts).
      const { report, asOfMs, updating } = await kpiReportFor(db, resolved.query, { allowStale: true })
      props.report = report
      props.freshness = { asOfMs, updating }
      // The page depends on these queues' contacts only: a feed into another queue leaves it cached (pageCache.ts).
      if (!updating) c.set('pageCacheQueues', resolved.query.queues.map((q) => q.id))
      if (props.report.totals.offered === 0) {
        props.message = { kind: 'notice', text: `No contacts joined ${resolved.query.scopeLabel === 'All queues' ? 'any queue' : `queue ${resolved.query.scopeLabel}`} from ${selection.from} to ${selection.to}. The data covers ${describeDataSpan(resolved.kpiQueues.filter((q) => resolved.query.queues.some((x) => x.id === q.queue.id)), resolved.query.timeZone!)}.` }
      }
    }
    // htmx swaps only 2xx answers: a fragment with a problem is still a 200 so the message shows.
    if (isFragmentRequest(c)) return c.html(<KpiReportView {...props} />)
    return c.html(renderPage(<KpisPage {...props} />), status)
  })

  app.get('/export/:file{[a-z-]+\\.csv}', async (c) => {
    const name = c.req.param('file').replace(/\.csv$/, '')
    if (!isKpiTableName(name)) return c.text(`There is no KPI table '${name}'.\n`, 404)
    const resolved = await resolveKpiRequest(db, requestOf((n) => c.req.query(n)))
    if (!resolved.ok) return c.text(resolved.message + '\n', 400)
    const { report } = await kpiReportFor(db, resolved.query)
    c.set('pageCacheQueues', resolved.query.queues.map((q) => q.id))
    const fileName = `kpis-${name}-${resolved.query.scopeLabel.replace(/[^A-Za-z0-9]+/g, '_')}-${resolved.selection.from}-${resolved.selection.to}.csv`
    return c.body(tableToCsv(kpiTable(report, name)), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName}"` })
  })

  return app
}
