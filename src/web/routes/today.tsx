/**
 * The today page: `/today?queue=ID` (live: the queue's clock now, polling itself) or
 * `/today?queue=ID&date=YYYY-MM-DD&at=HH:MM` (replay: what the page would have said then). `/today/panel` answers
 * the self-refreshing fragment with the same query.
 */
import { Hono, type Context } from 'hono'
import type { WebDeps } from '../deps.ts'
import { isFragmentRequest } from '../htmx.ts'
import { pickQueue } from '../queryParams.ts'
import type { Queue } from '../../db/schema.ts'
import { listQueues } from '../../db/queues.ts'
import { instantOf, todayView } from '../../planning/intradayPlan.ts'
import { renderPage } from '../../../views/Layout.tsx'
import { TodayPage, TodayPanel } from '../../../views/today/TodayPage.tsx'

const DEFAULT_REFRESH_SECONDS = 30

/** `?refresh=` (already checked against REFRESH_SECONDS by the query checks, src/schemas/queryParams.ts), or 30 s. */
function refreshOf(value: string | undefined): number {
  return value && value.trim() !== '' ? Number(value) : DEFAULT_REFRESH_SECONDS
}

export function todayRoutes({ db }: WebDeps) {
  const app = new Hono()

  /** The panel for a queue and query (live or replay), or the message saying why not. */
  async function panelOf(c: Context, queue: Queue): Promise<{ panel?: unknown; error?: string; status: 200 | 422 }> {
    const date = c.req.query('date')?.trim() ?? ''
    const at = c.req.query('at')?.trim() ?? ''
    const replay = date !== '' || at !== ''
    let asOfMs: number
    if (replay) {
      try {
        asOfMs = instantOf(date, at || '12:00', queue.timeZone)
      } catch (error) {
        return { error: `Replay: ${(error as Error).message}. Nothing was changed.`, status: 422 }
      }
      if (asOfMs > Date.now()) return { error: `Replay: ${date} ${at} is in the future; pick a past moment.`, status: 422 }
    } else asOfMs = Date.now()
    const refresh = refreshOf(c.req.query('refresh'))
    const query = new URLSearchParams({ queue: String(queue.id), refresh: String(refresh) })
    try {
      const view = await todayView(db, queue, asOfMs, { replay })
      return { panel: <TodayPanel view={view} refreshSeconds={refresh} pollUrl={`/today/panel?${query}`} />, status: 200 }
    } catch (error) {
      if (error instanceof RangeError || error instanceof TypeError) return { error: error.message, status: 422 }
      throw error
    }
  }

  app.get('/', async (c) => {
    const queues = await listQueues(db)
    const queue = pickQueue(queues, c.req.query('queue'))
    if (!queue) return c.html(renderPage(<TodayPage queues={queues} queue={null} replayDate="" replayClock="" />))
    const { panel, error, status } = await panelOf(c, queue)
    return c.html(renderPage(<TodayPage queues={queues} queue={queue} replayDate={c.req.query('date') ?? ''} replayClock={c.req.query('at') ?? ''} panel={panel} error={error} />), status)
  })

  app.get('/panel', async (c) => {
    if (!isFragmentRequest(c)) return c.redirect(`/today?${new URLSearchParams(c.req.query()).toString()}`, 303)
    const queues = await listQueues(db)
    const queue = queues.find((q) => String(q.id) === c.req.query('queue'))
    if (!queue) return c.html(<p class="errors" id="today-panel">This queue no longer exists.</p>, 404)
    const { panel, error, status } = await panelOf(c, queue)
    return c.html(<>{panel ?? <p class="errors" id="today-panel">{error}</p>}</>, status)
  })

  return app
}
