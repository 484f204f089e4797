/**
 * The HTTP API under /api/v1: an OpenAPIHono sub-app whose OpenAPI 3.1 document (/api/v1/openapi.json) is generated
 * from the zod schemas that validate the requests, a reference page rendered on the server from that document
 * (/api/v1/reference: works offline, no script), and problem+json for every error. Authentication and roles are
 * the app's middleware (apiToken.ts, roles.ts); the routes are thin and call src/planning/.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { WebDeps } from '../deps.ts'
import { problemResponse } from './problem.ts'
import { registerWriteRoutes } from './writes.ts'
import { registerReadRoutes } from './reads.ts'
import { renderPage } from '../../../views/Layout.tsx'
import { ApiReferencePage } from '../../../views/api/ApiReferencePage.tsx'

export const OPENAPI_INFO = {
  title: 'Chatplan API',
  version: '1',
  description: 'Feed contacts and interval aggregates in; read queues, forecasts, staffing plans, schedules, flags and KPIs out. ' +
    'Send an API token as `Authorization: Bearer <token>` (admins create them on the Tokens page or with `npx chatplan tokens create`). ' +
    'Errors are RFC 9457 problem details (application/problem+json).',
}

export function apiRoutes(deps: WebDeps) {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issue = result.error.issues[0]
        return problemResponse(c, 'invalid-request', 400, `${issue.path.join('.') || 'the request'}: ${issue.message}`, { errors: result.error.issues.map((i) => ({ index: 0, field: i.path.join('.'), reason: i.message })) })
      }
    },
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'an API token (cpt_…)' })
  registerWriteRoutes(app, deps)
  registerReadRoutes(app, deps)
  const document = () => app.getOpenAPI31Document({ openapi: '3.1.0', info: OPENAPI_INFO, servers: [{ url: '/api/v1' }] })
  app.get('/openapi.json', (c) => c.json(document()))
  app.get('/reference', (c) => c.html(renderPage(<ApiReferencePage document={document() as never} />)))
  app.notFound((c) => problemResponse(c, 'not-found', 404, `There is no API route ${c.req.method} ${c.req.path}: see /api/v1/reference.`))
  return app
}
