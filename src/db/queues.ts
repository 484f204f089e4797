/** Queues: the teams whose chats are planned, each with its time zone and opening hours. */
import { asc, eq } from 'drizzle-orm'
import type { Db } from './client.ts'
import { queues, type Queue } from './schema.ts'
import { assertTimeZone } from '../time/zones.ts'
import { weekRulesOf, type WeekRules } from '../scheduling/weekRules.ts'

/** Opening hours per ISO weekday index 0 = Monday … 6 = Sunday; null = closed that day. */
export type OpeningHours = ({ openMinute: number; closeMinute: number } | null)[]

export const ALWAYS_OPEN: OpeningHours = Array.from({ length: 7 }, () => ({ openMinute: 0, closeMinute: 1440 }))

export function openingHoursOf(queue: Queue): OpeningHours {
  const parsed = JSON.parse(queue.openingHoursJson) as OpeningHours
  return parsed.length === 7 ? parsed : ALWAYS_OPEN
}

/** The queue's week (start day, weekend days): its own settings, else its holiday country's custom (src/scheduling/weekRules.ts). */
export function weekRulesOfQueue(queue: Pick<Queue, 'holidayCountry' | 'weekStartsOn' | 'weekendDaysJson'>): WeekRules {
  return weekRulesOf({ holidayCountry: queue.holidayCountry, weekStartsOn: queue.weekStartsOn, weekendDays: queue.weekendDaysJson ? JSON.parse(queue.weekendDaysJson) as string[] : null })
}

export async function listQueues(db: Db): Promise<Queue[]> {
  return db.orm.select().from(queues).orderBy(asc(queues.name))
}

export async function findQueueByName(db: Db, name: string): Promise<Queue | undefined> {
  const [row] = await db.orm.select().from(queues).where(eq(queues.name, name))
  return row
}

export async function findQueueById(db: Db, id: number): Promise<Queue | undefined> {
  const [row] = await db.orm.select().from(queues).where(eq(queues.id, id))
  return row
}

export interface NewQueue { name: string; timeZone: string; intervalMinutes?: number; openingHours?: OpeningHours; holidayCountry?: string | null }

export async function createQueue(db: Db, q: NewQueue): Promise<Queue> {
  assertTimeZone(q.timeZone)
  const [row] = await db.orm.insert(queues).values({
    name: q.name,
    timeZone: q.timeZone,
    intervalMinutes: q.intervalMinutes ?? 30,
    openingHoursJson: JSON.stringify(q.openingHours ?? ALWAYS_OPEN),
    holidayCountry: q.holidayCountry ?? null,
    createdAtMs: Date.now(),
  }).returning()
  return row
}
