/**
 * Reads a CSV file as records, streaming, after checking that it is a CSV at all: not empty, not binary,
 * not JSON/HTML/a spreadsheet, with a delimiter detected from the header line (comma, semicolon, tab or pipe).
 */
import Papa from 'papaparse'
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import { ImportError } from './rowErrors.ts'

export interface CsvSource {
  headers: string[]
  delimiter: string
  totalBytes: number
  /** Bytes of the file read so far (for progress). */
  bytesRead(): number
  /** Data records in chunks; `firstRow` is the 1-based row number of the chunk's first record (the header is row 1). */
  chunks(): AsyncGenerator<{ firstRow: number; records: string[][] }>
}

const DELIMITERS = [',', ';', '\t', '|']

function sniff(path: string, fileName: string): { head: string; totalBytes: number } {
  let totalBytes: number
  try {
    totalBytes = statSync(path).size
  } catch {
    throw new ImportError([{ file: fileName, row: 0, column: '', message: 'file not found or not readable' }])
  }
  if (totalBytes === 0) throw new ImportError([{ file: fileName, row: 0, column: '', message: 'the file is empty' }])
  const fd = openSync(path, 'r')
  const buffer = Buffer.alloc(Math.min(totalBytes, 65_536))
  readSync(fd, buffer, 0, buffer.length, 0)
  closeSync(fd)
  const notCsv = (what: string) => new ImportError([{ file: fileName, row: 0, column: '', message: `this is not a CSV file (${what})` }])
  if (buffer[0] === 0x50 && buffer[1] === 0x4b) throw notCsv('it looks like a zip archive or an Excel .xlsx workbook: save it as CSV first')
  if (buffer[0] === 0x1f && buffer[1] === 0x8b) throw notCsv('it is gzip-compressed: unzip it first')
  if (buffer.subarray(0, 5).toString('latin1') === '%PDF-') throw notCsv('it is a PDF document')
  if (buffer[0] === 0xd0 && buffer[1] === 0xcf && buffer[2] === 0x11 && buffer[3] === 0xe0) throw notCsv('it looks like an old Excel .xls workbook: save it as CSV first')
  if (buffer.includes(0) || controlByteShare(buffer) > 0.01) throw notCsv('it contains binary data')
  const head = buffer.toString('utf8').replace(/^\uFEFF/, '')
  const start = head.trimStart()
  if (start.startsWith('{') || start.startsWith('[')) throw notCsv('it looks like JSON')
  if (start.startsWith('<')) throw notCsv('it looks like HTML or XML')
  if (head.trim() === '') throw new ImportError([{ file: fileName, row: 0, column: '', message: 'the file is empty' }])
  return { head, totalBytes }
}

/** Share of bytes that are control characters other than tab, newline, carriage return and form feed. */
function controlByteShare(buffer: Buffer): number {
  let control = 0
  for (let i = 0; i < buffer.length; i++) {
    const b = buffer[i]
    if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13) control++
  }
  return buffer.length ? control / buffer.length : 0
}

export function detectDelimiter(headerLine: string): string {
  let best = ','
  let bestCount = 0
  for (const d of DELIMITERS) {
    const count = headerLine.split(d).length - 1
    if (count > bestCount) { best = d; bestCount = count }
  }
  return best
}

/**
 * The delimiter of a file from its first lines: among comma, semicolon, tab and pipe, the one that splits the
 * header and the next few lines into the same number of fields (more than one), preferring the one that splits
 * the header into more fields; when none is consistent, the one most frequent in the header. So a semicolon file
 * whose header also holds commas ("Start, local;End, local;Queue") is still read by semicolons.
 */
export function detectDelimiterOfHead(head: string): string {
  const lines = head.split(/\r?\n/).slice(0, 6)
  if (lines.length > 1 && head.length === 65_536) lines.pop() // the last line may be cut
  const sample = lines.filter((line) => line.trim() !== '')
  const headerLine = sample[0] ?? ''
  const consistent = DELIMITERS
    .map((d) => ({ d, widths: sample.map((line) => Papa.parse<string[]>(line, { delimiter: d }).data[0]?.length ?? 0) }))
    .filter(({ widths }) => widths[0] > 1 && widths.every((w) => w === widths[0]))
    .sort((a, b) => b.widths[0] - a.widths[0])
  return sample.length > 1 && consistent.length ? consistent[0].d : detectDelimiter(headerLine)
}

export function describeDelimiter(d: string): string {
  return d === '\t' ? 'tab' : d === ',' ? 'comma' : d === ';' ? 'semicolon' : d === '|' ? 'pipe' : `'${d}'`
}

/** Bytes read per step: about 1,000 rows of a chat export, a few milliseconds of work. */
const CHUNK_BYTES = 128 * 1024
/** A record longer than this (an unbalanced quote swallowing the rest of the file) stops the import. */
const MAX_RECORD_CHARS = 4 * 1024 * 1024

