/**
 * Folding for long pages, without JavaScript (<details>): a day at a time for interval tables, and the first rows of
 * a long list with the rest behind "Show all". The summary line says what is inside, so a closed fold still informs.
 */
import type { Child } from 'hono/jsx'
import { formatDayLabel } from '../../src/format/dateTime.ts'
import { formatCount } from '../../src/format/numbers.ts'

/** How many rows a long list shows before "Show all". */
export const TOP_ROWS = 10

export interface DayFoldProps {
  dateKey: string
  /** What the day holds, e.g. "1,234 contacts · peak 12 agents". */
  summary?: Child
  open?: boolean
  id?: string
  children?: Child
}

/** One day of a long interval table, folded. */
export function DayFold({ dateKey, summary, open = false, id, children }: DayFoldProps) {
  return (
    <details class="fold day-fold" data-day={dateKey} open={open} id={id}>
      <summary>{formatDayLabel(dateKey)}{summary ? <> <span class="muted">· {summary}</span></> : null}</summary>
      <div class="fold-body">{children}</div>
    </details>
  )
}

export interface RestFoldProps {
  /** Rows not shown above. */
  hidden: number
  /** What the rows are, plural ("agents", "long chats"). */
  what: string
  children?: Child
}

/** "Show all N": the rows past the first few, folded under the list. Renders nothing when none are hidden. */
export function RestFold({ hidden, what, children }: RestFoldProps) {
  if (hidden <= 0) return null
  return (
    <details class="fold rest-fold">
      <summary>Show all: {formatCount(hidden)} more {what}</summary>
      <div class="fold-body">{children}</div>
    </details>
  )
}
