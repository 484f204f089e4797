/**
 * API tokens: created by an admin (Tokens page or `chatplan tokens create`), shown once, stored only as a SHA-256,
 * revocable, with the time each was last used. A token acts with its role, through the same checks as the pages
 * (src/web/middleware/roles.ts).
 */
import { createHash, randomBytes } from 'node:crypto'
import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Db } from './client.ts'
import { apiTokens, type ApiTokenRow } from './schema.ts'
import { isRole, ROLES, type Role } from '../auth/roles.ts'

/** A token that cannot be created or changed (bad or taken name, unknown role); nothing was written. */
export class ApiTokenInputError extends RangeError {}

export interface ApiToken { id: number; name: string; role: Role; createdBy: string; createdAtMs: number; lastUsedAtMs: number | null; revokedAtMs: number | null }

/** Token names: 1–64 letters, digits, spaces or . _ @ - (shown on the Tokens page and in the audit log). */
export const TOKEN_NAME_RE = /^[A-Za-z0-9._@ -]{1,64}$/
/** Every token starts with this, so a leaked one is easy to recognise (and to search for in logs). */
export const TOKEN_PREFIX = 'cpt_'
/** last_used_at_ms is written at most this often per token, so a busy feed does not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function tokenOf(row: ApiTokenRow): ApiToken {
  return { id: row.id, name: row.name, role: row.role, createdBy: row.createdBy, createdAtMs: row.createdAtMs, lastUsedAtMs: row.lastUsedAtMs, revokedAtMs: row.revokedAtMs }
}

/**
 * Creates a token; the secret is returned here only (it is not stored).
 * @throws ApiTokenInputError for a bad or taken name or an unknown role
 */
export async function createApiToken(db: Db, input: { name: string; role: string; createdBy: string }): Promise<{ token: ApiToken; secret: string }> {
  const name = input.name.trim()
  if (!TOKEN_NAME_RE.test(name)) throw new ApiTokenInputError(`the token name must be 1 to 64 letters, digits, spaces or . _ @ -, got '${name.slice(0, 80)}'`)
  if (!isRole(input.role)) throw new ApiTokenInputError(`the role must be one of ${ROLES.join(', ')}, got '${String(input.role).slice(0, 40)}'`)
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url')
  try {
    const [row] = await db.orm.insert(apiTokens).values({ name, role: input.role, tokenSha256: sha256(secret), createdBy: input.createdBy, createdAtMs: Date.now() }).returning()
    return { token: tokenOf(row), secret }
  } catch (error) {
    if (/UNIQUE/i.test(String(error)) || /UNIQUE/i.test(String((error as { cause?: unknown }).cause))) throw new ApiTokenInputError(`there is already a token named '${name}'`)
    throw error
  }
}

export async function listApiTokens(db: Db): Promise<ApiToken[]> {
  return (await db.orm.select().from(apiTokens).orderBy(asc(apiTokens.name))).map(tokenOf)
}

/**
 * Revokes a token (kept, marked revoked); answers the token, or null when there is none with that id.
 * @throws ApiTokenInputError when it was already revoked (no silent no-op)
 */
export async function revokeApiToken(db: Db, id: number): Promise<ApiToken | null> {
  const [row] = await db.orm.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1)
  if (!row) return null
  if (row.revokedAtMs !== null) throw new ApiTokenInputError(`the token '${row.name}' was already revoked`)
  const [updated] = await db.orm.update(apiTokens).set({ revokedAtMs: Date.now() }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAtMs))).returning()
  return tokenOf(updated ?? row)
}

export async function findApiTokenByName(db: Db, name: string): Promise<ApiToken | null> {
  const [row] = await db.orm.select().from(apiTokens).where(eq(apiTokens.name, name)).limit(1)
  return row ? tokenOf(row) : null
}

/** The live (not revoked) token of a secret, or null; notes that it was used (at most once a minute). */
export async function authenticateApiToken(db: Db, secret: string, nowMs = Date.now()): Promise<ApiToken | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 100) return null
  const [row] = await db.orm.select().from(apiTokens).where(eq(apiTokens.tokenSha256, sha256(secret))).limit(1)
  if (!row || row.revokedAtMs !== null) return null
  if (row.lastUsedAtMs === null || nowMs - row.lastUsedAtMs >= LAST_USED_RESOLUTION_MS) {
    try {
      await db.orm.update(apiTokens).set({ lastUsedAtMs: nowMs }).where(eq(apiTokens.id, row.id))
      row.lastUsedAtMs = nowMs
    } catch { /* a busy database must not refuse the request for a bookkeeping write */ }
  }
  return tokenOf(row)
}
