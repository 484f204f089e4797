import { afterEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { closeDb, createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile, type ImportOptions, type ImportProgress } from '../../src/db/importBatch.ts'
import { ImportError } from '../../src/imports/rowErrors.ts'

const dataDir = fileURLToPath(new URL('../../../shared/data/', import.meta.url))
const cleanups: (() => void)[] = []

afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chatplan-import-test-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A fresh migrated embedded database in a temporary file (the native writer needs a file, not ':memory:'). */
async function freshDb(): Promise<Db> {
  const db = await createDb('file:' + join(tempDir(), 'test.db'))
  cleanups.unshift(() => closeDb(db))
  await migrateDb(db)
  return db
}

function writeFile(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name)
  writeFileSync(path, content)
  return path
}

function csvFile(name: string, lines: string[]): string {
  return writeFile(name, lines.join('\n') + '\n')
}

async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = await db.client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
  const counts: Record<string, number> = {}
  for (const t of tables.rows) {
    const name = String(t.name)
    counts[name] = Number((await db.client.execute(`SELECT count(*) AS n FROM "${name}"`)).rows[0].n)
  }
  return counts
}

async function scalar(db: Db, sql: string): Promise<number> {
  const row = (await db.client.execute(sql)).rows[0]
  return Number(Object.values(row)[0])
}

const CONTACT_HEADER = 'contact_id,queue,arrived_at,answered_at,ended_at,handle_seconds,outcome,agent'
const GOOD_CONTACTS = [
  CONTACT_HEADER,
  '1,Support,2024-03-01T09:00:00,2024-03-01T09:00:30,2024-03-01T09:10:30,600,answered,Ana',
  '2,Support,2024-03-01T09:01:00,,2024-03-01T09:02:00,,abandoned,',
  '3,Sales,2024-03-01T09:02:00,2024-03-01T09:02:10,2024-03-01T09:05:10,180,answered,Ben',
]

/** A database that already holds one import, so "unchanged" is checked against non-empty tables. */
async function seededDb(): Promise<Db> {
  const db = await freshDb()
  const seeded = await importFile(db, { kind: 'contacts', path: csvFile('seed.csv', GOOD_CONTACTS), fileName: 'seed.csv', timeZone: 'Europe/London' })
  expect(seeded.status).toBe('imported')
  return db
}

/** Runs an import that must be refused; checks that nothing changed and returns the error. */
async function refused(db: Db, options: ImportOptions): Promise<ImportError> {
  const before = await tableCounts(db)
  let caught: unknown
  try {
    await importFile(db, options)
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(ImportError)
  expect(await tableCounts(db)).toEqual(before)
  return caught as ImportError
}

function contactsOptions(path: string, extra: Partial<ImportOptions> = {}): ImportOptions {
  return { kind: 'contacts', path, fileName: path.split('/').pop()!, timeZone: 'Europe/London', ...extra }
}

function dataLineCount(path: string): number {
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '').length - 1
}

