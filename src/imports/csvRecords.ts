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

/**
 * As {@link parseCsvRecords}, with the file line each record starts on (the header is line 1; blank lines count),
 * for messages that name the row as the user sees it in an editor.
 */
export function parseCsvRecordsWithLines(text: string, options: { delimiter?: string } = {}): Array<{ record: string[]; info: { lines: number } }> {
  const source = text.replace(/^\uFEFF/, '')
  const out: Array<{ record: string[]; info: { lines: number } }> = []
  let line = 1, scanned = 0, start = 0
  let quoteError: Papa.ParseError | undefined
  Papa.parse<string[]>(source, {
    delimiter: options.delimiter ?? ',', skipEmptyLines: 'greedy',
    step: (result) => {
      if (!quoteError) quoteError = result.errors.find((e) => e.type === 'Quotes')
      // Lines before the record's first character (skipping the line breaks and blank lines before it).
      while (start < source.length && (source[start] === '\n' || source[start] === '\r')) start++
      for (; scanned < start; scanned++) if (source[scanned] === '\n') line++
      out.push({ record: result.data.map((c) => c.trim()), info: { lines: line } })
      start = result.meta.cursor
    },
  })
  if (quoteError) throw new Error(`${quoteError.message} (row ${out.length})`)
  return out
}

