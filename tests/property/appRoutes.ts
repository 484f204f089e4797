/** The app's routes, read from the Hono app itself (so a route added later is covered without editing a list). */
import type { Hono } from 'hono'

export interface AppRoute { method: string; path: string }

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function listRoutes(app: Hono): AppRoute[] {
  const seen = new Set<string>()
  const routes: AppRoute[] = []
  for (const r of app.routes) {
    if (r.method === 'ALL') continue // middleware
    const key = `${r.method} ${r.path}`
    if (seen.has(key)) continue
    seen.add(key)
    routes.push({ method: r.method, path: r.path })
  }
  return routes
}

export function changingRoutes(app: Hono): AppRoute[] {
  return listRoutes(app).filter((r) => CHANGING.has(r.method))
}

/** A concrete URL for a route pattern: each `:param{regex}` (or `:param`) replaced by `value(param, regex)`. */
export function concretePath(pattern: string, value: (param: string, regex: string | undefined) => string = defaultParamValue): string {
  return pattern.replace(/:([A-Za-z_]+)(\{((?:[^{}]|\{[^{}]*\})*)\})?/g, (_, name: string, _braces: string, regex: string | undefined) => value(name, regex)).replace(/\*$/, 'app.css')
}

export function defaultParamValue(name: string, regex: string | undefined): string {
  if (regex?.includes('\\.csv')) return 'first-response.csv'
  if (regex === '[0-9]+') return '1'
  if (regex?.startsWith('[0-9a-z]')) return 'abc123'
  return name === 'id' ? '1' : 'x'
}
