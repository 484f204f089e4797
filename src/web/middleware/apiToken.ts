/**
 * Bearer tokens for the API: on /api/ paths an `Authorization: Bearer <token>` header is checked here and the
 * token kept on the context (`c.get('apiToken')`) for the role checks (roles.ts), the CSRF check (a bearer request
 * needs none) and the audit log (the token's name). A header that is present but wrong, or a revoked token, is 401.
 */
import type { MiddlewareHandler } from 'hono'
import type { Db } from '../../db/client.ts'
import { authenticateApiToken, type ApiToken } from '../../db/apiTokens.ts'
import { isApiPath, problemResponse } from '../api/problem.ts'

declare module 'hono' {
  interface ContextVariableMap {
    apiToken: ApiToken | null
  }
}

export function loadApiToken(db: Db): MiddlewareHandler {
  return async (c, next) => {
    c.set('apiToken', null)
    if (!isApiPath(c.req.path)) return next()
    const header = c.req.header('Authorization')
    if (header === undefined) return next()
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
    const token = match ? await authenticateApiToken(db, match[1]) : null
    if (!token) return problemResponse(c, 'unauthorized', 401, match ? 'The API token is unknown or revoked: create a new one on the Tokens page (admins) or with `npx chatplan tokens create`.' : 'The Authorization header must be `Bearer <token>`.')
    c.set('apiToken', token)
    return next()
  }
}
