/** The read routes of the API: each maps HTTP to one function of src/planning/apiReads.ts. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { WebDeps } from '../deps.ts'
import { ApiReadError, apiFlags, apiForecast, apiKpis, apiQueues, apiSchedule, apiSchedules, apiStaffingPlan, pageOf } from '../../planning/apiReads.ts'
import { problemResponse } from './problem.ts'
import { ProblemDoc } from './schemas.ts'

const dateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
const RangeQuery = z.object({
  from: dateKey.optional().openapi({ description: 'first local date (YYYY-MM-DD), with to' }),
  to: dateKey.optional().openapi({ description: 'last local date, included' }),
})
/** A whole number from a path or query parameter, refused in words that name it ("queue id must be …"). */
const wholeParam = (name: string, min: number, max: number) => {
  const message = `${name} must be a whole number from ${min} to ${max.toLocaleString('en-US')}`
  return z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message })
}
const PageQuery = z.object({
  offset: wholeParam('offset', 0, 10_000_000).default(0).openapi({ description: 'items to skip' }),
  limit: wholeParam('limit', 1, 5000).default(1000).openapi({ description: 'items per page (1–5000)' }),
})
const QueueParam = z.object({ id: wholeParam('queue id', 1, 2 ** 31).openapi({ param: { name: 'id', in: 'path' }, description: 'queue id (GET /api/v1/queues)' }) })
const Json = z.record(z.string(), z.unknown())

const problems = {
  400: { description: 'a bad parameter (named in the detail)', content: { 'application/problem+json': { schema: ProblemDoc } } },
  401: { description: 'no token, or an unknown or revoked one', content: { 'application/problem+json': { schema: ProblemDoc } } },
  404: { description: 'no such queue or schedule', content: { 'application/problem+json': { schema: ProblemDoc } } },
}
const ok = (description: string, schema: z.ZodType = Json, csv = false) => ({
  200: { description, content: { 'application/json': { schema }, ...(csv ? { 'text/csv': { schema: z.string() } } : {}) } },
  ...problems,
})

const QueueDoc = z.object({ id: z.number().int(), name: z.string(), timeZone: z.string(), intervalMinutes: z.number().int() }).openapi('Queue')
const paged = (item: z.ZodType, name: string) => z.object({ items: z.array(item), total: z.number().int(), offset: z.number().int(), limit: z.number().int(), nextOffset: z.number().int().nullable() }).openapi(name)

async function answerRead(c: Context, read: () => Promise<unknown>): Promise<Response> {
  try {
    return c.json(await read() as object, 200)
  } catch (error) {
    if (error instanceof ApiReadError) return problemResponse(c, error.status === 404 ? 'not-found' : 'invalid-request', error.status, error.message)
    if (error instanceof RangeError) return problemResponse(c, 'invalid-request', 400, error.message)
    throw error
  }
}

export function registerReadRoutes(app: OpenAPIHono, { db }: WebDeps): void {
  const security = [{ bearer: [] }]
  app.openapi(createRoute({ method: 'get', path: '/queues', tags: ['Reads'], summary: 'The queues', security, responses: ok('every queue', z.array(QueueDoc)) }),
    (c) => answerRead(c, () => apiQueues(db)) as never)

  app.openapi(createRoute({
    method: 'get', path: '/queues/{id}/forecast', tags: ['Reads'], summary: 'The published forecast of a queue (else its latest), per interval',
    security, request: { params: QueueParam, query: RangeQuery.extend(PageQuery.shape) }, responses: ok('the snapshot and a page of its intervals'),
  }), (c) => {
    const { id } = c.req.valid('param'); const q = c.req.valid('query')
    return answerRead(c, async () => { const f = await apiForecast(db, id, q); return { ...f, intervals: pageOf(f.intervals, q.offset, q.limit) } }) as never
  })

  app.openapi(createRoute({
    method: 'get', path: '/queues/{id}/staffing-plan', tags: ['Reads'], summary: 'The staffing plan (the columns of `chatplan plan`); CSV with Accept: text/csv',
    description: 'Forecasts the queue for the local dates from–to (default: the two weeks after its history; at most 62 days) with its saved staffing settings, as the staffing page does. The queue\'s calendar per date applies: a date closed (a public holiday, a date closed by hand) has no agent required, a shortened date needs agents only inside its hours; `dateHours` lists those dates.',
    security, request: { params: QueueParam, query: RangeQuery.extend(PageQuery.shape) }, responses: ok('a page of plan rows, or the whole plan as CSV', Json, true),
  }), async (c) => {
    const { id } = c.req.valid('param'); const q = c.req.valid('query')
    if (/text\/csv/.test(c.req.header('Accept') ?? '')) {
      try {
        const plan = await apiStaffingPlan(db, id, q)
        return c.body(plan.csv(), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Cache-Control': 'no-store' }) as never
      } catch (error) { return answerRead(c, () => Promise.reject(error)) as never }
    }
    return answerRead(c, async () => { const { csv: _csv, rows, ...plan } = await apiStaffingPlan(db, id, q); return { ...plan, rows: pageOf(rows, q.offset, q.limit) } }) as never
  })

  app.openapi(createRoute({ method: 'get', path: '/queues/{id}/schedules', tags: ['Reads'], summary: 'The schedules of a queue (drafts and published)', security, request: { params: QueueParam, query: PageQuery }, responses: ok('a page of schedules') }),
    (c) => { const { id } = c.req.valid('param'); const q = c.req.valid('query'); return answerRead(c, async () => pageOf(await apiSchedules(db, id), q.offset, q.limit)) as never })

  app.openapi(createRoute({
    method: 'get', path: '/schedules/{id}', tags: ['Reads'], summary: 'A schedule: its shifts and its coverage per interval',
    security, request: { params: z.object({ id: wholeParam('schedule id', 1, 2 ** 31).openapi({ param: { name: 'id', in: 'path' } }) }), query: PageQuery },
    responses: ok('the schedule with a page of its coverage rows'),
  }), (c) => { const { id } = c.req.valid('param'); const q = c.req.valid('query'); return answerRead(c, async () => { const s = await apiSchedule(db, id); return { ...s, coverage: pageOf(s.coverage, q.offset, q.limit) } }) as never })

  app.openapi(createRoute({
    method: 'get', path: '/queues/{id}/flags', tags: ['Reads'], summary: 'Intervals whose need with events exceeds the cover planned (`chatplan flags`)',
    security, request: { params: QueueParam, query: RangeQuery }, responses: ok('the flags by interval and by day'),
  }), (c) => { const { id } = c.req.valid('param'); return answerRead(c, () => apiFlags(db, id, c.req.valid('query'))) as never })

  app.openapi(createRoute({
    method: 'get', path: '/queues/{id}/kpis', tags: ['Reads'], summary: 'The live-chat KPIs of a queue (`chatplan kpis --format json`)',
    security, request: { params: QueueParam, query: RangeQuery.extend({ threshold: z.string().max(10).optional().openapi({ description: 'SLA threshold in seconds (default 60)' }) }) },
    responses: ok('the KPI report'),
  }), (c) => { const { id } = c.req.valid('param'); return answerRead(c, () => apiKpis(db, id, c.req.valid('query'))) as never })
}
