/**
 * Every table of the KPI report as plain rows, for CSV export (the page's "CSV" links and `chatplan kpis --format
 * csv`). Shares are 0–1 fractions (`_fraction`), durations in seconds (`_seconds`), times local with their UTC offset;
 * empty cells where a value is undefined. Written by the one CSV writer (src/format/csv.ts).
 */
import type { KpiReport } from './report.ts'
import { WEEKDAY_LABELS } from './volumeBreakdown.ts'
import type { SegmentRow } from './segment.ts'
import type { CsatByDuration } from './correlation.ts'
import { csvCell as sharedCsvCell, csvTable, csvTime, type CsvUnit } from '../format/csv.ts'

export type Cell = string | number | boolean | null
export interface KpiTable { columns: string[]; rows: Cell[][] }

export const KPI_TABLE_NAMES = [
  'summary', 'first-response', 'trend', 'weekly', 'balance-warnings', 'segments', 'agents', 'long-chats', 'long-chat-rules',
  'heatmap', 'hour-of-day', 'weekday', 'daily', 'monthly', 'csat-by-handle-time', 'csat-by-wait',
] as const
export type KpiTableName = (typeof KPI_TABLE_NAMES)[number]

export function isKpiTableName(name: string): name is KpiTableName {
  return (KPI_TABLE_NAMES as readonly string[]).includes(name)
}

/** One summary row: the figure's key (as on the page's data-metric attribute), its value and what it rests on. */
export interface SummaryRow { metric: string; label: string; value: number | null; unit: 'contacts' | 'seconds' | 'fraction' | 'points' | 'chats' | 'erlangs'; basedOn: number | null }

export function summaryRows(r: KpiReport): SummaryRow[] {
  const fr = r.firstResponse
  return [
    { metric: 'offered', label: 'Contacts offered', value: r.totals.offered, unit: 'contacts', basedOn: null },
    { metric: 'answered', label: 'Contacts answered', value: r.totals.answered, unit: 'contacts', basedOn: null },
    { metric: 'abandoned', label: 'Contacts abandoned', value: r.totals.abandoned, unit: 'contacts', basedOn: null },
    { metric: 'firstResponseMedian', label: 'First response, median', value: fr.allHours.medianSeconds, unit: 'seconds', basedOn: fr.allHours.answered },
    { metric: 'firstResponseP90', label: 'First response, 90th percentile', value: fr.allHours.p90Seconds, unit: 'seconds', basedOn: fr.allHours.answered },
    { metric: 'firstResponseP95', label: 'First response, 95th percentile', value: fr.allHours.p95Seconds, unit: 'seconds', basedOn: fr.allHours.answered },
    { metric: 'withinThresholdShare', label: `Answered within ${r.scope.thresholdSeconds} s`, value: fr.allHours.withinThresholdShare, unit: 'fraction', basedOn: fr.allHours.offered },
    { metric: 'businessHoursFirstResponseMedian', label: 'First response, median, business hours', value: fr.businessHours.medianSeconds, unit: 'seconds', basedOn: fr.businessHours.answered },
    { metric: 'businessHoursFirstResponseP90', label: 'First response, 90th percentile, business hours', value: fr.businessHours.p90Seconds, unit: 'seconds', basedOn: fr.businessHours.answered },
    { metric: 'businessHoursFirstResponseP95', label: 'First response, 95th percentile, business hours', value: fr.businessHours.p95Seconds, unit: 'seconds', basedOn: fr.businessHours.answered },
    { metric: 'businessHoursWithinThresholdShare', label: `Answered within ${r.scope.thresholdSeconds} s, business hours`, value: fr.businessHours.withinThresholdShare, unit: 'fraction', basedOn: fr.businessHours.offered },
    { metric: 'abandonmentRate', label: 'Abandonment rate', value: r.abandonment.share, unit: 'fraction', basedOn: r.abandonment.base },
    { metric: 'resolutionRate', label: 'Resolution rate', value: r.resolution.share, unit: 'fraction', basedOn: r.resolution.base },
    { metric: 'csat', label: 'CSAT (share 4–5)', value: r.csat.satisfiedShare, unit: 'fraction', basedOn: r.csat.responses },
    { metric: 'csatMeanScore', label: 'CSAT mean score (1–5)', value: r.csat.meanScore, unit: 'points', basedOn: r.csat.responses },
    { metric: 'nps', label: 'NPS', value: r.nps.npsPoints, unit: 'points', basedOn: r.nps.responses },
    { metric: 'npsPromoters', label: 'NPS promoters (9–10)', value: r.nps.promoterShare, unit: 'fraction', basedOn: r.nps.responses },
    { metric: 'npsPassives', label: 'NPS passives (7–8)', value: r.nps.passiveShare, unit: 'fraction', basedOn: r.nps.responses },
    { metric: 'npsDetractors', label: 'NPS detractors (0–6)', value: r.nps.detractorShare, unit: 'fraction', basedOn: r.nps.responses },
    { metric: 'ahtMean', label: 'Handle time, mean', value: r.handle.meanSeconds, unit: 'seconds', basedOn: r.handle.handled },
    { metric: 'ahtMedian', label: 'Handle time, median', value: r.handle.medianSeconds, unit: 'seconds', basedOn: r.handle.handled },
    { metric: 'concurrencyAverage', label: 'Chats held at once, average', value: r.concurrency.averageHeld, unit: 'chats', basedOn: r.concurrency.chats },
    { metric: 'concurrencyPeak', label: 'Chats held at once, peak', value: r.concurrency.chats ? r.concurrency.peakHeld : null, unit: 'chats', basedOn: r.concurrency.chats },
    { metric: 'workload', label: 'Workload (mean chats in handling)', value: r.workloadErlangs, unit: 'erlangs', basedOn: r.handle.handled },
    { metric: 'longChats', label: 'Long chats flagged', value: r.longChats.flagged, unit: 'contacts', basedOn: r.handle.handled },
  ]
}

