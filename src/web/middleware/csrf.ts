/**
 * CSRF protection for every changing request: it must carry the session's token, in the `X-CSRF-Token` header
 * (htmx sends it from the page's `hx-headers`) or in a `_csrf` form field (plain forms, added to every POST form
 * by pageDecorations). Before signing in, the sign-in form carries a token tied to a cookie of its own. A request
 * without the right token is refused with 403 and changes nothing. Tokens are compared in constant time.
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
    if (!tokensMatch(await tokenOfRequest(c), expected)) {
      const message = 'This form has expired or did not come from Chatplan, so nothing was changed: reload the page and try again.'
      return c.req.header('HX-Request') === 'true' ? c.html(`<p class="errors" role="alert">${message}</p>`, 403) : c.text(message, 403)
    }
    return next()
  }
}
