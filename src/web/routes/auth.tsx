/**
 * GET/POST /signin and POST /signout. Failed sign-ins are slowed down per client address and account name together
 * (src/auth/signInThrottle.ts: after 5 failures each attempt waits longer, up to a minute; never a lock-out that
 * someone elsewhere could cause; an admin can clear it on /users); a failed attempt says the same whether the account exists or not. The session cookie is HttpOnly
 * and SameSite; the token stored server-side is only its hash (src/db/users.ts).
 */
import { Hono, type Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { WebDeps } from '../deps.ts'
import { checkCredentials, countUsers, createSession, deleteSession } from '../../db/users.ts'
import { createSignInThrottle, type SignInThrottle } from '../../auth/signInThrottle.ts'
import { recordAudit } from '../../db/audit.ts'
import { clearSessionCookie, currentUser, sessionToken, setSessionCookie } from '../middleware/session.ts'
import { renderPage } from '../../../views/Layout.tsx'
import { SignInPage } from '../../../views/auth/SignInPage.tsx'

/** Only a path of this app (not `//other.host` or `https://…`) is followed after signing in. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith('/signin') && !value.startsWith('/signout') ? value : '/'
}

function clientAddress(c: Context): string {
  try { return getConnInfo(c).remote.address ?? 'unknown' } catch { return 'local' }
}

export function authRoutes({ db, signInThrottle }: WebDeps, throttle: SignInThrottle = signInThrottle ?? createSignInThrottle()) {
  const app = new Hono()
  const page = async (c: Context, props: { next: string; username?: string; error?: string }, status: 200 | 401 | 422 | 429 = 200) =>
    c.html(renderPage(<SignInPage {...props} demoHint={(await countUsers(db)) <= 1} />), status)

  app.get('/signin', async (c) => {
    if (currentUser(c)) return c.redirect(safeNext(c.req.query('next')), 303)
    return page(c, { next: safeNext(c.req.query('next')) })
  })

  app.post('/signin', async (c) => {
    const body = await c.req.parseBody()
    const username = typeof body.username === 'string' ? body.username.trim().slice(0, 64) : ''
    const password = typeof body.password === 'string' ? body.password : ''
    const next = safeNext(body.next)
    if (!username || !password) return page(c, { next, username, error: 'Enter your account name and password.' }, 422)
    const address = clientAddress(c)
    const wait = throttle.waitSeconds(address, username)
    if (wait > 0) {
      c.header('Retry-After', String(wait))
      return page(c, { next, username, error: `Too many failed attempts from here: wait ${wait} second${wait === 1 ? '' : 's'} before trying again.` }, 429)
    }
    const user = await checkCredentials(db, username, password)
    if (!user) {
      throttle.recordFailure(address, username)
      return page(c, { next, username, error: 'The account name or the password is wrong (or the account is disabled).' }, 401)
    }
    throttle.recordSuccess(address, username)
    const session = await createSession(db, user.id)
    setSessionCookie(c, session.token, session.expiresAtMs)
    await recordAudit(db, { userId: user.id, username: user.username, action: 'user.signin', entity: 'user', entityId: user.id })
    return c.redirect(next, 303)
  })

  app.post('/signout', async (c) => {
    const token = sessionToken(c)
    if (token) await deleteSession(db, token)
    clearSessionCookie(c)
    return c.redirect('/signin', 303)
  })
  return app
}
