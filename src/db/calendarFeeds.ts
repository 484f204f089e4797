/**
 * Each agent's secret calendar feed URL: a random token shown to the agent, of which only the SHA-256 is stored
 * (a copy of the database does not open anyone's feed). Regenerating replaces the token; revoking removes it.
 */
import { createHash, randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { Db } from './client.ts'
import { agentCalendarFeeds, users } from './schema.ts'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** A new token for the agent's feed (the old one stops working). Returns the token: shown once, never stored. */
export async function regenerateCalendarFeed(db: Db, agentId: number): Promise<string> {
  const token = randomBytes(24).toString('base64url')
  await db.orm.insert(agentCalendarFeeds).values({ agentId, tokenSha256: sha256(token), createdAtMs: Date.now() })
    .onConflictDoUpdate({ target: agentCalendarFeeds.agentId, set: { tokenSha256: sha256(token), createdAtMs: Date.now() } })
  return token
}

/** Removes the agent's feed: its URL answers 404 from now on. Returns whether there was one. */
export async function revokeCalendarFeed(db: Db, agentId: number): Promise<boolean> {
  return (await db.orm.delete(agentCalendarFeeds).where(eq(agentCalendarFeeds.agentId, agentId)).returning({ id: agentCalendarFeeds.agentId })).length > 0
}

/** When the agent's feed was made (null: none). */
export async function calendarFeedCreatedAt(db: Db, agentId: number): Promise<number | null> {
  const [row] = await db.orm.select({ at: agentCalendarFeeds.createdAtMs }).from(agentCalendarFeeds).where(eq(agentCalendarFeeds.agentId, agentId))
  return row?.at ?? null
}

/**
 * The agent whose feed the token opens, or null: also null unless an enabled account is linked to the agent (a feed
 * left from before unlinking or disabling stopped working then; see linkUserToAgent and updateUser).
 */
export async function agentIdOfFeedToken(db: Db, token: string): Promise<number | null> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null
  const [row] = await db.orm.select({ agentId: agentCalendarFeeds.agentId }).from(agentCalendarFeeds)
    .innerJoin(users, and(eq(users.agentId, agentCalendarFeeds.agentId), eq(users.disabled, false)))
    .where(eq(agentCalendarFeeds.tokenSha256, sha256(token)))
  return row?.agentId ?? null
}
