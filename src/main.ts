/** Boot: config → database → migrations → demo (if empty) → HTTP server. */
import { serve } from '@hono/node-server'
import { loadConfig, type Config } from './config.ts'
import { createDb, type Db } from './db/client.ts'
import { migrateDb } from './db/migrate.ts'
import { isDatabaseEmpty, loadDemo } from './demo/loadDemo.ts'
import { createApp } from './web/app.tsx'
import { warmKpiReports } from './planning/kpiReports.ts'
import { loadAugursMstlWasm } from './planning/augursRuntime.ts'
import { ensureFirstAdmin } from './db/users.ts'
import { recoverInterruptedImports } from './db/importMerge.ts'

function embeddedPathOfUrl(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined
  const path = url.slice('file:'.length).split('?')[0]
  return path && !path.startsWith(':memory:') ? path : undefined
}

export async function openDatabase(config: Config, log: (line: string) => void = () => {}): Promise<Db> {
  const db = await createDb(config.databaseUrl, config.databaseAuthToken)
  await migrateDb(db)
  // An import merge cut short by a crash is undone (src/db/importMerge.ts), before anyone reads its half.
  const undone = await recoverInterruptedImports(db, embeddedPathOfUrl(config.databaseUrl))
  if (undone.length) log(`undid ${undone.length} import${undone.length > 1 ? 's' : ''} cut short by a stop (nothing of ${undone.length > 1 ? 'them' : 'it'} is kept): batch ${undone.join(', ')}`)
  const admin = await ensureFirstAdmin(db, config.adminPassword)
  if (admin) {
    log(admin.generated
      ? `Created the first account: ${admin.username} / ${admin.password}  (shown only this once: sign in and change it on the Users page, or set CHATPLAN_ADMIN_PASSWORD before the first start)`
      : `Created the first account: ${admin.username} (password from CHATPLAN_ADMIN_PASSWORD)`)
  }
  if (config.loadDemo && (await isDatabaseEmpty(db))) {
    log('empty database: loading the demo data…')
    await loadDemo(db, log)
  }
  return db
}

export async function startServer(env: Record<string, string | undefined> = process.env, log: (line: string) => void = console.log) {
  const config = loadConfig(env)
  const db = await openDatabase(config, log)
  loadAugursMstlWasm()
  const app = createApp({ db })
  return new Promise<{ port: number; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: env.HOST ?? '0.0.0.0' }, (info) => {
      // Idle keep-alive sockets stay open for a minute (Node's 5 s default): when a write waits for another process's
      // lock (an import), the server's timers fire late and closed sockets a feed's client had just sent a batch on.
      const http = server as unknown as { keepAliveTimeout: number; headersTimeout: number }
      http.keepAliveTimeout = 65_000
      http.headersTimeout = 66_000
      log(`Chatplan is running at http://localhost:${info.port} (database ${config.databaseUrl.replace(/\/\/[^@]*@/, '//')})`)
      // Compute the KPI page's default report now (in the KPI worker), so the first visitor does not wait for it.
      void warmKpiReports(db).catch((error) => log(`KPI cache not warmed: ${(error as Error).message}`))
      resolve({
        port: info.port,
        close: () => new Promise<void>((done) => {
          server.close(() => { db.client.close(); done() })
          // Keep-alive connections would hold close() open: idle ones go now, busy ones after a second.
          const http = server as { closeIdleConnections?: () => void; closeAllConnections?: () => void }
          http.closeIdleConnections?.()
          setTimeout(() => http.closeAllConnections?.(), 1000).unref()
        }),
      })
    })
  })
}
