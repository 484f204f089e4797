/**
 * RFC 9457 problem details (`application/problem+json`) for every error of the API: a `type` URI (a section of
 * the reference page), a short `title`, the `status`, a `detail` in the user's words and, for refused rows,
 * `errors: [{ index, field, reason }]` (index 0-based in the request's rows; field as the API names it).
 */
import type { Context } from 'hono'

export interface RowProblem { index: number; field: string; reason: string }

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  errors?: RowProblem[]
  [extension: string]: unknown
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

/** The problem types of the API, each with its title (documented on the reference page under #problem-<slug>). */
export const PROBLEM_TYPES = {
  'unauthorized': 'Not authenticated',
  'forbidden': 'Not allowed for this role',
  'not-found': 'Not found',
  'too-large': 'Request too large',
  'invalid-rows': 'Rows refused',
  'invalid-request': 'Request refused',
  'conflict': 'Conflict',
  'unavailable': 'Database busy or unavailable',
  'time-limit': 'Computation stopped at its time limit',
  'internal': 'Internal error',
} as const

export type ProblemSlug = keyof typeof PROBLEM_TYPES

export function problemOf(slug: ProblemSlug, status: number, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { type: `/api/v1/reference#problem-${slug}`, title: PROBLEM_TYPES[slug], status, detail, ...extra }
}

/** Answers a problem document with its status. */
export function problemResponse(c: Context, slug: ProblemSlug, status: number, detail: string, extra: Record<string, unknown> = {}): Response {
  const headers: Record<string, string> = { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Cache-Control': 'no-store' }
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="chatplan"'
  return c.body(JSON.stringify(problemOf(slug, status, detail, extra)), status as 401, headers)
}

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/')
}