function segmentTableRows(rows: readonly SegmentRow[]): Cell[][] {
  return rows.map((s) => [s.dimension, s.segment, s.metrics.offered, s.metrics.abandonmentRate, s.metrics.withinThresholdShare, s.metrics.meanWaitSeconds,
    s.metrics.ahtMeanSeconds, s.metrics.resolutionRate, s.metrics.csatSatisfiedShare, s.metrics.csatResponses, s.metrics.npsPoints, s.metrics.npsResponses])
}

function csatBinRows(c: CsatByDuration): Cell[][] {
  return c.bins.map((b) => [b.fromSeconds, b.toSeconds, b.responses, b.satisfiedShare, b.meanScore])
}

/** The named table of a report. */
export function kpiTable(r: KpiReport, name: KpiTableName): KpiTable {
  switch (name) {
    case 'summary':
      return { columns: ['metric', 'label', 'value', 'unit', 'based_on'], rows: summaryRows(r).map((s) => [s.metric, s.label, s.value, s.unit, s.basedOn]) }
    case 'first-response': {
      const fr = r.firstResponse
      return {
        columns: ['hours', 'offered', 'answered', 'median_seconds', 'p90_seconds', 'p95_seconds', 'mean_seconds', 'answered_within_threshold', 'within_threshold_fraction', 'threshold_seconds'],
        rows: ([['all', fr.allHours], ['business', fr.businessHours], ['outside business', fr.outsideBusinessHours]] as const).map(([hours, f]) =>
          [hours, f.offered, f.answered, f.medianSeconds, f.p90Seconds, f.p95Seconds, f.meanSeconds, f.answeredWithinThreshold, f.withinThresholdShare, f.thresholdSeconds]),
      }
    }
    case 'trend':
      return { columns: ['metric', 'label', 'current', 'previous', 'change', 'better'], rows: r.trend.rows.map((t) => [t.metric, t.label, t.current, t.previous, t.change, t.better]) }
    case 'weekly':
      return {
        columns: ['week_start', 'whole_week', 'offered', 'first_response_median_seconds', 'within_threshold_fraction', 'abandonment_rate_fraction', 'aht_mean_seconds', 'resolution_rate_fraction', 'csat_fraction', 'csat_responses', 'nps_points', 'nps_responses'],
        rows: r.weeks.map((w) => [w.weekStartKey, w.whole, w.metrics.offered, w.medianWaitSeconds, w.metrics.withinThresholdShare, w.metrics.abandonmentRate, w.metrics.ahtMeanSeconds, w.metrics.resolutionRate, w.metrics.csatSatisfiedShare, w.metrics.csatResponses, w.metrics.npsPoints, w.metrics.npsResponses]),
      }
    case 'balance-warnings':
      return { columns: ['week_start', 'previous_week_start', 'improved', 'improved_from', 'improved_to', 'worsened', 'worsened_from', 'worsened_to', 'message'], rows: r.balanceWarnings.map((b) => [b.weekStartKey, b.previousWeekStartKey, b.improved, b.improvedFrom, b.improvedTo, b.worsened, b.worsenedFrom, b.worsenedTo, b.message]) }
    case 'segments':
      return {
        columns: ['dimension', 'segment', 'offered', 'abandonment_rate_fraction', 'within_threshold_fraction', 'mean_wait_seconds', 'aht_mean_seconds', 'resolution_rate_fraction', 'csat_fraction', 'csat_responses', 'nps_points', 'nps_responses'],
        rows: [...segmentTableRows(r.segments.queue), ...segmentTableRows(r.segments.issueType), ...segmentTableRows(r.segments.customerSegment)],
      }
    case 'agents':
      return {
        columns: ['agent', 'handled', 'aht_mean_seconds', 'resolution_rate_fraction', 'resolution_known', 'csat_fraction', 'csat_responses', 'average_held_chats', 'peak_held_chats'],
        rows: [...r.agents.agents.map((a) => [a.agent, a.handled, a.ahtMeanSeconds, a.resolutionRate, a.resolutionKnown, a.csatSatisfiedShare, a.csatResponses, a.averageHeld, a.peakHeld] as Cell[]),
          ['(team median)', r.agents.teamMedian.handled, r.agents.teamMedian.ahtMeanSeconds, r.agents.teamMedian.resolutionRate, null, r.agents.teamMedian.csatSatisfiedShare, null, r.agents.teamMedian.averageHeld, r.agents.teamMedian.peakHeld]],
      }
    case 'long-chats':
      return { columns: ['contact_id', 'external_id', 'queue', 'issue_type', 'agent', 'arrived_at', 'handle_seconds', 'threshold_seconds'], rows: r.longChats.chats.map((c) => [c.id, c.externalId, c.queueName, c.issueType, c.agent, csvTime(c.arrivedAtMs, r.scope.timeZone), c.handleSeconds, c.thresholdSeconds]) }
    case 'long-chat-rules':
      return { columns: ['issue_type', 'handled', 'median_seconds', 'mad_seconds', 'threshold_seconds', 'note'], rows: r.longChats.rules.map((x) => [x.issueType, x.handled, x.medianSeconds, x.madSeconds, x.thresholdSeconds, x.note]) }
    case 'heatmap':
      return { columns: ['weekday', ...Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`)], rows: r.volume.hourOfWeek.map((hours, d) => [WEEKDAY_LABELS[d], ...hours]) }
    case 'hour-of-day':
      return { columns: ['hour', 'offered'], rows: r.volume.hourOfDay.map((v, h) => [h, v]) }
    case 'weekday':
      return { columns: ['weekday', 'offered'], rows: r.volume.weekday.map((v, d) => [WEEKDAY_LABELS[d], v]) }
    case 'daily':
      return { columns: ['date', 'offered'], rows: r.volume.daily.map((d) => [d.dateKey, d.offered]) }
    case 'monthly':
      return { columns: ['month', 'offered'], rows: r.volume.monthly.map((m) => [m.monthKey, m.offered]) }
    case 'csat-by-handle-time':
      return { columns: ['from_seconds', 'to_seconds', 'responses', 'csat_fraction', 'mean_score_points'], rows: csatBinRows(r.correlation.byHandle) }
    case 'csat-by-wait':
      return { columns: ['from_seconds', 'to_seconds', 'responses', 'csat_fraction', 'mean_score_points'], rows: csatBinRows(r.correlation.byWait) }
  }
}

const SUMMARY_UNIT_FAMILY: Record<SummaryRow['unit'], CsvUnit> = { contacts: 'count', seconds: 'seconds', fraction: 'fraction', points: 'points', chats: 'count', erlangs: 'erlangs' }

/**
 * The unit family of a KPI column, read from its header (`*_seconds`, `*_fraction`, `*_points`, `*_erlangs`,
 * `*_chats`, counts), so every table rounds the same way (src/format/csv.ts CSV_DECIMALS).
 */
export function kpiColumnUnit(name: string): CsvUnit {
  if (/_seconds$/.test(name)) return 'seconds'
  if (/_fraction$/.test(name)) return 'fraction'
  if (/_points$/.test(name)) return 'points'
  if (/_erlangs$/.test(name)) return 'erlangs'
  if (/_at$/.test(name)) return 'time'
  if (/(^|_)(id|hour)$/.test(name)) return 'id'
  if (/^(week_start|previous_week_start|date|month)$/.test(name)) return 'date'
  if (/(^|_)(offered|handled|answered|responses|known|chats|threshold|based_on)$/.test(name) || /^h\d\d$/.test(name)) return 'count'
  return 'number'
}

/** One cell as the CSV writes it (rounded by `unit`); the page's data-value attributes use it too, so both agree. */
export function csvCell(v: Cell, unit: CsvUnit | SummaryRow['unit'] = 'number'): string {
  return sharedCsvCell(v, unit in SUMMARY_UNIT_FAMILY ? SUMMARY_UNIT_FAMILY[unit as SummaryRow['unit']] : unit as CsvUnit)
}

/**
 * CSV text of a table through the shared writer (formula neutralising, units, rounding). The summary's value
 * column is rounded per row by the row's unit.
 */
export function tableToCsv(table: KpiTable): string {
  const unitColumn = table.columns.indexOf('unit')
  const valueColumn = table.columns.indexOf('value')
  const columns = table.columns.map((name) => ({ name, unit: kpiColumnUnit(name) }))
  if (unitColumn < 0 || valueColumn < 0) return csvTable(columns, table.rows)
  // Mixed units in one column: pre-format the value with its row's unit (the writer passes text through).
  const header = csvTable(columns, []).trimEnd()
  const lines = table.rows.map((row) => row.map((v, i) => (i === valueColumn ? csvCell(v, row[unitColumn] as SummaryRow['unit']) : sharedCsvCell(v, columns[i].unit))).join(','))
  return [header, ...lines].join('\n') + '\n'
}