describe('importFile: every file in shared/data', () => {
  it('imports the Anonymous Bank contacts: 63,090 rows, outcomes, queues and times as in the file', async () => {
    const db = await freshDb()
    const path = join(dataDir, 'anon_bank_1999_contacts.csv')
    const progress: ImportProgress[] = []
    const result = await importFile(db, { kind: 'contacts', path, fileName: 'anon_bank_1999_contacts.csv', timeZone: 'Asia/Jerusalem', onProgress: (p) => progress.push(p) })
    expect(result).toMatchObject({ status: 'imported', rowsInFile: 63_090, rowsImported: 63_090, rowsRejected: 0, queues: ['IN', 'NE', 'NW', 'PE', 'PS', 'TT'] })
    // 5.7 MB: read on the import thread, whose progress still reaches the caller
    expect(progress.length).toBeGreaterThanOrEqual(6)
    expect(progress.at(-1)).toEqual({ rowsRead: 63_090, bytesRead: 5_735_675, totalBytes: 5_735_675 })
    expect(dataLineCount(path)).toBe(63_090)
    expect(await scalar(db, 'SELECT count(*) FROM contacts')).toBe(63_090)
    expect(await scalar(db, "SELECT count(*) FROM contacts WHERE outcome = 'answered'")).toBe(57_921)
    expect(await scalar(db, "SELECT count(*) FROM contacts WHERE outcome = 'abandoned'")).toBe(5_169)
    expect(await scalar(db, 'SELECT sum(handle_seconds) FROM contacts')).toBe(10_522_483)
    expect(await scalar(db, 'SELECT sum(wait_seconds) FROM contacts')).toBe(2_017_949)
    expect(await scalar(db, "SELECT count(*) FROM contacts c JOIN queues q ON q.id = c.queue_id WHERE q.name = 'PS'")).toBe(44_182)
    // 33118,PS,2,1999-01-01T06:55:26,1999-01-01T06:55:43,... : Israel is UTC+2 in January.
    const first = (await db.client.execute("SELECT arrived_at_ms, first_response_at_ms, agent, typeof(arrived_at_ms) AS t FROM contacts WHERE external_id = '33118'")).rows[0]
    expect(first).toMatchObject({ arrived_at_ms: Date.UTC(1999, 0, 1, 4, 55, 26), first_response_at_ms: Date.UTC(1999, 0, 1, 4, 55, 43), agent: 'MICHAL', t: 'integer' })
    const batch = (await db.client.execute('SELECT rows_in_file, rows_imported, rows_rejected, kind FROM import_batches')).rows[0]
    expect(batch).toMatchObject({ rows_in_file: 63_090, rows_imported: 63_090, rows_rejected: 0, kind: 'contacts' })
  })

  it('gives the hour the autumn clock change repeats both its rows: the first the earlier (summer-time) hour, the next the later', async () => {
    const db = await freshDb()
    const path = join(tempDir(), 'fallback.csv')
    writeFileSync(path, 'timestamp,volume\n2003-10-26T00:30:00,10\n2003-10-26T01:00:00,11\n2003-10-26T01:30:00,12\n2003-10-26T01:00:00,13\n2003-10-26T01:30:00,14\n2003-10-26T02:00:00,15\n')
    const result = await importFile(db, { kind: 'intervals', path, fileName: 'fallback.csv', queueName: 'NY', timeZone: 'America/New_York' })
    expect(result).toMatchObject({ status: 'imported', rowsInFile: 6, rowsImported: 6, rowsRejected: 0 })
    const stored = (await db.client.execute('SELECT interval_start_ms, offered FROM interval_aggregates ORDER BY interval_start_ms')).rows.map((r) => [new Date(Number(r.interval_start_ms)).toISOString().slice(11, 16), Number(r.offered)])
    // 00:30 EDT = 04:30Z; 01:00 and 01:30 EDT = 05:00Z and 05:30Z; then 01:00 and 01:30 EST = 06:00Z and 06:30Z; 02:00 EST = 07:00Z
    expect(stored).toEqual([['04:30', 10], ['05:00', 11], ['05:30', 12], ['06:00', 13], ['06:30', 14], ['07:00', 15]])
  })

  it('imports the 6-minute file in Asia/Jerusalem, rejecting the 10 rows that the spring-forward gap folds onto the next hour', async () => {
    const db = await freshDb()
    const path = join(dataDir, 'anon_bank_1999_6min.csv')
    const result = await importFile(db, { kind: 'intervals', path, fileName: 'anon_bank_1999_6min.csv', queueName: 'Bank', timeZone: 'Asia/Jerusalem' })
    if (result.status !== 'imported') throw new Error('expected an import')
    expect(result).toMatchObject({ rowsInFile: 87_600, rowsImported: 87_590, rowsRejected: 10 })
    expect(dataLineCount(path)).toBe(87_600)
    // 1999-04-02 02:00–02:54 does not exist in Israel: those rows land on 03:00–03:54, so the file's own 03:xx rows
    // (file rows 21872–21881) repeat an interval already taken and are rejected with the row they collide with.
    expect(result.rejected.map((r) => r.row)).toEqual([21872, 21873, 21874, 21875, 21876, 21877, 21878, 21879, 21880, 21881])
    expect(result.rejected[0]).toEqual({ file: 'anon_bank_1999_6min.csv', row: 21872, column: '', message: expect.stringMatching(/^the same interval as row 21862 .*clock change skips a local hour/) })
    expect(readFileSync(path, 'utf8').split('\n')[21871]).toBe('1999-04-02T03:00:00,0')
    expect(await scalar(db, 'SELECT count(*) FROM interval_aggregates')).toBe(87_590)
    expect(await scalar(db, 'SELECT sum(offered) FROM interval_aggregates')).toBe(445_414.5) // the rejected rows were zeros; 1999-05-23 has half calls (README)
    expect(await scalar(db, 'SELECT min(interval_minutes) * 1000 + max(interval_minutes) FROM interval_aggregates')).toBe(6006)
    const stored = (await db.client.execute('SELECT rows_rejected, rejected_json FROM import_batches')).rows[0]
    expect(Number(stored.rows_rejected)).toBe(10)
    expect(JSON.parse(String(stored.rejected_json))).toHaveLength(10)
  })

  it.each([
    ['anon_bank_1999_01_30min.csv', 'Asia/Jerusalem', 1_392, 30_160, 27_059, 3_101, 30],
    ['anon_bank_1999_10_30min.csv', 'Asia/Jerusalem', 1_488, 32_967, 30_861, 2_106, 30],
    ['bank_calls_30min.csv', 'America/New_York', 4_592, 5_312_234, null, null, 30],
    ['bank_calls_5min.csv', 'America/New_York', 27_716, 5_323_661, null, null, 5],
  ])('imports %s: every row, with the totals of the file', async (file, zone, rows, offered, handled, abandoned, minutes) => {
    const db = await freshDb()
    const path = join(dataDir, file)
    const result = await importFile(db, { kind: 'intervals', path, fileName: file, queueName: 'Bank', timeZone: zone })
    expect(result).toMatchObject({ status: 'imported', rowsInFile: rows, rowsImported: rows, rowsRejected: 0 })
    expect(dataLineCount(path)).toBe(rows)
    expect(await scalar(db, 'SELECT count(*) FROM interval_aggregates')).toBe(rows)
    expect(await scalar(db, 'SELECT sum(offered) FROM interval_aggregates')).toBe(offered)
    if (handled !== null) expect(await scalar(db, 'SELECT sum(handled) FROM interval_aggregates')).toBe(handled)
    if (abandoned !== null) expect(await scalar(db, 'SELECT sum(abandoned) FROM interval_aggregates')).toBe(abandoned)
    expect(await scalar(db, `SELECT count(*) FROM interval_aggregates WHERE interval_minutes = ${minutes}`)).toBe(rows)
  })
})

