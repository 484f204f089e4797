/**
 * What My shifts, the calendar feed and the requests page read and write, composed from the stores, so the routes
 * only validate, call one function here and render.
 */
import type { Db } from '../db/client.ts'
import { agentOfUser } from '../db/agentLinks.ts'
import { listAgents } from '../db/schedules.ts'
import { listRosterRequests, type RosterRequest } from '../db/rosterRequests.ts'
import { agentIdOfFeedToken, calendarFeedCreatedAt, regenerateCalendarFeed, revokeCalendarFeed } from '../db/calendarFeeds.ts'
import { listShiftRowsInForce, publishedSchedulesInForce } from '../db/publishedRoster.ts'
import { publishedShiftsOfAgent, type AgentShift } from './agentRequests.ts'
import { agentCalendarIcs } from './agentCalendar.ts'

export { agentOfUser }

export interface MyShiftsData {
  shifts: AgentShift[]
  colleagues: { id: number; name: string }[]
  requests: RosterRequest[]
  feedCreatedAtMs: number | null
}

/** The agent's published shifts, colleagues (for a swap), latest requests and calendar feed state. */
export async function myShiftsOf(db: Db, agent: { id: number; name: string }): Promise<MyShiftsData> {
  return {
    shifts: await publishedShiftsOfAgent(db, agent.name),
    colleagues: (await listAgents(db)).filter((a) => a.id !== agent.id).map((a) => ({ id: a.id, name: a.name })),
    requests: await listRosterRequests(db, { agentId: agent.id, limit: 50 }),
    feedCreatedAtMs: await calendarFeedCreatedAt(db, agent.id),
  }
}

/** A new secret calendar address of the agent (the old one stops); the token is returned once. */
export const makeCalendarAddress = (db: Db, agentId: number): Promise<string> => regenerateCalendarFeed(db, agentId)
export const stopCalendarFeed = (db: Db, agentId: number): Promise<boolean> => revokeCalendarFeed(db, agentId)

/** The .ics text of the feed the token opens, or null (unknown or revoked token). */
export async function calendarFeedText(db: Db, token: string): Promise<string | null> {
  const agentId = await agentIdOfFeedToken(db, token)
  const agent = agentId === null ? undefined : (await listAgents(db)).find((a) => a.id === agentId)
  if (!agent) return null
  const stampMs = Math.max(0, ...(await publishedSchedulesInForce(db)).map((s) => s.changedAtMs))
  return agentCalendarIcs(agent.name, await publishedShiftsOfAgent(db, agent.name), { stampMs: stampMs || Date.now() })
}

/** The requests page: pending and recently decided requests, and labels of the shifts the swaps name. */
export async function requestsPageData(db: Db): Promise<{ pending: RosterRequest[]; decided: RosterRequest[]; shiftLabels: Record<number, string> }> {
  const pending = await listRosterRequests(db, { statuses: ['pending'] })
  const decided = await listRosterRequests(db, { statuses: ['approved', 'refused'], limit: 50 })
  const swapShiftIds = new Set([...pending, ...decided].flatMap((r) => (r.shiftId === null ? [] : [r.shiftId])))
  const rows = swapShiftIds.size ? await listShiftRowsInForce(db, await publishedSchedulesInForce(db), undefined, [...swapShiftIds]) : []
  const shiftLabels = Object.fromEntries(rows.filter((r) => swapShiftIds.has(r.id)).map((r) => [r.id, `${r.templateName} ${r.startLocal.replace('T', ' ')} (${r.queueName})`]))
  return { pending, decided, shiftLabels }
}
