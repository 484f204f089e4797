/**
 * The dashboard's figures for a queue: volume per local day and the mean per hour of week, the data's span, the
 * contact count and the last imports. A queue fed by contacts reads the running aggregates (migration 0017), summed
  * per local day and weekday × hour in SQL (by the KPI worker, off the request thread), so the page costs a few hundred rows whatever the history's length and
 * whatever a live feed is writing; a queue with interval aggregates bins those.
 */
import type { Db } from '../db/client.ts'
import type { Queue } from '../db/schema.ts'
import { listQueues } from '../db/queues.ts'
import { countContacts, historyRange, listHistoryIntervals, listRecentImports } from '../db/history.ts'
import { contactVersionsOf } from '../db/contactAggregates.ts'
import { contactVolumeOf } from './kpiReports.ts'
import { dailyTotals, hourOfWeekMeans, volumeProfileOfLocalSums, type DailyTotal } from '../kpis/volumeProfile.ts'
import type { DashboardFreshness, DashboardProps } from '../../views/dashboard/DashboardPage.tsx'

/** What the dashboard page shows (its props, as they are). */
export type DashboardFigures = DashboardProps

/**
 * The dashboard of the queue picked by `pick` (id or name; default queue, else the first). With `allowStale`, a fed
 * queue's last figures are answered at once (marked updating) while its current ones are computed.
 */
export async function dashboardFigures(db: Db, pick: (queues: Queue[]) => Queue | null, { allowStale = false }: { allowStale?: boolean } = {}): Promise<DashboardFigures> {
  const [queues, imports] = await Promise.all([listQueues(db), listRecentImports(db, 10)])
  const queue = pick(queues)
  if (!queue) return { queues, queue: null, range: null, daily: [], hourOfWeek: [], imports, contactCount: { contacts: 0, synthetic: 0 } }
  const range = await historyRange(db, queue.id)
  if (range.source === 'contacts') return { queues, queue, range, ...(await contactProfileOf(db, queue, allowStale)), imports }
  const [contactCount, intervals] = await Promise.all([countContacts(db, queue.id), listHistoryIntervals(db, queue, 60)])
  const profile = { daily: dailyTotals(intervals, queue.timeZone), hourOfWeek: hourOfWeekMeans(intervals, queue.timeZone) }
  return { queues, queue, range, ...profile, imports, contactCount }
}

type ContactProfile = { daily: DailyTotal[]; hourOfWeek: number[][]; contactCount: { contacts: number; synthetic: number } }

interface CachedProfile { version: number; timeZone: string; profile: Promise<ContactProfile>; asOfMs: number; done: boolean }
/** Per database: each queue's last contact profile, with the data version and zone it was computed for. */
const profiles = new WeakMap<Db, Map<number, { latest: CachedProfile; lastDone: CachedProfile | null }>>()

/**
 * The contact profile of a queue, computed again only when that queue's contacts changed (its data version moved)
 * or its zone did: a feed into one queue leaves the other queues' dashboards as they were. The sums are read off
 * the request thread (the KPI worker). While a fed queue's new profile is being computed, the last one is answered
 * at once with the time it was computed and `updating` (the page says so), as the KPI page does.
 */
async function contactProfileOf(db: Db, queue: Queue, allowStale: boolean): Promise<ContactProfile & { freshness: DashboardFreshness | null }> {
  const version = (await contactVersionsOf(db, [queue.id])).get(queue.id)!
  let byQueue = profiles.get(db)
  if (!byQueue) { byQueue = new Map(); profiles.set(db, byQueue) }
  let slot = byQueue.get(queue.id)
  const sameZone = (c: CachedProfile | null | undefined) => c && c.timeZone === queue.timeZone ? c : null
  if (!slot || slot.latest.version !== version || slot.latest.timeZone !== queue.timeZone) {
    const entry: CachedProfile = { version, timeZone: queue.timeZone, asOfMs: Date.now(), done: false, profile: contactVolumeOf(db, queue.id, queue.timeZone).then(({ sums, contactCount }) => ({ ...volumeProfileOfLocalSums(sums.days, sums.weekdayHours), contactCount })) }
    const lastDone = sameZone(slot?.latest.done ? slot.latest : slot?.lastDone)
    slot = { latest: entry, lastDone }
    byQueue.set(queue.id, slot)
    const s = slot
    entry.profile.then(() => { entry.done = true; if (s.latest === entry) s.lastDone = entry }, () => { if (byQueue!.get(queue.id) === s) byQueue!.delete(queue.id) })
  }
  const latest = slot.latest
  if (allowStale && !latest.done && slot.lastDone) return { ...(await slot.lastDone.profile), freshness: { asOfMs: slot.lastDone.asOfMs, updating: true } }
  return { ...(await latest.profile), freshness: null }
}
