/**
 * The signed-in session of a request: read from the HttpOnly session cookie, kept on the context for the routes
 * (`currentUser(c)`), the role checks and the CSRF check.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Db } from '../../db/client.ts'
import { findSession, type Session, type User } from '../../db/users.ts'

declare module 'hono' {
  interface ContextVariableMap {
    session: Session | null
  }
}

export const SESSION_COOKIE = 'chatplan_session'

export function currentUser(c: Context): User | null {
  return c.get('session')?.user ?? null
}

/** Secure cookies when the app is reached over https (directly or behind a proxy that says so). */
export function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https'
}

export function setSessionCookie(c: Context, token: string, expiresAtMs: number): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps(c), expires: new Date(expiresAtMs) })
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) })
}

export function sessionToken(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE)
}

export function loadSession(db: Db): MiddlewareHandler {
  return async (c, next) => {
    const token = c.req.path.startsWith('/static/') ? undefined : sessionToken(c)
    c.set('session', token ? await findSession(db, token) : null)
    await next()
  }
}
