/** GET /audit: the audit log (managers and admins; the role rules are in src/web/middleware/roles.ts). */
import { Hono } from 'hono'
import { sql } from 'drizzle-orm'
import type { WebDeps } from '../deps.ts'
import { listAudit } from '../../db/audit.ts'
import { auditLog } from '../../db/schema.ts'
import { renderPage } from '../../../views/Layout.tsx'
import { AuditPage } from '../../../views/audit/AuditPage.tsx'

const PAGE_SIZE = 100

export function auditRoutes({ db }: WebDeps) {
  const app = new Hono()
  app.get('/', async (c) => {
    const before = c.req.query('before')
    const beforeId = before && /^[0-9]{1,15}$/.test(before) ? Number(before) : undefined
    const entityParam = c.req.query('entity') ?? ''
    const entities = (await db.orm.selectDistinct({ entity: auditLog.entity }).from(auditLog).orderBy(sql`1`)).map((r) => r.entity)
    const entity = entities.includes(entityParam) ? entityParam : undefined
    const entries = await listAudit(db, { beforeId, entity, limit: PAGE_SIZE })
    const olderHref = entries.length === PAGE_SIZE ? `/audit?${new URLSearchParams({ ...(entity ? { entity } : {}), before: String(entries[entries.length - 1].id) })}` : null
    return c.html(renderPage(<AuditPage entries={entries} entity={entity} entities={entities} olderHref={olderHref} />))
  })
  return app
}
