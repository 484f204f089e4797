/**
 * CSV text (a small file read whole: events, the forecast and schedule commands' inputs) as records, by the app's
 * one CSV parser (papaparse, as the streaming importer in csvSource.ts). Cells are trimmed, a BOM is dropped,
 * empty lines are skipped; rows may have fewer cells than the header. A cell the CSV writer neutralised
 * (`'=SUM(…)`, src/format/csv.ts) is read back as written by the user (`=SUM(…)`), so exports import back unchanged.
 */
import Papa from 'papaparse'

/** The text of a cell as the user wrote it: drops the quote the CSV writer put before `= + - @` tab or CR. */
export function unneutraliseFormula(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text
}

/**
 * Parses CSV text into records (the header is the first).
 * @throws Error naming the line when a quote is unbalanced.
 */
export function parseCsvRecords(text: string, options: { delimiter?: string } = {}): string[][] {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: options.delimiter ?? ',', skipEmptyLines: 'greedy' })
  const error = result.errors.find((e) => e.type === 'Quotes')
  if (error) throw new Error(`${error.message} (row ${(error.row ?? 0) + 1})`)
  return result.data.map((cells) => cells.map((c) => c.trim()))
}
