/**
 * Which published schedules are in force, and on which dates: the one rule every reader of published rosters uses
 * (My shifts, the calendar feed, requests and their approval, intraday, event flags, scenarios).
 *
 * Every published schedule counts on its dates (local dates of its queue, first to last inclusive). When two
 * published schedules of one queue cover the same date, the one published later wins that date (ties: the higher
 * id); the older one still counts on its other dates. A shift belongs to the date it starts on (local).
 * Publishing is the moment that decides, so an approved request that re-rosters an older schedule does not make
 * it newer (src/db/publishedRoster.ts keeps publishedAtMs).
 */

/** A published schedule as the rule sees it. */
export interface PublishedSpan {
  scheduleId: number
  queueId: number
  fromDateKey: string
  toDateKey: string
  publishedAtMs: number
}

/** A published schedule with the dates of its span that newer published schedules of its queue took over. */
export interface ScheduleInForce extends PublishedSpan {
  /** Date ranges (inclusive) of this schedule's span won by a newer published schedule, with that schedule's id. */
  superseded: { fromDateKey: string; toDateKey: string; byScheduleId: number }[]
  /** True when no date of its span is left to it. */
  fullySuperseded: boolean
}

const isNewer = (a: PublishedSpan, b: PublishedSpan) => a.publishedAtMs > b.publishedAtMs || (a.publishedAtMs === b.publishedAtMs && a.scheduleId > b.scheduleId)

const nextDateKey = (dateKey: string) => new Date(Date.parse(`${dateKey}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/**
 * Each published schedule with the dates newer ones took over, newest first.
 * @example schedulesInForce([{ scheduleId: 1, queueId: 1, fromDateKey: '1999-11-01', toDateKey: '1999-11-07', publishedAtMs: 1 },
 *   { scheduleId: 2, queueId: 1, fromDateKey: '1999-11-08', toDateKey: '1999-11-14', publishedAtMs: 2 }]) // both in force, nothing superseded
 */
export function schedulesInForce(spans: readonly PublishedSpan[]): ScheduleInForce[] {
  const newestFirst = [...spans].sort((a, b) => (isNewer(a, b) ? -1 : isNewer(b, a) ? 1 : 0))
  return newestFirst.map((span) => {
    const newer = newestFirst.filter((o) => o.queueId === span.queueId && isNewer(o, span) && o.fromDateKey <= span.toDateKey && o.toDateKey >= span.fromDateKey)
    const superseded: ScheduleInForce['superseded'] = []
    let left = 0
    for (let d = span.fromDateKey; d <= span.toDateKey; d = nextDateKey(d)) {
      // The newest schedule covering the date wins it.
      const winner = newer.find((o) => o.fromDateKey <= d && o.toDateKey >= d)
      if (!winner) { left++; continue }
      const last = superseded[superseded.length - 1]
      if (last && last.byScheduleId === winner.scheduleId && nextDateKey(last.toDateKey) === d) last.toDateKey = d
      else superseded.push({ fromDateKey: d, toDateKey: d, byScheduleId: winner.scheduleId })
    }
    return { ...span, superseded, fullySuperseded: left === 0 }
  })
}

/** Whether the schedule is in force on the local date (in its span and not taken over by a newer one). */
export function isInForceOn(schedule: ScheduleInForce, dateKey: string): boolean {
  return dateKey >= schedule.fromDateKey && dateKey <= schedule.toDateKey && !schedule.superseded.some((s) => dateKey >= s.fromDateKey && dateKey <= s.toDateKey)
}

/** The schedule of the queue in force on the local date, or undefined. */
export function scheduleInForceOn(list: readonly ScheduleInForce[], queueId: number, dateKey: string): ScheduleInForce | undefined {
  return list.find((s) => s.queueId === queueId && isInForceOn(s, dateKey))
}
