/** Writes an audit entry for the signed-in user of a request (the routes call this after a change is written). */
import type { Context } from 'hono'
import type { Db } from '../../db/client.ts'
import { recordAudit, type AuditEntry } from '../../db/audit.ts'
import { currentUser } from './session.ts'

export async function auditChange(c: Context, db: Db, entry: Omit<AuditEntry, 'userId' | 'username'>): Promise<void> {
  const user = currentUser(c)
  await recordAudit(db, { ...entry, userId: user?.id ?? null, username: user?.username ?? 'anonymous' })
}
