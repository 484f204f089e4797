/** The document shell: navigation for every capability, the stylesheet and htmx, all served locally. */
import type { Child } from 'hono/jsx'

export const NAV_ITEMS: { href: string; label: string }[] = [
  { href: '/', label: 'Dashboard' },
  { href: '/imports', label: 'Import' },
  { href: '/kpis', label: 'KPIs' },
  { href: '/forecasts', label: 'Forecast' },
  { href: '/staffing', label: 'Staffing' },
  { href: '/today', label: 'Today' },
  { href: '/events', label: 'Events' },
  { href: '/schedules', label: 'Schedules' },
  { href: '/scenarios', label: 'Scenarios' },
  { href: '/capacity', label: 'Capacity' },
  { href: '/exports', label: 'Export' },
  { href: '/my-shifts', label: 'My shifts' },
  { href: '/requests', label: 'Requests' },
]

const HTMX_CONFIG = JSON.stringify({
  // The content security policy forbids eval and inline styles: no hx-on / js: / trigger filters, no injected <style>.
  allowEval: false,
  includeIndicatorStyles: false,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '[45]..', swap: true, error: true },
  ],
})

export interface LayoutProps {
  title: string
  active?: string
  /** Without the navigation (the sign-in page: nothing there is reachable before signing in). */
  bare?: boolean
  children?: Child
}

export function Layout({ title, active, bare = false, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Chatplan`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
        {/* htmx 2 swaps only 2xx answers by default; our 4xx/5xx answers are readable fragments, so swap them too. */}
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <script src="/static/htmx.min.js" defer></script>
        <script src="/static/app.js" defer></script>
      </head>
      <body hx-boost="false">
        <header class="topbar">
          <a class="brand" href="/">Chatplan</a>
          {bare ? null : (
            <nav class="main-nav" aria-label="Main">
              {NAV_ITEMS.map((item) => (
                <a href={item.href} class={active === item.href ? 'active' : ''} aria-current={active === item.href ? 'page' : undefined}>{item.label}</a>
              ))}
            </nav>
          )}
        </header>
        <main>{children}</main>
        <footer class="footer">Times are shown in each queue's own time zone.</footer>
      </body>
    </html>
  )
}

/** `<!DOCTYPE html>` + the layout: hono's c.html does not add the doctype, and without it pages render in quirks mode. */
export function renderPage(node: unknown): string {
  return '<!DOCTYPE html>' + String(node)
}
