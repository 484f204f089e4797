/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Every request's query string parsed by the shared schema (src/schemas/queryParams.ts) before a route reads it:
 * a date that is not a date, a month 13, a threshold of 1e308 or a value megabytes long is answered 400 with the
 * message (problem+json under /api, a fragment for htmx, text for a CSV or JSON URL, a page otherwise), and nothing runs.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { queryProblems } from '../../schemas/queryParams.ts'
import { Layout, renderPage } from '../../../views/Layout.tsx'
import { isApiPath, problemResponse } from '../api/problem.ts'

export function queryParamChecks(): MiddlewareHandler {
  return async (c, next) => {
    const search = c.req.url.indexOf('?')
    if (search < 0) return next()
    let params: URLSearchParams
    try {
      params = new URLSearchParams(c.req.url.slice(search + 1))
    } catch {
      if (isApiPath(c.req.path)) return problemResponse(c, 'invalid-request', 400, 'The address has a query string that cannot be read.')
      return c.text('The address has a query string that cannot be read.\n', 400)
    }
    const problems = queryProblems(params)
    if (!problems.length) return next()
    return badAddressResponse(c, problems)
  }
}

/**
 * The 400 answer to a query value that cannot be used (here, and for a `queue` naming no queue, src/web/app.tsx):
 * problem+json under /api, text for a CSV or JSON URL, a fragment for htmx, a page otherwise.
 */
export function badAddressResponse(c: Context, problems: string[]): Response | Promise<Response> {
  const text = `The address is not valid: ${problems.join('; ')}. Nothing was changed.`
  if (isApiPath(c.req.path)) return problemResponse(c, 'invalid-request', 400, text)
  if (/\.(csv|json)$/.test(c.req.path) || c.req.path === '/health') return c.text(text + '\n', 400)
  if (c.req.header('HX-Request') === 'true') return c.html(<p class="errors" role="alert">{text}</p>, 400)
  return c.html(renderPage(<Layout title="Bad address"><h1>This address is not valid</h1><p class="errors" role="alert">{text}</p><p><a href={c.req.path}>Open the page without these values</a></p></Layout>), 400)
}
