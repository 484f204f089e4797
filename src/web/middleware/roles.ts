/**
 * Who may do what, decided on the server for every request: each rule maps a method and a path pattern to the
 * least role it needs (roles include the ones below them, see src/auth/roles.ts). Reading is for every signed-in
 * user; a changing request (POST, PUT, PATCH, DELETE) that no rule names needs an admin, so a route added later is
 * closed until it is given its role here.
 */
import type { MiddlewareHandler } from 'hono'
import { roleAllows, type Role } from '../../auth/roles.ts'
import { currentUser } from './session.ts'
import { isApiPath, problemResponse } from '../api/problem.ts'
import { forbiddenPageHtml } from '../../../views/ForbiddenPage.tsx'
import { decorateHtml } from './pageDecorations.ts'
import { csrfTokenFor } from './csrf.ts'

export type Access = Role | 'public'

interface Rule { methods: 'read' | 'change' | 'any'; pattern: RegExp; access: Access; what: string }

export const ACCESS_RULES: readonly Rule[] = [
  { methods: 'any', pattern: /^\/signin\/?$/, access: 'public', what: 'signing in' },
  { methods: 'read', pattern: /^\/static\//, access: 'public', what: 'the stylesheet and scripts' },
  { methods: 'read', pattern: /^\/health\/?$/, access: 'public', what: 'the health check' },
  { methods: 'read', pattern: /^\/favicon\.ico$/, access: 'public', what: 'the icon' },
  { methods: 'read', pattern: /^\/calendar\/[A-Za-z0-9_-]{16,64}\.ics$/, access: 'public', what: "an agent's calendar feed (its secret address opens it)" },
  { methods: 'change', pattern: /^\/my-shifts(\/|$)/, access: 'viewer', what: 'asking for time off or a swap, and your calendar feed' },
  { methods: 'any', pattern: /^\/requests(\/|$)/, access: 'scheduler', what: "deciding agents' requests" },
  { methods: 'change', pattern: /^\/signout\/?$/, access: 'viewer', what: 'signing out' },
  { methods: 'any', pattern: /^\/tokens(\/|$)/, access: 'admin', what: 'managing API tokens' },
  { methods: 'change', pattern: /^\/api\/v1\/(contacts|intervals)\/?$/, access: 'scheduler', what: 'sending contacts and intervals' },
  { methods: 'any', pattern: /^\/users(\/|$)/, access: 'admin', what: 'managing accounts' },
  { methods: 'read', pattern: /^\/audit(\/|$)/, access: 'manager', what: 'the audit log' },
  { methods: 'read', pattern: /^\/today(\/|$)/, access: 'scheduler', what: 'the today page (intraday)' },
  { methods: 'change', pattern: /^\/settings\/?$/, access: 'manager', what: 'changing the team settings' },
  { methods: 'change', pattern: /^\/imports\/?$/, access: 'scheduler', what: 'importing' },
  { methods: 'change', pattern: /^\/forecasts\/(jobs\/[0-9a-z]+\/publish|[0-9]+\/published)\/?$/, access: 'manager', what: 'publishing forecasts' },
  { methods: 'change', pattern: /^\/forecasts\/?$/, access: 'scheduler', what: 'running forecasts' },
  { methods: 'change', pattern: /^\/staffing\//, access: 'scheduler', what: 'changing staffing settings' },
  { methods: 'change', pattern: /^\/events(\/|$)/, access: 'scheduler', what: 'changing events' },
  { methods: 'change', pattern: /^\/schedules\/[0-9]+\/publish\/?$/, access: 'manager', what: 'publishing schedules' },
  { methods: 'change', pattern: /^\/schedules(\/|$)/, access: 'scheduler', what: 'changing schedules' },
  { methods: 'change', pattern: /^\/scenarios(\/|$)/, access: 'manager', what: 'scenarios and baselines' },
  { methods: 'any', pattern: /^\/capacity(\/|$)/, access: 'manager', what: 'long-range capacity plans' },
  { methods: 'read', pattern: /^\//, access: 'viewer', what: 'reading' },
  { methods: 'change', pattern: /^\//, access: 'admin', what: 'this change' },
]

/** Whether the role may open the page at `href` (GET): the navigation shows only those (middleware/pageDecorations.ts). */
export function mayRead(role: Role, href: string): boolean {
  const rule = accessRuleFor('GET', href)
  return rule.access === 'public' || roleAllows(role, rule.access)
}

export function isChangingMethod(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())
}

/** The rule that decides a request. */
export function accessRuleFor(method: string, path: string): Rule {
  const changing = isChangingMethod(method)
  return ACCESS_RULES.find((r) => (r.methods === 'any' || (r.methods === 'change') === changing) && r.pattern.test(path))!
}

function wantsFragment(headers: (name: string) => string | undefined): boolean {
  return headers('HX-Request') === 'true'
}

/**
 * Signed-out visitors are sent to the sign-in page; a signed-in user without the role gets 403 and a message.
 * The API (/api/…) answers problem+json instead: it acts as the bearer token's role (middleware/apiToken.ts), and a
 * session cookie may read through it but never change anything (401 without a token).
 */
export function requireRoles(): MiddlewareHandler {
  return async (c, next) => {
    const rule = accessRuleFor(c.req.method, c.req.path)
    if (rule.access === 'public') return next()
    if (isApiPath(c.req.path)) {
      const token = c.get('apiToken')
      const actor = token ? { name: `token '${token.name}'`, role: token.role } : null
      const reader = !actor && !isChangingMethod(c.req.method) ? currentUser(c) : null
      const who = actor ?? (reader ? { name: reader.username, role: reader.role } : null)
      if (!who) return problemResponse(c, 'unauthorized', 401, 'Send an API token as `Authorization: Bearer <token>` (a signed-in session may read, never change, through the API).')
      if (!roleAllows(who.role, rule.access)) return problemResponse(c, 'forbidden', 403, `The ${who.name} (${who.role}) may not do this: ${rule.what} needs the ${rule.access} role.`)
      return next()
    }
    const user = currentUser(c)
    const fragment = wantsFragment((n) => c.req.header(n))
    if (!user) {
      const next_ = c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search) : '/'
      const to = `/signin?next=${encodeURIComponent(next_)}`
      if (fragment) { c.header('HX-Redirect', to); return c.text('Sign in to continue.', 401) }
      if (c.req.method === 'GET') return c.redirect(to, 303)
      return c.text('Sign in to continue: your session has ended.', 401)
    }
    if (!roleAllows(user.role, rule.access)) {
      const message = `Your account (${user.username}, ${user.role}) may not do this: ${rule.what} needs the ${rule.access} role. Ask an admin.`
      if (fragment) return c.html(`<p class="errors" role="alert">${escapeHtml(message)}</p>`, 403)
      // This answer is made before pageDecorations runs: decorate it here (the user's navigation and account bar).
      return c.req.method === 'GET' ? c.html(decorateHtml(forbiddenPageHtml(message), csrfTokenFor(c), user), 403) : c.text(message, 403)
    }
    return next()
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)
}
