/**
 * Writes an audit entry for who made a request (the routes call this after a change is written): the signed-in
 * user, or the API token by its name (`token:NAME`).
 */
import type { Context } from 'hono'
import type { Db } from '../../db/client.ts'
import { recordAudit, type AuditEntry } from '../../db/audit.ts'
import { currentUser } from './session.ts'

/** The name the audit log gives to who made a request. */
export function actorName(c: Context): string {
  const token = c.get('apiToken')
  if (token) return `token:${token.name}`
  return currentUser(c)?.username ?? 'anonymous'
}

export async function auditChange(c: Context, db: Db, entry: Omit<AuditEntry, 'userId' | 'username'>): Promise<void> {
  const token = c.get('apiToken')
  const user = token ? null : currentUser(c)
  await recordAudit(db, { ...entry, userId: user?.id ?? null, username: actorName(c) })
}
