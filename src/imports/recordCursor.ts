/**
 * What the record parsers of an import share: their context (column mapping, default queue, each queue's zone),
 * a per-file cache of queue zones, and the cursor over the record being read with the problems found in it.
 * The parsers are synchronous, so one cursor per file is reset per record instead of allocating helpers per record.
 */
import type { ColumnMapping } from './columnMapping.ts'
import type { Parsed } from './cellParsers.ts'

export interface CellProblem { field: string; message: string }

export interface RecordContext {
  mapping: ColumnMapping
  defaultQueue: string | null
  zoneOfQueue: (queue: string) => string
  /** "Now" for the accepted time window (1970 to ten years ahead). @default Date.now() */
  nowMs?: number
}

/** `zoneOfQueue` asked once per queue name. */
export function cachedZoneOf(zoneOfQueue: (queue: string) => string): (queue: string) => string {
  const zoneByQueue = new Map<string, string>()
  return (queue) => {
    let zone = zoneByQueue.get(queue)
    if (zone === undefined) { zone = zoneOfQueue(queue); zoneByQueue.set(queue, zone) }
    return zone
  }
}

/** The record being read and its problems. Methods are bound fields so parsers can take them apart once per file. */
export class RecordCursor {
  record: string[] = []
  problems: CellProblem[] | null = null

  start = (record: string[]): void => { this.record = record; this.problems = null }

  cellAt = (index: number): string | undefined => (index < 0 ? undefined : this.record[index])

  fail = (field: string, message: string): void => { (this.problems ??= []).push({ field, message }) }

  /** The parsed value, or null after recording the parser's message as a problem of `field`. */
  full = <T>(field: string, parsed: Parsed<T>): T | null => {
    if ('error' in parsed) { this.fail(field, parsed.error); return null }
    return parsed.value
  }
}
