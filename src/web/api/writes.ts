/**
 * POST /api/v1/contacts and /api/v1/intervals: a JSON array or NDJSON of rows (at most 10,000 a request), upserted
 * by src/planning/ingestRows.ts. Thin: read the body, call the planning function, answer counts or a problem.
 */
import type { Context } from 'hono'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { WebDeps } from '../deps.ts'
import { ingestContacts, ingestIntervals, MAX_ROWS_PER_REQUEST, type IngestResult } from '../../planning/ingestRows.ts'
import { problemResponse } from './problem.ts'
import { ContactRowDoc, IntervalRowDoc, ProblemDoc, WriteResultDoc } from './schemas.ts'
import { auditChange, actorName } from '../middleware/audit.ts'
import { z } from '@hono/zod-openapi'

const NDJSON = /^application\/(x-)?(ndjson|jsonl|jsonlines)/i

/** The rows of a request body, or the problem answer (413 over the limit, 415/422 for a body that is not rows). */
async function readRows(c: Context): Promise<unknown[] | Response> {
  const type = c.req.header('Content-Type') ?? ''
  const text = await c.req.text()
  const tooMany = (n: number) => problemResponse(c, 'too-large', 413, `The request has ${n} rows; at most ${MAX_ROWS_PER_REQUEST} rows are taken per request: send them in batches (npx chatplan push does).`, { limit: MAX_ROWS_PER_REQUEST })
  if (NDJSON.test(type)) {
    const lines = text.split('\n')
    const rows: unknown[] = []
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim()
      if (!line) continue
      if (rows.length >= MAX_ROWS_PER_REQUEST) return tooMany(lines.filter((l) => l.trim()).length)
      try { rows.push(JSON.parse(line)) } catch {
        return problemResponse(c, 'invalid-rows', 422, `Line ${i + 1} is not valid JSON; nothing was written.`, { errors: [{ index: rows.length, field: '', reason: 'not valid JSON' }] })
      }
    }
    return rows
  }
  if (!/^application\/json/i.test(type)) return problemResponse(c, 'invalid-request', 415, `Send the rows as application/json (an array) or application/x-ndjson (one JSON object a line), not '${type.slice(0, 60) || 'no Content-Type'}'.`)
  let body: unknown
  try { body = JSON.parse(text) } catch { return problemResponse(c, 'invalid-request', 400, 'The body is not valid JSON; nothing was written.') }
  if (!Array.isArray(body)) return problemResponse(c, 'invalid-request', 422, 'The body must be a JSON array of rows (or NDJSON); nothing was written.')
  if (body.length > MAX_ROWS_PER_REQUEST) return tooMany(body.length)
  return body
}

function answer(c: Context, kind: string, result: IngestResult): Response {
  if (result.status === 'refused') {
    return problemResponse(c, 'invalid-rows', 422, `${result.rejected} of ${result.rows} rows were refused, so nothing was written (add ?partial=true to keep the good rows).`, { rows: result.rows, rejected: result.rejected, errors: result.errors })
  }
  const { rows, created, updated, unchanged, rejected, errors, batchId } = result
  return c.json({ kind, rows, created, updated, unchanged, rejected, errors, batchId }, 200)
}

const writeDoc = (kind: 'contacts' | 'intervals', rowDoc: z.ZodType, summary: string) => ({
  method: 'post' as const,
  path: `/${kind}`,
  tags: ['Writes'],
  summary,
  description: `Upserts up to ${MAX_ROWS_PER_REQUEST} rows a request, sent as a JSON array or as NDJSON (one JSON object a line). ` +
    'Re-sending rows changes nothing (they count as unchanged); a row with a later state updates the stored one; two rows with the same key in one request: the later row wins. ' +
    'All or nothing unless `partial=true`. Needs a token with the scheduler role or above.',
  security: [{ bearer: [] }],
  request: {
    query: z.object({ partial: z.enum(['true', 'false']).optional().openapi({ description: 'keep the good rows when some are refused' }) }),
    body: { required: true, content: { 'application/json': { schema: z.array(rowDoc).max(MAX_ROWS_PER_REQUEST) }, 'application/x-ndjson': { schema: rowDoc } } },
  },
  responses: {
    200: { description: 'written: how many rows were created, updated, unchanged and rejected', content: { 'application/json': { schema: WriteResultDoc } } },
    400: { description: 'the body is not valid JSON, or `partial` is neither true nor false; nothing written', content: { 'application/problem+json': { schema: ProblemDoc } } },
    401: { description: 'no token, or an unknown or revoked one', content: { 'application/problem+json': { schema: ProblemDoc } } },
    403: { description: 'the token\'s role may not write', content: { 'application/problem+json': { schema: ProblemDoc } } },
    415: { description: 'a body that is neither application/json nor application/x-ndjson', content: { 'application/problem+json': { schema: ProblemDoc } } },
    413: { description: `more than ${MAX_ROWS_PER_REQUEST} rows`, content: { 'application/problem+json': { schema: ProblemDoc } } },
    422: { description: 'rows refused (each with index, field and reason); nothing written', content: { 'application/problem+json': { schema: ProblemDoc } } },
  },
})

export function registerWriteRoutes(app: OpenAPIHono, { db }: WebDeps): void {
  app.openAPIRegistry.registerPath(writeDoc('contacts', ContactRowDoc, 'Upsert contacts (chats), keyed by queue, contact id and arrival time'))
  app.openAPIRegistry.registerPath(writeDoc('intervals', IntervalRowDoc, 'Upsert interval aggregates, keyed by queue and interval start'))

  for (const kind of ['contacts', 'intervals'] as const) {
    app.post(`/${kind}`, async (c) => {
      const partial = c.req.query('partial')
      if (partial !== undefined && partial !== 'true' && partial !== 'false') {
        return problemResponse(c, 'invalid-request', 400, `partial must be true or false, got '${partial.slice(0, 40)}'; nothing was read or written`)
      }
      const rows = await readRows(c)
      if (rows instanceof Response) return rows
      const options = { partial: partial === 'true', source: `API: ${actorName(c)}` }
      const result = kind === 'contacts' ? await ingestContacts(db, rows, options) : await ingestIntervals(db, rows, options)
      if (result.status === 'written' && result.batchId !== null) {
        await auditChange(c, db, { action: `import.${kind}-api`, entity: 'import', entityId: result.batchId, summary: `${kind} through the API: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected` })
      }
      return answer(c, kind, result)
    })
  }
}
