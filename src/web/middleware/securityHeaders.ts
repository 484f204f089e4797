/**
 * Security headers on every answer. The content security policy lets the page load scripts and stylesheets only
 * from this app (`'self'`): no inline scripts, no eval (htmx runs with `allowEval: false`, see views/Layout.tsx),
 * no third-party hosts. An injected `<style>` would not apply (inline blocks are allowed only by a listed SHA-256); `style` attributes (used for layout by the views and the SVG charts) stay allowed, and
 * cannot be injected since JSX escapes every attribute value.
 */
import { createHash } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'

/**
 * The text of every inline `<style>` element the views render: none. Page styles live in views/static/app.css (JSX
 * escapes quotes inside a `<style>` child, so a hashed block never matched and the KPI page's styles were blocked).
 */
export const INLINE_STYLES: readonly string[] = []

export function cspHashOf(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

export function contentSecurityPolicy(inlineStyles: readonly string[] = INLINE_STYLES): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' ${inlineStyles.map(cspHashOf).join(' ')}`.trim(),
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export function securityHeaders(): MiddlewareHandler {
  const csp = contentSecurityPolicy()
  return async (c, next) => {
    await next()
    const headers = c.res.headers
    headers.set('Content-Security-Policy', csp)
    headers.set('X-Content-Type-Options', 'nosniff')
    headers.set('X-Frame-Options', 'DENY')
    headers.set('Referrer-Policy', 'same-origin')
    headers.set('Cross-Origin-Opener-Policy', 'same-origin')
    headers.set('Cross-Origin-Resource-Policy', 'same-origin')
    headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()')
    if (!headers.has('Cache-Control') && (headers.get('Content-Type') ?? '').startsWith('text/html')) headers.set('Cache-Control', 'no-store')
    // Exports hold the team's data: never kept by a browser or proxy cache (issue 15).
    if ((headers.get('Content-Type') ?? '').startsWith('text/csv')) headers.set('Cache-Control', 'no-store')
  }
}
