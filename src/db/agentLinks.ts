/** Which agent an account is (an admin links a viewer to an agent; that user then sees My shifts). */
import { eq } from 'drizzle-orm'
import type { Db } from './client.ts'
import { agentCalendarFeeds, agents, users } from './schema.ts'

/** The agent linked to the account, or null. */
export async function agentOfUser(db: Db, userId: number): Promise<{ id: number; name: string } | null> {
  const [row] = await db.orm.select({ id: agents.id, name: agents.name }).from(users).innerJoin(agents, eq(agents.id, users.agentId)).where(eq(users.id, userId))
  return row ?? null
}

/** Every account's agent link: user id → agent id. */
export async function listAgentLinks(db: Db): Promise<Map<number, number>> {
  const rows = await db.orm.select({ userId: users.id, agentId: users.agentId }).from(users)
  return new Map(rows.flatMap((r) => (r.agentId === null ? [] : [[r.userId, r.agentId] as [number, number]])))
}

/**
 * Links an account to an agent (null unlinks). An agent is linked to at most one account. The agent the account
 * leaves loses its calendar feed: its address stops for good (a new one is made on My shifts once linked again).
 * @throws RangeError for an unknown account or agent, or an agent already linked to another account
 */
export async function linkUserToAgent(db: Db, userId: number, agentId: number | null): Promise<void> {
  const [user] = await db.orm.select({ id: users.id, agentId: users.agentId }).from(users).where(eq(users.id, userId))
  if (!user) throw new RangeError(`there is no account with id ${userId}`)
  if (agentId !== null) {
    const [agent] = await db.orm.select({ id: agents.id, name: agents.name }).from(agents).where(eq(agents.id, agentId))
    if (!agent) throw new RangeError(`there is no agent with id ${agentId}`)
    const [other] = await db.orm.select({ id: users.id, username: users.username }).from(users).where(eq(users.agentId, agentId))
    if (other && other.id !== userId) throw new RangeError(`the agent '${agent.name}' is already linked to the account '${other.username}'`)
  }
  await db.orm.update(users).set({ agentId, updatedAtMs: Date.now() }).where(eq(users.id, userId))
  if (user.agentId !== null && user.agentId !== agentId) await db.orm.delete(agentCalendarFeeds).where(eq(agentCalendarFeeds.agentId, user.agentId))
}
