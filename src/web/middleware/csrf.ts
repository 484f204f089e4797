/**
 * CSRF protection for every changing request: it must carry the session's token, in the `X-CSRF-Token` header
 * (htmx sends it from the page's `hx-headers`) or in a `_csrf` form field (plain forms, added to every POST form
 * by pageDecorations). Before signing in, the sign-in form carries a token tied to a cookie of its own. A request
 * without the right token is refused with 403 and changes nothing. Tokens are compared in constant time.
 * A file upload that streams to disk (STREAMED_UPLOAD_PATHS: the import form) is not read here, or the route could
 * not stream it: without the header, the route checks the form's `_csrf` field itself (csrfProblemOfFields) before
 * it does anything with the file.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { isHttps } from './session.ts'
import { isChangingMethod } from './roles.ts'

export const CSRF_FIELD = '_csrf'
export const CSRF_HEADER = 'X-CSRF-Token'
/** The sign-in form's token before there is a session. */
export const PRE_SESSION_COOKIE = 'chatplan_csrf'

declare module 'hono' {
  interface ContextVariableMap {
    /** Set when a streamed upload's `_csrf` field is still to be checked by its route (csrfProblemOfFields). */
    csrfExpected?: string
  }
}

/** POST paths whose multipart body the route streams to disk itself (src/web/uploads.ts). */
export const STREAMED_UPLOAD_PATHS: readonly string[] = ['/imports']

const CSRF_REFUSAL = 'This form has expired or did not come from Chatplan, so nothing was changed: reload the page and try again.'

/**
 * For a streamed upload: the refusal when the form's fields lack the right `_csrf` token (then the route deletes
 * the file and answers 403), or null when the request may go on.
 */
export function csrfProblemOfFields(c: Context, fields: Record<string, string>): string | null {
  const expected = c.get('csrfExpected')
  if (expected === undefined) return null // checked by the middleware (header, bearer token, or not a changing method)
  return tokensMatch(fields[CSRF_FIELD], expected) ? null : CSRF_REFUSAL
}

export function tokensMatch(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The token pages of this request must carry: the session's, or (signed out) the pre-session cookie's, set if new. */
export function csrfTokenFor(c: Context): string {
  const session = c.get('session')
  if (session) return session.csrfToken
  let token = getCookie(c, PRE_SESSION_COOKIE)
  if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) {
    token = randomBytes(24).toString('base64url')
    setCookie(c, PRE_SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps(c) })
  }
  return token
}

async function tokenOfRequest(c: Context): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER)
  if (header) return header
  const type = c.req.header('Content-Type') ?? ''
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/.test(type)) return undefined
  try {
    const body = await c.req.parseBody()
    const value = body[CSRF_FIELD]
    return typeof value === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

export function csrfProtection(): MiddlewareHandler {
  return async (c, next) => {
    if (!isChangingMethod(c.req.method)) return next()
    // A bearer token is not sent by a browser on its own, so a request carrying one cannot be forged cross-site.
    if (c.get('apiToken')) return next()
    const session = c.get('session')
    const expected = session ? session.csrfToken : getCookie(c, PRE_SESSION_COOKIE)
    if (!c.req.header(CSRF_HEADER) && STREAMED_UPLOAD_PATHS.includes(c.req.path) && /^multipart\/form-data/i.test(c.req.header('Content-Type') ?? '')) {
      // reading the body here would leave the route nothing to stream: the route checks the field (csrfProblemOfFields)
      c.set('csrfExpected', expected ?? '')
      return next()
    }
    if (!tokensMatch(await tokenOfRequest(c), expected)) {
      const message = CSRF_REFUSAL
      return c.req.header('HX-Request') === 'true' ? c.html(`<p class="errors" role="alert">${message}</p>`, 403) : c.text(message, 403)
    }
    return next()
  }
}