/**
 * Opens a CSV file: checks it, reads the header, and streams the records. The file is read in chunks; each chunk
 * is cut after its last complete record (a newline outside quotes: quotes are doubled inside a quoted field, so
 * an even count of quotes before a newline means it ends a record) and that text is parsed by papaparse (about
 * five times faster than csv-parse here, which matters for million-row imports). Reading is pull-based: nothing
 * more is read until the caller asks for the next chunk, so memory stays flat however slowly the rows are written.
 */
export function openCsvSource(path: string, fileName: string): CsvSource {
  const { head, totalBytes } = sniff(path, fileName)
  const headerLine = head.split(/\r?\n/, 1)[0]
  const delimiter = detectDelimiterOfHead(head)
  // CRLF only when every line break of the head is one: a file with a CRLF header and LF rows (edited by hand or
  // concatenated) is read by LF, and a stray CR at a record's end is whitespace the cell parsers trim.
  const newline = head.includes('\r\n') && !/(^|[^\r])\n/.test(head) ? '\r\n' : head.includes('\n') ? '\n' : head.includes('\r') ? '\r' : '\n'
  const headerParse = Papa.parse<string[]>(headerLine, { delimiter })
  const headers = (headerParse.data[0] ?? []).map((h) => h.replace(/^\uFEFF/, '').trim())
  let bytes = 0
  const unbalancedQuote = (detail: string) =>
    new ImportError([{ file: fileName, row: 0, column: '', message: `an unbalanced quote makes the CSV unreadable (${detail})` }])
  return {
    headers,
    delimiter,
    totalBytes,
    bytesRead: () => bytes,
    async *chunks() {
      const decoder = new StringDecoder('utf8')
      const newlineChar = newline === '\r' ? '\r' : '\n'
      let carry = ''
      let recordsSoFar = 0 // the header is record 1
      let quotesInCarry = 0
      const parse = (text: string): string[][] => {
        if (text === '') return [['']]
        const result = Papa.parse<string[]>(text, { delimiter, newline: newline as '\n', skipEmptyLines: false })
        const quoteError = result.errors.find((e) => e.type === 'Quotes')
        if (quoteError) {
          throw new ImportError([{ file: fileName, row: recordsSoFar + (quoteError.row ?? 0) + 1, column: '', message: `an unbalanced quote makes the CSV unreadable (${quoteError.message})` }])
        }
        return result.data
      }
      const emit = (records: string[][]) => {
        if (recordsSoFar === 0) {
          records = records.slice(1)
          recordsSoFar = 1
        }
        const firstRow = recordsSoFar + 1
        recordsSoFar += records.length
        return { firstRow, records }
      }
      for await (const buffer of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
        bytes += (buffer as Buffer).length
        let text = decoder.write(buffer as Buffer)
        if (recordsSoFar === 0 && carry === '') text = text.replace(/^\uFEFF/, '')
        // The last newline that ends a record: the quotes before it (carry included) must be even in number.
        let quotes = quotesInCarry
        let lastEnd = -1
        let quotesAtLastEnd = 0
        let nextQuote = text.indexOf('"')
        let nextNewline = text.indexOf(newlineChar)
        while (nextNewline >= 0) {
          if (nextQuote >= 0 && nextQuote < nextNewline) { quotes++; nextQuote = text.indexOf('"', nextQuote + 1); continue }
          if (nextQuote < 0) {
            // No quote in the rest of the text: its last newline ends a record if the quotes so far are even.
            if (quotes % 2 === 0) { lastEnd = text.lastIndexOf(newlineChar); quotesAtLastEnd = quotes }
            break
          }
          if (quotes % 2 === 0) { lastEnd = nextNewline; quotesAtLastEnd = quotes }
          nextNewline = text.indexOf(newlineChar, nextNewline + 1)
        }
        for (let q = nextQuote; q >= 0; q = text.indexOf('"', q + 1)) quotes++
        if (lastEnd < 0) {
          carry += text
          quotesInCarry = quotes
          if (carry.length > MAX_RECORD_CHARS) throw unbalancedQuote(`no record ends in the ${MAX_RECORD_CHARS.toLocaleString('en')} characters after row ${recordsSoFar}`)
          continue
        }
        let complete = carry + text.slice(0, lastEnd)
        if (newline === '\r\n' && complete.endsWith('\r')) complete = complete.slice(0, -1)
        carry = text.slice(lastEnd + 1)
        quotesInCarry = quotes - quotesAtLastEnd
        yield emit(parse(complete))
      }
      carry += decoder.end()
      if (carry.endsWith('\n')) carry = carry.slice(0, carry.endsWith('\r\n') ? -2 : -1)
      else if (carry.endsWith('\r')) carry = carry.slice(0, -1)
      if (carry !== '' || recordsSoFar === 0) yield emit(parse(carry))
    },
  }
}
