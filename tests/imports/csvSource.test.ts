import { afterEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import Papa from 'papaparse'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeDelimiter, detectDelimiter, detectDelimiterOfHead, openCsvSource } from '../../src/imports/csvSource.ts'
import { ImportError } from '../../src/imports/rowErrors.ts'

const dirs: string[] = []
afterEach(() => { while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true }) })

function fileWith(content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'chatplan-csv-test-'))
  dirs.push(dir)
  const path = join(dir, 'data.csv')
  writeFileSync(path, content)
  return path
}

async function readAll(path: string): Promise<{ rows: number[]; records: string[][] }> {
  const rows: number[] = []
  const records: string[][] = []
  for await (const chunk of openCsvSource(path, 'data.csv').chunks()) {
    chunk.records.forEach((record, k) => { rows.push(chunk.firstRow + k); records.push(record) })
  }
  return { rows, records }
}

describe('openCsvSource', () => {
  it('reads the header and detects the delimiter', () => {
    expect(openCsvSource(fileWith('\uFEFFa;b;"c;d"\n1;2;3\n'), 'x.csv')).toMatchObject({ headers: ['a', 'b', 'c;d'], delimiter: ';' })
    expect(detectDelimiter('a\tb\tc')).toBe('\t')
    expect(detectDelimiter('a|b|c')).toBe('|')
    expect(detectDelimiter('abc')).toBe(',')
    expect(describeDelimiter('\t')).toBe('tab')
  })

  it('picks the delimiter that splits the first lines consistently', () => {
    expect(detectDelimiterOfHead('Start, local;End, local;Queue\n2024-01-01 10:00;2024-01-01 10:05;Sales\n')).toBe(';')
    expect(detectDelimiterOfHead('a;b;c\n1,5;2,5;3\n')).toBe(';')
    expect(detectDelimiterOfHead('a,b,c\n"x;y",2,3\n')).toBe(',')
    expect(detectDelimiterOfHead('a,b\n1;2\n')).toBe(',') // nothing consistent: the header decides
  })

  it('cuts a large file into chunks at record ends: quoted newlines, doubled quotes, CRLF and blank lines survive', async () => {
    const lines = ['id,note,n']
    for (let i = 0; i < 40_000; i++) {
      lines.push(i % 7 === 0 ? `${i},"two\r\nlines, and ""quotes"" ${i}",${i}` : i % 1000 === 5 ? '' : `${i},plain ${'é'.repeat(i % 5)},${i}`)
    }
    const text = '\uFEFF' + lines.join('\r\n') + '\r\n'
    const { rows, records } = await readAll(fileWith(text))
    const expected = Papa.parse<string[]>(lines.join('\r\n'), { delimiter: ',', newline: '\r\n' }).data.slice(1)
    expect(records).toEqual(expected)
    expect(records).toHaveLength(40_000)
    expect(rows).toEqual(Array.from({ length: 40_000 }, (_, k) => k + 2)) // the header is row 1
    expect(records[7]).toEqual(['7', 'two\r\nlines, and "quotes" 7', '7'])
  })

  it('reads the same records whatever the chunk boundaries (random files)', async () => {
    const field = fc.oneof(fc.constantFrom('', 'a', 'x y', '"q"', 'a,b', 'l1\nl2', 'é€', '"'.repeat(2)), fc.string({ maxLength: 6 }))
    const csvField = (f: string) => (/[",\n\r]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(field, field), { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 200_000 }), async (records, padding) => {
      // a long first record moves every later chunk boundary
      const all = [['h1', 'h2'], ['p'.repeat(padding), 'x'], ...records.map(([a, b]) => [a.replace(/\r/g, ''), b.replace(/\r/g, '')])]
      const text = all.map((r) => r.map(csvField).join(',')).join('\n')
      const { records: got, rows } = await readAll(fileWith(text))
      expect(got).toEqual(all.slice(1))
      expect(rows).toEqual(all.slice(1).map((_, k) => k + 2))
    }), { seed: 12, numRuns: 40 })
  })

  it('stops at an unbalanced quote, naming the problem', async () => {
    await expect(readAll(fileWith('a,b\n1,"open\n2,3\n'))).rejects.toThrow(/unbalanced quote/)
    await expect(readAll(fileWith('a,b\n1,"' + 'x'.repeat(5_000_000) + '\n'))).rejects.toThrow(ImportError)
  })

  it('refuses a missing file', () => {
    expect(() => openCsvSource('/nonexistent/file.csv', 'file.csv')).toThrow(new ImportError([{ file: 'file.csv', row: 0, column: '', message: 'file not found or not readable' }]))
  })
})

describe('line breaks', () => {
  it('reads a file whose header ends in CRLF and whose rows end in LF (and the reverse), one record per line', async () => {
    for (const text of ['a,b,c\r\n1,2,3\n4,5,6\n', 'a,b,c\n1,2,3\r\n4,5,6\r\n']) {
      const { records } = await readAll(fileWith(text))
      expect(records.map((r) => r.map((c) => c.trim()))).toEqual([['1', '2', '3'], ['4', '5', '6']])
    }
  })
})
