/**
 * Pages of capabilities whose issues are still open. Each says what it will do and links to what exists,
 * so navigation is complete from day one; each is replaced by its capability's own route module.
 */
import { Hono } from 'hono'
import { Layout, renderPage } from '../../../views/Layout.tsx'

const PLANNED: Record<string, { title: string; what: string }> = {
}

export function comingSoonRoutes() {
  const app = new Hono()
  for (const [path, page] of Object.entries(PLANNED)) {
    app.get(path, (c) => c.html(renderPage(
      <Layout title={page.title} active={path}>
        <h1>{page.title}</h1>
        <p class="notice">This part of Chatplan is being built: {page.what}. Meanwhile the <a href="/">dashboard</a> shows the history you have imported.</p>
      </Layout>,
    )))
  }
  return app
}