describe('importFile: bad input is refused whole, naming file, row and column, and writes nothing', () => {
  const bad = (name: string, rows: string[]) => csvFile(name, [CONTACT_HEADER, GOOD_CONTACTS[1], ...rows])

  it('an unparseable time', async () => {
    const db = await seededDb()
    const error = await refused(db, contactsOptions(bad('times.csv', ['9,Support,yesterday 9am,,,,abandoned,'])))
    expect(error.errors).toEqual([{ file: 'times.csv', row: 3, column: 'arrived_at', message: "unparseable time 'yesterday 9am' (expected ISO 8601 like 2024-03-01T09:30:00)" }])
    expect(error.message).toBe("times.csv, row 3, column 'arrived_at': unparseable time 'yesterday 9am' (expected ISO 8601 like 2024-03-01T09:30:00)")
  })

  it('a date that does not exist (30 February)', async () => {
    const db = await seededDb()
    const error = await refused(db, contactsOptions(bad('feb.csv', ['9,Support,2024-02-30T10:00:00,,,,abandoned,'])))
    expect(error.errors[0]).toMatchObject({ row: 3, column: 'arrived_at', message: expect.stringContaining("unparseable time '2024-02-30T10:00:00'") })
  })

  it('a negative duration, in seconds or as a clock', async () => {
    const db = await seededDb()
    const error = await refused(db, contactsOptions(bad('negative.csv', [
      '9,Support,2024-03-01T10:00:00,2024-03-01T10:00:05,2024-03-01T10:05:00,-5,answered,Ana',
      '10,Support,2024-03-01T10:00:00,2024-03-01T10:00:05,2024-03-01T10:05:00,-00:05:00,answered,Ana',
    ])))
    expect(error.errors).toEqual([
      { file: 'negative.csv', row: 3, column: 'handle_seconds', message: 'negative duration -5' },
      { file: 'negative.csv', row: 4, column: 'handle_seconds', message: 'negative duration -00:05:00' },
    ])
  })

  it('answered before arrived, and ended before arrived', async () => {
    const db = await seededDb()
    const error = await refused(db, contactsOptions(bad('order.csv', [
      '9,Support,2024-03-01T10:00:00,2024-03-01T09:59:00,2024-03-01T10:05:00,,answered,Ana',
      '10,Support,2024-03-01T10:00:00,,2024-03-01T09:00:00,,abandoned,',
    ])))
    expect(error.errors).toEqual([
      { file: 'order.csv', row: 3, column: 'answered_at', message: 'answered before arrived (2024-03-01T09:59:00 is before 2024-03-01T10:00:00)' },
      { file: 'order.csv', row: 4, column: 'ended_at', message: 'ended before arrived (2024-03-01T09:00:00 is before 2024-03-01T10:00:00)' },
    ])
  })

  it('an unknown time zone', async () => {
    const db = await seededDb()
    const error = await refused(db, contactsOptions(bad('zone.csv', []), { timeZone: 'Mars/Olympus_Mons' }))
    expect(error.errors).toEqual([{ file: 'zone.csv', row: 0, column: '', message: "unknown time zone 'Mars/Olympus_Mons' (use an IANA name such as Europe/London)" }])
  })

  it('a wrong delimiter: a comma header over semicolon rows', async () => {
    const db = await seededDb()
    const path = csvFile('semicolons.csv', [CONTACT_HEADER, '9;Support;2024-03-01T10:00:00;;2024-03-01T10:01:00;;abandoned;'])
    const error = await refused(db, contactsOptions(path))
    expect(error.errors).toEqual([{ file: 'semicolons.csv', row: 2, column: '', message: 'has 1 field where the header has 8 (is the delimiter comma right, or is a quote unbalanced?)' }])
  })

  it('a semicolon file whose header also holds commas is read by semicolons (not refused)', async () => {
    const db = await freshDb()
    const path = csvFile('european.csv', ['Chat ID;Queue;Chat start date, local;Chat end date, local;Handle seconds', '1;Support;2024-03-01 09:00:00;2024-03-01 09:05:00;300'])
    const result = await importFile(db, contactsOptions(path, { columnOverrides: { arrivedAt: 'Chat start date, local', endedAt: 'Chat end date, local' } }))
    expect(result).toMatchObject({ status: 'imported', rowsImported: 1 })
    // a decimal comma is not a number here: it is read as text and refused when it must be a number
    const refusedFile = csvFile('european2.csv', ['Chat ID;Queue;Chat start date, local;Handle seconds', '1;Support;2024-03-01 09:00:00;300,5'])
    const error = await refused(db, contactsOptions(refusedFile, { columnOverrides: { arrivedAt: 'Chat start date, local' } }))
    expect(error.errors).toEqual([{ file: 'european2.csv', row: 2, column: 'Handle seconds', message: "duration '300,5' is not a number (write decimals with a point: 300.5)" }])
  })

  it('a wrong delimiter: a file delimited by colons is read as one column', async () => {
    const db = await seededDb()
    const error = await refused(db, contactsOptions(csvFile('colons.csv', ['id:queue:arrived_at', '1:Support:x'])))
    expect(error.errors[0]).toMatchObject({ file: 'colons.csv', row: 1, column: '' })
    expect(error.errors[0].message).toMatch(/^missing required column 'Arrived \/ started at'\. The header is read as one column 'id:queue:arrived_at': the delimiter seems wrong/)
  })

  it('rows with the wrong number of fields', async () => {
    const db = await seededDb()
    const error = await refused(db, contactsOptions(bad('width.csv', [
      '9,Support,2024-03-01T10:00:00,,2024-03-01T10:01:00,,abandoned,,extra',
      '10,Support,2024-03-01T10:00:00',
    ])))
    expect(error.errors).toEqual([
      { file: 'width.csv', row: 3, column: '', message: 'has 9 fields where the header has 8 (is the delimiter comma right, or is a quote unbalanced?)' },
      { file: 'width.csv', row: 4, column: '', message: 'has 3 fields where the header has 8 (is the delimiter comma right, or is a quote unbalanced?)' },
    ])
  })

  it('an unbalanced quote', async () => {
    const db = await seededDb()
    const error = await refused(db, contactsOptions(bad('quote.csv', ['9,"Support,2024-03-01T10:00:00,,,,abandoned,'])))
    expect(error.errors[0].message).toMatch(/unbalanced quote/)
  })

  it('an empty file, and a file of blank lines', async () => {
    const db = await seededDb()
    expect((await refused(db, contactsOptions(writeFile('empty.csv', '')))).errors).toEqual([{ file: 'empty.csv', row: 0, column: '', message: 'the file is empty' }])
    expect((await refused(db, contactsOptions(writeFile('blank.csv', '\n \n\n')))).errors).toEqual([{ file: 'blank.csv', row: 0, column: '', message: 'the file is empty' }])
  })

  it('a header with no rows', async () => {
    const db = await seededDb()
    const error = await refused(db, contactsOptions(csvFile('header.csv', [CONTACT_HEADER])))
    expect(error.errors).toEqual([{ file: 'header.csv', row: 1, column: '', message: 'the file has a header but no data rows' }])
  })

  it.each([
    ['binary.csv', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x10, 0x00, 0x41]), 'it contains binary data'],
    ['export.csv', Buffer.from('{"chats": [{"id": 1}]}'), 'it looks like JSON'],
    ['export2.csv', Buffer.from('[{"id": 1}]'), 'it looks like JSON'],
    ['page.csv', Buffer.from('<!DOCTYPE html>\n<html><body>Sign in</body></html>'), 'it looks like HTML or XML'],
    ['book.csv', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.from('[Content_Types].xml')]), 'it looks like a zip archive or an Excel .xlsx workbook: save it as CSV first'],
    ['report.csv', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj'), 'it is a PDF document'],
    ['chats.csv', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]), 'it is gzip-compressed: unzip it first'],
  ])('a file that is not CSV: %s', async (name, bytes, what) => {
    const db = await seededDb()
    const error = await refused(db, contactsOptions(writeFile(name, bytes)))
    expect(error.errors).toEqual([{ file: name, row: 0, column: '', message: `this is not a CSV file (${what})` }])
  })

  it('a missing required column, listing the columns found', async () => {
    const db = await seededDb()
    const error = await refused(db, contactsOptions(csvFile('nocol.csv', ['contact_id,queue,agent', '1,Support,Ana'])))
    expect(error.errors).toEqual([{
      file: 'nocol.csv', row: 1, column: '',
      message: "missing required column 'Arrived / started at'. Found columns: 'contact_id', 'queue', 'agent'. Map them on the import page or rename the headers.",
    }])
    const intervals = await refused(db, { kind: 'intervals', path: csvFile('noffered.csv', ['timestamp,agents', '2024-03-01T09:00:00,3']), fileName: 'noffered.csv', queueName: 'Bank' })
    expect(intervals.errors[0].message).toMatch(/^missing required column 'Offered'\./)
  })

  it('a file with no queue column when no queue is chosen', async () => {
    const db = await seededDb()
    const error = await refused(db, contactsOptions(csvFile('noqueue.csv', ['arrived_at,agent', '2024-03-01T09:00:00,Ana'])))
    expect(error.errors[0].message).toBe('the file has no queue column: choose the queue it belongs to (--queue NAME)')
  })

  it('reports the first 100 problems and counts them all', async () => {
    const db = await seededDb()
    const rows = Array.from({ length: 150 }, (_, i) => `${i},Support,not-a-time,,,,,`)
    const error = await refused(db, contactsOptions(bad('many.csv', rows)))
    expect(error.errors).toHaveLength(100)
    expect(error.totalErrors).toBe(150)
    expect(error.errors[99].row).toBe(102)
    expect(error.message).toMatch(/\(and 149 more problems\)$/)
  })

  it('refuses dates outside 1970 to ten years ahead and durations over 7 days, naming row and column, and writes nothing', async () => {
    const db = await seededDb()
    const before = (await db.client.execute('SELECT COUNT(*) AS n FROM contacts')).rows[0].n
    const error = await refused(db, contactsOptions(bad('dates.csv', [
      '201,Support,9999-12-31T10:00:00,,,,abandoned,',
      '202,Support,0000-01-01T10:00:00,,,,abandoned,',
      '203,Support,2024-03-01T10:00:00,,,1e308,answered,Ana',
    ])))
    expect(error.errors.map((e) => [e.row, e.column, e.message.slice(0, 24)])).toEqual([
      [3, 'arrived_at', "time '9999-12-31T10:00:0"],
      [4, 'arrived_at', "time '0000-01-01T10:00:0"],
      [5, 'handle_seconds', 'duration 1e308 s is long'],
    ])
    expect((await db.client.execute('SELECT COUNT(*) AS n FROM contacts')).rows[0].n).toBe(before)
  })

  it('a bad last row of a large file rolls back the batches already written', async () => {
    const db = await seededDb()
    // 60,000 rows (over 2 MB): read on the import thread, with many batches written before the last row fails
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i + 10},Support,2024-03-02T${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},,,,abandoned,`)
    const error = await refused(db, contactsOptions(bad('late.csv', [...rows, '99999,Support,2024-03-03T10:00:00,2024-03-03T09:00:00,,,answered,Ana'])))
    expect(error.errors).toEqual([{ file: 'late.csv', row: 60_003, column: 'answered_at', message: 'answered before arrived (2024-03-03T09:00:00 is before 2024-03-03T10:00:00)' }])
  })
})

describe('importFile: duplicates, skipped rows, mappings, progress', () => {
  it('importing the same file twice says duplicate and writes nothing, whatever its name', async () => {
    const db = await freshDb()
    const path = csvFile('chats.csv', GOOD_CONTACTS)
    const first = await importFile(db, contactsOptions(path))
    if (first.status !== 'imported') throw new Error('expected an import')
    const after = await tableCounts(db)
    const again = await importFile(db, contactsOptions(path, { fileName: 'chats (1).csv' }))
    expect(again).toEqual({ status: 'duplicate', batchId: first.batchId, importedAtMs: expect.any(Number), fileName: 'chats.csv' })
    expect(await tableCounts(db)).toEqual(after)
    expect(after).toMatchObject({ contacts: 3, import_batches: 1, queues: 2 })
  })

  it('skipInvalidRows imports the good rows and reports each rejected one with its reason', async () => {
    const db = await freshDb()
    const path = csvFile('mixed.csv', [
      ...GOOD_CONTACTS,
      '4,Support,2024-03-01T09:03:00,2024-03-01T09:02:00,,,answered,Ana',
      '5,Support,soon,,,,,',
      '6,Support,2024-03-01T09:04:00,,2024-03-01T09:06:00,,abandoned,',
    ])
    const result = await importFile(db, contactsOptions(path, { skipInvalidRows: true }))
    if (result.status !== 'imported') throw new Error('expected an import')
    expect(result).toMatchObject({ rowsInFile: 6, rowsImported: 4, rowsRejected: 2 })
    expect(result.rejected).toEqual([
      { file: 'mixed.csv', row: 5, column: 'answered_at', message: 'answered before arrived (2024-03-01T09:02:00 is before 2024-03-01T09:03:00)' },
      { file: 'mixed.csv', row: 6, column: 'arrived_at', message: "unparseable time 'soon' (expected ISO 8601 like 2024-03-01T09:30:00)" },
    ])
    expect(await scalar(db, 'SELECT count(*) FROM contacts')).toBe(4)
    const batch = (await db.client.execute('SELECT rows_in_file, rows_imported, rows_rejected, rejected_json FROM import_batches')).rows[0]
    expect(batch).toMatchObject({ rows_in_file: 6, rows_imported: 4, rows_rejected: 2 })
    expect(JSON.parse(String(batch.rejected_json))).toEqual(result.rejected)
  })

  it('stores UTC instants of local times, with wait and handle derived where the file has none', async () => {
    const db = await freshDb()
    const path = csvFile('derived.csv', [
      'id,queue,arrived_at,answered_at,ended_at,csat,nps,resolved',
      // 1 July: London is UTC+1
      'a,Support,2024-07-01T09:00:00,2024-07-01T09:00:45,2024-07-01T09:12:45,4,9,yes',
      'b,Support,2024-07-01T09:05:00,,2024-07-01T09:06:30,,,',
      'c,Support,2024-07-01T09:06:00+00:00,2024-07-01T10:06:10+01:00,,NA,,0',
    ])
    await importFile(db, contactsOptions(path))
    const rows = (await db.client.execute('SELECT external_id, arrived_at_ms, first_response_at_ms, wait_seconds, handle_seconds, outcome, csat_score, nps_score, resolved_first_contact FROM contacts ORDER BY external_id')).rows
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { external_id: 'a', arrived_at_ms: Date.UTC(2024, 6, 1, 8, 0, 0), first_response_at_ms: Date.UTC(2024, 6, 1, 8, 0, 45), wait_seconds: 45, handle_seconds: 720, outcome: 'answered', csat_score: 4, nps_score: 9, resolved_first_contact: 1 },
      { external_id: 'b', arrived_at_ms: Date.UTC(2024, 6, 1, 8, 5, 0), first_response_at_ms: null, wait_seconds: 90, handle_seconds: null, outcome: 'abandoned', csat_score: null, nps_score: null, resolved_first_contact: null },
      { external_id: 'c', arrived_at_ms: Date.UTC(2024, 6, 1, 9, 6, 0), first_response_at_ms: Date.UTC(2024, 6, 1, 9, 6, 10), wait_seconds: 10, handle_seconds: null, outcome: 'answered', csat_score: null, nps_score: null, resolved_first_contact: 0 },
    ])
  })

  it('column overrides map odd headers', async () => {
    const db = await freshDb()
    const path = csvFile('odd.csv', [
      'Ticket Opened;Agent Replied;Closed;Who;Team;Ref',
      '2024-01-10 08:00:00;2024-01-10 08:02:00;2024-01-10 08:20:00;Cleo;Returns;T-1',
      '2024-01-10 08:30:00;;2024-01-10 08:31:00;;Returns;T-2',
    ])
    const overrides = { arrivedAt: 'Ticket Opened', firstResponseAt: 'agent replied', endedAt: 'Closed', agent: 'Who', queue: 'Team', id: 'Ref' }
    const result = await importFile(db, contactsOptions(path, { columnOverrides: overrides }))
    expect(result).toMatchObject({ status: 'imported', rowsImported: 2, queues: ['Returns'] })
    const rows = (await db.client.execute('SELECT external_id, agent, arrived_at_ms, wait_seconds, handle_seconds, outcome FROM contacts ORDER BY external_id')).rows
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { external_id: 'T-1', agent: 'Cleo', arrived_at_ms: Date.UTC(2024, 0, 10, 8, 0, 0), wait_seconds: 120, handle_seconds: 1080, outcome: 'answered' },
      { external_id: 'T-2', agent: null, arrived_at_ms: Date.UTC(2024, 0, 10, 8, 30, 0), wait_seconds: 60, handle_seconds: null, outcome: 'abandoned' },
    ])
  })

  it('maps a chat-platform export automatically (LiveChat-style headers, ratings and clock durations)', async () => {
    const db = await freshDb()
    const path = csvFile('livechat.csv', [
      'Chat ID,Chat start date,First response at,Chat end date,Agent name,Group,Rating,Chat duration,Tags',
      'QX1,2024-05-02 10:00:00,2024-05-02 10:00:20,2024-05-02 10:12:54,Dana,Billing,rated good,00:12:34,refund',
      'QX2,2024-05-02 10:01:00,2024-05-02 10:01:05,2024-05-02 10:03:05,Eli,Billing,not rated,2:00,',
      'QX3,2024-05-02 10:02:00,2024-05-02 10:02:09,2024-05-02 10:04:00,Eli,Sales,rated bad,111,login',
    ])
    const result = await importFile(db, contactsOptions(path, { timeZone: 'UTC' }))
    expect(result).toMatchObject({ status: 'imported', rowsImported: 3, queues: ['Billing', 'Sales'] })
    const rows = (await db.client.execute('SELECT external_id, agent, wait_seconds, handle_seconds, csat_score, outcome, issue_type FROM contacts ORDER BY external_id')).rows
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { external_id: 'QX1', agent: 'Dana', wait_seconds: 20, handle_seconds: 754, csat_score: 5, outcome: 'answered', issue_type: 'refund' },
      { external_id: 'QX2', agent: 'Eli', wait_seconds: 5, handle_seconds: 120, csat_score: null, outcome: 'answered', issue_type: null },
      { external_id: 'QX3', agent: 'Eli', wait_seconds: 9, handle_seconds: 111, csat_score: 1, outcome: 'answered', issue_type: 'login' },
    ])
  })

  it('reports progress, ending with every byte read', async () => {
    const db = await freshDb()
    const rows = Array.from({ length: 30_000 }, (_, i) => `${i},Support,2024-03-02T10:00:00,,,,abandoned,`)
    const path = csvFile('progress.csv', [CONTACT_HEADER, ...rows])
    const seen: ImportProgress[] = []
    await importFile(db, contactsOptions(path, { onProgress: (p) => seen.push(p) }))
    expect(seen.length).toBeGreaterThanOrEqual(3)
    expect(seen.map((p) => p.rowsRead)).toEqual([...seen.map((p) => p.rowsRead)].sort((a, b) => a - b))
    expect(seen.at(-1)).toEqual({ rowsRead: 30_000, bytesRead: seen.at(-1)!.totalBytes, totalBytes: readFileSync(path).length })
  })

  it('a corrected interval export replaces the intervals it repeats', async () => {
    const db = await freshDb()
    const header = 'interval_start,interval_minutes,offered,handled,abandoned,aht_seconds'
    await importFile(db, { kind: 'intervals', path: csvFile('day.csv', [header, '2024-03-01T09:00:00,30,10,9,1,300', '2024-03-01T09:30:00,30,12,12,0,280']), fileName: 'day.csv', queueName: 'Support', timeZone: 'UTC' })
    await importFile(db, { kind: 'intervals', path: csvFile('fix.csv', [header, '2024-03-01T09:30:00,30,14,13,1,290']), fileName: 'fix.csv', queueName: 'Support', timeZone: 'UTC' })
    const rows = (await db.client.execute('SELECT interval_start_ms, offered, handled, aht_seconds FROM interval_aggregates ORDER BY interval_start_ms')).rows
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { interval_start_ms: Date.UTC(2024, 2, 1, 9, 0), offered: 10, handled: 9, aht_seconds: 300 },
      { interval_start_ms: Date.UTC(2024, 2, 1, 9, 30), offered: 14, handled: 13, aht_seconds: 290 },
    ])
  })

  it('two imports at once into the same database both land whole (the second waits for the first one’s transaction)', async () => {
    const db = await freshDb()
    const rowsOf = (queue: string, n: number) => Array.from({ length: n }, (_, i) => `${queue}-${i},${queue},2024-03-02T10:00:00,,,,abandoned,`)
    const a = csvFile('a.csv', [CONTACT_HEADER, ...rowsOf('A', 20_000)])
    const b = csvFile('b.csv', [CONTACT_HEADER, ...rowsOf('B', 5_000)])
    const results = await Promise.all([importFile(db, contactsOptions(a)), importFile(db, contactsOptions(b))])
    expect(results.map((r) => r.status === 'imported' && r.rowsImported)).toEqual([20_000, 5_000])
    expect(await tableCounts(db)).toMatchObject({ contacts: 25_000, import_batches: 2, queues: 2 })
  })

  it('two imports at once of the same file: one lands, the other says duplicate; a new queue in both is made once', async () => {
    const db = await freshDb()
    const rows = Array.from({ length: 10_000 }, (_, i) => `${i},Fresh,2024-03-02T10:00:00,,,,abandoned,`)
    const same = csvFile('same.csv', [CONTACT_HEADER, ...rows])
    const other = csvFile('other.csv', [CONTACT_HEADER, ...rows.slice(0, 10)])
    const results = await Promise.all([importFile(db, contactsOptions(same)), importFile(db, contactsOptions(same)), importFile(db, contactsOptions(other))])
    expect(results.map((r) => r.status).sort()).toEqual(['duplicate', 'imported', 'imported'])
    // other.csv repeats ten contacts of same.csv (same id, queue and arrival): the upsert keeps them once.
    expect(await tableCounts(db)).toMatchObject({ contacts: 10_000, import_batches: 2, queues: 1 })
  })

  it('the client transaction path (used for a libSQL server) writes the same rows and is all-or-nothing too', async () => {
    const local = await freshDb()
    const viaClient: Db = { ...(await freshDb()), isRemote: true }
    const path = csvFile('same.csv', [...GOOD_CONTACTS, ...Array.from({ length: 120 }, (_, i) => `${i + 4},Sales,2024-03-01T10:00:00,2024-03-01T10:00:0${i % 10},,,answered,Fay`)])
    await importFile(local, contactsOptions(path))
    await importFile(viaClient, contactsOptions(path))
    const dump = async (db: Db) => (await db.client.execute('SELECT * FROM contacts ORDER BY id')).rows.map((r) => ({ ...r }))
    expect(await dump(viaClient)).toEqual(await dump(local))
    expect(await dump(local)).toHaveLength(123)
    const error = await refused(viaClient, contactsOptions(csvFile('late.csv', [...GOOD_CONTACTS.map((l) => l.replace(/^(\d)/, '9$1')), '99,Support,later,,,,,'])))
    expect(error.errors[0]).toMatchObject({ row: 5, column: 'arrived_at' })
  })
})

describe('importFile: an in-memory database', () => {
  it('imports through the client transaction (the native writer needs a file)', async () => {
    const db = await createDb(':memory:')
    cleanups.unshift(() => closeDb(db))
    await migrateDb(db)
    const result = await importFile(db, { kind: 'intervals', path: join(dataDir, 'anon_bank_1999_01_30min.csv'), fileName: 'jan.csv', queueName: 'Bank', timeZone: 'Asia/Jerusalem' })
    expect(result).toMatchObject({ status: 'imported', rowsImported: 1_392 })
    expect(await scalar(db, 'SELECT sum(offered) FROM interval_aggregates')).toBe(30_160)
  })
})

describe('importFile: random malformed files', () => {
  const cells = {
    id: fc.constantFrom('1', 'a-2', '', '"quoted, id"', '007'),
    queue: fc.constantFrom('Support', 'Sales', '', 'NA', ' Billing '),
    time: fc.constantFrom(
      '2024-03-31T00:30:00', '2024-03-31T01:30:00', '2024-10-27T01:30:00', '2024-03-01 09:00', '2024-03-01T09:00:00Z',
      '2024-03-01T09:00:00+02:00', '2024-02-30T10:00:00', '2024-13-01T00:00:00', 'yesterday', '', '-', '1999-12-31T23:59:59.5', '24:00',
    ),
    duration: fc.constantFrom('', '30', '-4', '00:01:30', '1e3', 'NaN', 'abc', '12.5', '99999999999999999999'),
    outcome: fc.constantFrom('answered', 'abandoned', 'HANG', 'Agent', 'maybe', ''),
    score: fc.constantFrom('', '0', '5', '10', '11', 'rated good', 'x', '3.5'),
  }
  const row = fc.tuple(cells.id, cells.queue, cells.time, cells.time, cells.time, cells.duration, cells.outcome, cells.score, cells.score)
    .map((c) => c.join(','))
  const line = fc.oneof({ weight: 8, arbitrary: row }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: fc.constant('') })

  it('always ends in an import or an ImportError, never another exception, and never a partial write', async () => {
    const db = await freshDb()
    let n = 0
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 0, maxLength: 12 }), fc.boolean(), async (lines, skipInvalidRows) => {
        const path = writeFile(`random-${n++}.csv`, ['contact_id,queue,arrived_at,answered_at,ended_at,handle_seconds,outcome,csat,nps', ...lines].join('\n'))
        const before = await tableCounts(db)
        try {
          const result = await importFile(db, { kind: 'contacts', path, fileName: 'random.csv', timeZone: 'Europe/London', skipInvalidRows })
          const after = await tableCounts(db)
          if (result.status === 'duplicate') {
            expect(after).toEqual(before)
          } else {
            expect(result.rowsImported + result.rowsRejected).toBe(result.rowsInFile)
            expect(after.contacts - before.contacts).toBe(result.rowsImported)
            expect(after.import_batches - before.import_batches).toBe(1)
            if (!skipInvalidRows) expect(result.rowsRejected).toBe(0)
          }
        } catch (error) {
          if (!(error instanceof ImportError)) throw error
          expect(error.errors.length).toBeGreaterThan(0)
          for (const e of error.errors) expect(e).toEqual({ file: 'random.csv', row: expect.any(Number), column: expect.any(String), message: expect.any(String) })
          expect(await tableCounts(db)).toEqual(before)
        }
      }),
      { seed: 20240301, numRuns: 60 },
    )
  }, 120_000)
})
