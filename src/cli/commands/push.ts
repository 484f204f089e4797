/**
 * `chatplan push FILE --url URL --token T --kind contacts|intervals`: sends a CSV to a running Chatplan through its
 * API (POST /api/v1/contacts or /intervals) in batches, with a progress line. Resumable: after each accepted batch
 * the rows sent so far are noted in FILE.chatplan-push.json, and a re-run of the same file to the same URL sends
 * only the rest (the server's upsert makes a re-sent row count as unchanged anyway: nothing is ever doubled).
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import type { CliIo } from '../io.ts'
import { parseOptions } from '../io.ts'
import { detectMapping, fieldsOf, type ImportKind } from '../../imports/columnMapping.ts'
import { openCsvSource } from '../../imports/csvSource.ts'
import { detectPreset, presetOverrides, presetRecordRewrite } from '../../imports/presets.ts'
import { apiRowOfRecord } from '../../imports/apiRowsFromCsv.ts'
import { smallestStartSpacingMinutes } from '../../imports/intervalRows.ts'
import { ImportError, describeRowError } from '../../imports/rowErrors.ts'
import { MAX_ROWS_PER_REQUEST } from '../../planning/ingestRows.ts'
import { numberOption, textOption } from '../optionValues.ts'
import { INTERVAL_ROW, ROWS_PER_REQUEST } from '../../schemas/rows.ts'
import { QUEUE_NAME } from '../../schemas/queues.ts'

export const usage = `Usage: chatplan push FILE --url URL --token TOKEN --kind contacts|intervals [--queue NAME]
                    [--interval-minutes N] [--map FIELD=HEADER ...] [--batch ROWS] [--restart]
Sends a CSV to a running Chatplan through its API, in batches (default 5000 rows, at most ${MAX_ROWS_PER_REQUEST}), printing
progress on stderr. Columns are recognised as on the import page (chat-platform presets included); --map overrides.
  --url URL        the app, e.g. http://localhost:3000
  --token TOKEN    an API token with the scheduler role or above (or set CHATPLAN_TOKEN)
  --restart        send the whole file again instead of resuming
  --interval-minutes N  the intervals' length; without it, the smallest spacing of the first rows' starts (as the
                   import infers it), and a queue that already holds intervals keeps their length
Resumable: a re-run of the same file to the same URL sends only the rows not yet accepted (FILE.chatplan-push.json
keeps the count); sending a row twice never doubles it. Exit code 0 when every row was accepted, 1 otherwise.`

const KNOWN = ['url', 'token', 'kind', 'queue', 'interval-minutes', 'map', 'batch', 'restart']

interface PushState { checksum: string; url: string; kind: string; rowsSent: number }

function checksumOf(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

/** The interval length the rows' starts give (smallestStartSpacingMinutes), if it divides a day. */
export function intervalMinutesOfStarts(rows: readonly Record<string, unknown>[]): number | null {
  const best = smallestStartSpacingMinutes(rows.map((r) => ({ queue: String(r.queue), startMs: Date.parse(String(r.intervalStart)) })))
  return Number.isInteger(best) && 1440 % best === 0 ? best : null
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const fail = (message: string) => { io.err(`chatplan push: ${message}\n`); return 1 }
  let parsed
  try { parsed = parseOptions(args.filter((a, i) => !(a === '--map' || args[i - 1] === '--map' || a.startsWith('--map='))), ['restart']) } catch (error) { return fail((error as Error).message) }
  const { options, positional } = parsed
  const unknown = Object.keys(options).find((o) => !KNOWN.includes(o))
  if (unknown) return fail(`unknown option --${unknown}\n\n${usage}`)
  const maps: Record<string, string> = {}
  args.forEach((a, i) => {
    const value = a === '--map' ? args[i + 1] : a.startsWith('--map=') ? a.slice(6) : undefined
    if (value) { const eq = value.indexOf('='); if (eq > 0) maps[value.slice(0, eq)] = value.slice(eq + 1) }
  })
  const [file, extra] = positional
  if (!file) return fail(`give the CSV file to send\n\n${usage}`)
  if (extra) return fail(`unexpected argument '${extra}'`)
  const kind = options.kind
  if (kind !== 'contacts' && kind !== 'intervals') return fail(`--kind must be contacts or intervals${typeof kind === 'string' ? `, got '${kind}'` : ''}`)
  const url = typeof options.url === 'string' ? options.url.replace(/\/+$/, '') : ''
  if (!/^https?:\/\/[^/]+/.test(url)) return fail('--url must be the address of a running Chatplan, e.g. http://localhost:3000')
  const token = typeof options.token === 'string' ? options.token : io.env.CHATPLAN_TOKEN
  if (!token) return fail('--token TOKEN (or CHATPLAN_TOKEN) is required: create one on the Tokens page or with `npx chatplan tokens create`')
  let batchSize: number, intervalMinutes: number | null
  try {
    // Bounds from src/schemas (the API's own limit per request and interval length).
    batchSize = numberOption(options, 'batch', ROWS_PER_REQUEST, Math.min(5000, ROWS_PER_REQUEST.max))
    intervalMinutes = numberOption(options, 'interval-minutes', INTERVAL_ROW.intervalMinutes) ?? null
    textOption(options, 'queue', QUEUE_NAME)
  } catch (error) { return fail((error as Error).message) }

  const path = resolve(io.cwd, file)
  const fileName = basename(file)
  let source
  try { source = openCsvSource(path, fileName) } catch (error) {
    if (error instanceof ImportError) return fail(error.errors.map(describeRowError).join('\n'))
    throw error
  }
  const preset = kind === 'contacts' ? detectPreset(source.headers) : null
  const { mapping, missingRequired } = detectMapping(source.headers, kind as ImportKind, presetOverrides(preset, maps))
  if (missingRequired.length) return fail(`${fileName}: missing required column ${missingRequired.map((f) => `'${f.label}'`).join(', ')} (found ${source.headers.map((h) => `'${h}'`).join(', ')}; use --map FIELD=HEADER)`)
  if (preset) io.err(`chatplan push: recognised ${preset.platform}\n`)
  const rewrite = presetRecordRewrite(preset, mapping)
  const columnOf = (field: string) => (mapping[field] !== undefined ? source.headers[mapping[field]] : fieldsOf(kind).find((f) => f.field === field)?.label ?? field)

  const statePath = `${path}.chatplan-push.json`
  const checksum = checksumOf(path)
  let skip = 0
  if (options.restart !== true && existsSync(statePath)) {
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as PushState
    if (state.checksum === checksum && state.url === url && state.kind === kind) {
      skip = state.rowsSent
      io.err(`chatplan push: resuming after the ${skip} rows already accepted (--restart sends them all again)\n`)
    }
  }
  const totals = { created: 0, updated: 0, unchanged: 0 }
  let rowsSent = skip
  let dataRows = 0
  let batch: Record<string, unknown>[] = []
  let batchFirstRow = 0
  const endpoint = `${url}/api/v1/${kind}`

  const send = async (): Promise<number | null> => {
    if (!batch.length) return null
    if (kind === 'intervals' && intervalMinutes === null) {
      // as the import does: the smallest spacing of a queue's first interval starts is the length (a new queue
      // would otherwise take the setting's 30 minutes; a queue with intervals already takes theirs on the server)
      intervalMinutes = intervalMinutesOfStarts(batch)
      if (intervalMinutes !== null) for (const row of batch) row.intervalMinutes ??= intervalMinutes
    } else if (kind === 'intervals') for (const row of batch) row.intervalMinutes ??= intervalMinutes
    let res: Response
    try {
      res = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(batch) })
    } catch (error) {
      return fail(`could not reach ${endpoint}: ${(error as Error).message}. ${rowsSent} rows were accepted; run the same command again to send the rest.`)
    }
    const body = await res.json().catch(() => ({})) as Record<string, unknown>
    if (res.status === 422 && Array.isArray(body.errors)) {
      const lines = (body.errors as { index: number; field: string; reason: string }[]).map((e) => describeRowError({ file: fileName, row: batchFirstRow + e.index, column: e.field, message: e.reason }))
      return fail(`the server refused rows of the batch from row ${batchFirstRow} (nothing of that batch was written):\n${lines.join('\n')}\n${rowsSent} rows were accepted before it; fix the file and run again to send the rest.`)
    }
    if (!res.ok) return fail(`${res.status} from ${endpoint}: ${String(body.detail ?? body.title ?? res.statusText)}${res.status >= 500 ? ` ${rowsSent} rows were accepted; run the same command again to send the rest.` : ''}`)
    totals.created += Number(body.created); totals.updated += Number(body.updated); totals.unchanged += Number(body.unchanged)
    rowsSent += batch.length
    writeFileSync(statePath, JSON.stringify({ checksum, url, kind, rowsSent } satisfies PushState))
    io.err(`\rchatplan push: ${rowsSent} rows accepted (${Math.round((source.bytesRead() / source.totalBytes) * 100)}% of the file): ${totals.created} new, ${totals.updated} updated, ${totals.unchanged} unchanged`)
    batch = []
    return null
  }

  for await (const { firstRow, records } of source.chunks()) {
    for (let k = 0; k < records.length; k++) {
      const record = records[k]
      if (record.length === 1 && record[0].trim() === '') continue
      dataRows++
      if (dataRows <= skip) continue
      const converted = apiRowOfRecord(kind, rewrite(record), mapping, { queue: typeof options.queue === 'string' ? options.queue : null, intervalMinutes })
      if ('problems' in converted) {
        io.err('\n')
        return fail(converted.problems.map((p) => describeRowError({ file: fileName, row: firstRow + k, column: columnOf(p.field), message: p.message })).join('\n') + `\n${rowsSent} rows were accepted before it; fix the file and run again to send the rest.`)
      }
      if (!batch.length) batchFirstRow = firstRow + k
      batch.push(converted.row)
      if (batch.length >= batchSize) { const code = await send(); if (code !== null) return code }
    }
  }
  const code = await send()
  if (code !== null) return code
  rmSync(statePath, { force: true })
  io.err('\n')
  io.out(`${fileName}: ${rowsSent} of ${dataRows} rows accepted by ${url}${skip ? ` (${skip} in an earlier run)` : ''}: ${totals.created} new, ${totals.updated} updated, ${totals.unchanged} unchanged\n`)
  return 0
}
