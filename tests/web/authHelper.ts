/**
 * Signing in for in-process tests: creates an account (with a cheap scrypt hash so tests stay fast; verification
 * reads the cost from the stored hash) and a session in the test's database, and returns a `request` that sends
 * the session cookie and the CSRF token the way the browser does (cookie + `X-CSRF-Token` header, as htmx sends it
 * from the page's hx-headers).
 */
import type { Db } from '../../src/db/client.ts'
import { createSession, createUser, findUserByName } from '../../src/db/users.ts'
import { hashPassword } from '../../src/auth/password.ts'
import type { Role } from '../../src/auth/roles.ts'
import { SESSION_COOKIE } from '../../src/web/middleware/session.ts'

/** scrypt at N=2^10: fine for tests, far too cheap for real accounts. */
export const TEST_SCRYPT_COST = { N: 1024, r: 8, p: 1 }
export const TEST_PASSWORD = 'correct horse battery'

interface Requester { request(input: string | Request | URL, init?: RequestInit): Response | Promise<Response> }

export interface SignedIn {
  username: string
  role: Role
  cookie: string
  csrfToken: string
  /** app.request with the session cookie and CSRF header added (init.headers win). */
  request(path: string, init?: RequestInit): Promise<Response>
  /** The same without the CSRF header (to test that it is required). */
  requestWithoutCsrf(path: string, init?: RequestInit): Promise<Response>
}

export async function ensureTestUser(db: Db, role: Role, username = `test-${role}`): Promise<void> {
  if (await findUserByName(db, username)) return
  await createUser(db, { username, password: TEST_PASSWORD, role }, { passwordHash: await hashPassword(TEST_PASSWORD, TEST_SCRYPT_COST) })
}

export async function signIn(app: Requester, db: Db, role: Role = 'admin', username = `test-${role}`): Promise<SignedIn> {
  await ensureTestUser(db, role, username)
  const user = (await findUserByName(db, username))!
  const session = await createSession(db, user.id)
  const cookie = `${SESSION_COOKIE}=${session.token}`
  const send = (withCsrf: boolean) => async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    const given = headers.get('Cookie')
    headers.set('Cookie', given ? `${given}; ${cookie}` : cookie)
    if (withCsrf && !headers.has('X-CSRF-Token')) headers.set('X-CSRF-Token', session.csrfToken)
    return app.request(path, { ...init, headers })
  }
  return { username, role, cookie, csrfToken: session.csrfToken, request: send(true), requestWithoutCsrf: send(false) }
}

/**
 * The app with its `request` signed in as `role` (everything else untouched), for tests written against
 * `app.request(...)`: `app = await signedInApp(createApp({ db }), db)`.
 */
export async function signedInApp<A extends Requester>(app: A, db: Db, role: Role = 'admin'): Promise<A> {
  const user = await signIn(app, db, role)
  return new Proxy(app, { get: (target, prop, receiver) => (prop === 'request' ? user.request : Reflect.get(target, prop, receiver)) })
}
