/**
 * The dashboard's figures for a queue: volume per local day and the mean per hour of week, the data's span, the
 * contact count and the last imports. A queue fed by contacts reads the running aggregates (migration 0017), summed
 * per local day and weekday × hour in SQL, so the page costs a few hundred rows whatever the history's length and
 * whatever a live feed is writing; a queue with interval aggregates bins those.
 */
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { listQueues } from '../db/queues.ts'
import { countContacts, historyRange, listHistoryIntervals, listRecentImports } from '../db/history.ts'
import { contactVersionsOf, sumLocalContactVolume } from '../db/contactAggregates.ts'
import { dailyTotals, hourOfWeekMeans, volumeProfileOfLocalSums, type DailyTotal } from '../kpis/volumeProfile.ts'
import { SANE_MAX_MS, SANE_MIN_MS } from '../schemas/queryParams.ts'
import type { DashboardProps } from '../../views/dashboard/DashboardPage.tsx'

/** What the dashboard page shows (its props, as they are). */
export type DashboardFigures = DashboardProps

/** The dashboard of the queue picked by `pick` (id or name; default queue, else the first). */
export async function dashboardFigures(db: Db, pick: (queues: Queue[]) => Queue | null): Promise<DashboardFigures> {
  const [queues, imports] = await Promise.all([listQueues(db), listRecentImports(db, 10)])
  const queue = pick(queues)
  if (!queue) return { queues, queue: null, range: null, daily: [], hourOfWeek: [], imports, contactCount: { contacts: 0, synthetic: 0 } }
  const range = await historyRange(db, queue.id)
  if (range.source === 'contacts') return { queues, queue, range, ...(await contactProfileOf(db, queue)), imports }
  const [contactCount, intervals] = await Promise.all([countContacts(db, queue.id), listHistoryIntervals(db, queue, 60)])
  const profile = { daily: dailyTotals(intervals, queue.timeZone), hourOfWeek: hourOfWeekMeans(intervals, queue.timeZone) }
  return { queues, queue, range, ...profile, imports, contactCount }
}

type ContactProfile = { daily: DailyTotal[]; hourOfWeek: number[][]; contactCount: { contacts: number; synthetic: number } }

/** Per database: each queue's last contact profile, with the data version and zone it was computed for. */
const profiles = new WeakMap<Db, Map<number, { version: number; timeZone: string; profile: Promise<ContactProfile> }>>()

/**
 * The contact profile of a queue, computed again only when that queue's contacts changed (its data version moved)
 * or its zone did: a feed into one queue leaves the other queues' dashboards as they were.
 */
async function contactProfileOf(db: Db, queue: Queue): Promise<ContactProfile> {
  const version = (await contactVersionsOf(db, [queue.id])).get(queue.id)!
  let byQueue = profiles.get(db)
  if (!byQueue) { byQueue = new Map(); profiles.set(db, byQueue) }
  const cached = byQueue.get(queue.id)
  if (cached && cached.version === version && cached.timeZone === queue.timeZone) return cached.profile
  const profile = (async () => {
    const [sums, contactCount] = await Promise.all([sumLocalContactVolume(db, queue.id, queue.timeZone, SANE_MIN_MS, SANE_MAX_MS), countContacts(db, queue.id)])
    return { ...volumeProfileOfLocalSums(sums.days, sums.weekdayHours), contactCount }
  })()
  byQueue.set(queue.id, { version, timeZone: queue.timeZone, profile })
  profile.catch(() => { if (byQueue!.get(queue.id)?.profile === profile) byQueue!.delete(queue.id) })
  return profile
}
