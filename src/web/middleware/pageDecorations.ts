/**
 * What every HTML answer gets for the signed-in user, added after the page is rendered (so views and routes stay
 * free of it, and forms added later are covered too): the CSRF token in an `hx-headers` attribute on <body> (htmx
 * sends it with every request) and in a hidden field of every POST form (forms work without JavaScript), and the
 * account bar (name, role, the audit log and accounts pages for those who may see them, sign out) in the header.
 */
import type { MiddlewareHandler } from 'hono'
import { roleAllows } from '../../auth/roles.ts'
import { CSRF_FIELD, CSRF_HEADER, csrfTokenFor } from './csrf.ts'
import { escapeHtml } from './roles.ts'
import { currentUser } from './session.ts'
import type { User } from '../../db/users.ts'

const POST_FORM = /<form\b[^>]*\bmethod="post"[^>]*>/gi

export function decorateHtml(html: string, csrfToken: string, user: User | null): string {
  const hidden = `<input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(csrfToken)}">`
  let out = html.replace(POST_FORM, (tag) => tag + hidden)
  out = out.replace(/<body\b/, `<body hx-headers="${escapeHtml(JSON.stringify({ [CSRF_HEADER]: csrfToken }))}"`)
  if (user) out = out.replace('</header>', accountBar(user, hidden) + '</header>')
  return out
}

function accountBar(user: User, hidden: string): string {
  const links = [
    roleAllows(user.role, 'manager') ? '<a href="/audit">Audit log</a>' : '',
    roleAllows(user.role, 'admin') ? '<a href="/users">Users</a>' : '',
  ].filter(Boolean).join(' ')
  return `<div class="account" id="account">${links} <span class="muted">${escapeHtml(user.username)} (${user.role})</span> `
    + `<form method="post" action="/signout" class="inline">${hidden}<button type="submit" class="small">Sign out</button></form></div>`
}

export function pageDecorations(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const type = c.res.headers.get('Content-Type') ?? ''
    if (!type.startsWith('text/html')) return
    const token = csrfTokenFor(c)
    const html = await c.res.text()
    // Hono carries the earlier answer's headers (cookies included) over to the new one, except its type.
    c.res = new Response(decorateHtml(html, token, currentUser(c)), { status: c.res.status, headers: { 'Content-Type': type } })
    c.res.headers.delete('Content-Length')
  }
}
