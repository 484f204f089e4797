/**
 * What every HTML answer gets for the signed-in user, added after the page is rendered (so views and routes stay
 * free of it, and forms added later are covered too): the CSRF token in an `hx-headers` attribute on <body> (htmx
 * sends it with every request) and in a hidden field of every POST form (forms work without JavaScript), and the
 * account bar (name, role, the audit log and accounts pages for those who may see them, sign out) in the header.
 */
import type { MiddlewareHandler } from 'hono'

declare module 'hono' {
  interface ContextVariableMap {
    /** The HTML of an answer served from the page cache, as text. */
    pageHtml?: string
  }
}
import { roleAllows } from '../../auth/roles.ts'
import { CSRF_FIELD, CSRF_HEADER, csrfTokenFor } from './csrf.ts'
import { escapeHtml, mayRead } from './roles.ts'
import { currentUser } from './session.ts'
import type { User } from '../../db/users.ts'

/**
 * The page with the decorations inserted, in one pass (pages reach 300 KB; this runs on every answer): after the
 * opening tag of every `<form … method="post" …>` (the views write it in lower case, and hono/jsx keeps attributes
 * as written), in the `<body` tag, and before the first `</header>`.
 */
export function decorateHtml(html: string, csrfToken: string, user: User | null): string {
  if (user) html = withoutForbiddenNavLinks(html, user)
  const hidden = `<input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(csrfToken)}">`
  const inserts: Array<[number, string]> = []
  const body = html.indexOf('<body')
  if (body >= 0) inserts.push([body + 5, ` hx-headers="${escapeHtml(JSON.stringify({ [CSRF_HEADER]: csrfToken }))}"`])
  if (user) {
    const header = html.indexOf('</header>')
    if (header >= 0) inserts.push([header, accountBar(user, hidden)])
  }
  for (let at = html.indexOf('<form'); at >= 0; at = html.indexOf('<form', at + 5)) {
    const close = html.indexOf('>', at)
    if (close < 0) break
    if (/\smethod="post"/.test(html.slice(at, close))) inserts.push([close + 1, hidden])
  }
  inserts.sort((a, b) => a[0] - b[0])
  const parts: string[] = []
  let from = 0
  for (const [at, text] of inserts) { parts.push(html.slice(from, at), text); from = at }
  parts.push(html.slice(from))
  return parts.join('')
}

/** The main navigation without the links the user's role may not open (a viewer sees no Today, Capacity, Requests). */
function withoutForbiddenNavLinks(html: string, user: User): string {
  const start = html.indexOf('<nav class="main-nav"')
  if (start < 0) return html
  const end = html.indexOf('</nav>', start)
  if (end < 0) return html
  const nav = html.slice(start, end).replace(/<a href="([^"]*)"[^>]*>[^<]*<\/a>/g, (link, href: string) => (mayRead(user.role, href) ? link : ''))
  return html.slice(0, start) + nav + html.slice(end)
}

function accountBar(user: User, hidden: string): string {
  const links = [
    '<a href="/settings">Settings</a>',
    roleAllows(user.role, 'manager') ? '<a href="/audit">Audit log</a>' : '',
    roleAllows(user.role, 'admin') ? '<a href="/users">Users</a>' : '',
    roleAllows(user.role, 'admin') ? '<a href="/tokens">Tokens</a>' : '',
    '<a href="/api/v1/reference">API</a>',
  ].filter(Boolean).join(' ')
  // A <details> menu: the header stays one row, and it opens without JavaScript.
  return `<div class="account" id="account"><details class="account-menu"><summary>${escapeHtml(user.username)} <span class="muted">(${user.role})</span></summary>`
    + `<div class="menu">${links} <form method="post" action="/signout" class="inline">${hidden}<button type="submit" class="small">Sign out</button></form></div></details></div>`
}

export function pageDecorations(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const type = c.res.headers.get('Content-Type') ?? ''
    if (!type.startsWith('text/html')) return
    const token = csrfTokenFor(c)
    // A page from the cache comes as text already (see pageCache): no need to decode its bytes again.
    const html = c.get('pageHtml') ?? await c.res.text()
    // Hono carries the earlier answer's headers (cookies included) over to the new one, except its type.
    c.res = new Response(Buffer.from(decorateHtml(html, token, currentUser(c))), { status: c.res.status, headers: { 'Content-Type': type } })
    c.res.headers.delete('Content-Length')
  }
}
