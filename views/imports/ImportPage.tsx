/** The import page: upload form (with column mapping when headers differ), progress while importing, the result. */
import { formatUtcStamp } from '../../src/format/dateTime.ts'
import type { Queue } from '../../src/db/schema.ts'
import type { ImportBatchSummary } from '../../src/db/history.ts'
import type { ImportResult } from '../../src/db/importBatch.ts'
import type { RowError } from '../../src/imports/rowErrors.ts'
import { describeRowError } from '../../src/imports/rowErrors.ts'
import type { FieldSpec, ImportKind } from '../../src/imports/columnMapping.ts'
import { Layout } from '../Layout.tsx'
import { ImportsTable } from '../components/ImportsTable.tsx'
import { formatCount, formatDuration } from '../../src/format/numbers.ts'

export const COMMON_ZONES = ['UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Paris', 'Europe/Madrid', 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Sao_Paulo', 'Asia/Jerusalem', 'Asia/Kolkata', 'Asia/Singapore', 'Asia/Tokyo', 'Australia/Sydney']

export interface ImportFormValues {
  kind: ImportKind
  queue: string
  timeZone: string
  intervalMinutes: string
  skipInvalidRows: boolean
  uploadToken?: string
  fileName?: string
  /** Offered when the file's headers did not map: the headers found and the fields to map. */
  mappingHeaders?: string[]
  mappingFields?: FieldSpec[]
  mapping?: Record<string, string>
}

export function ImportPage({ queues, imports, form, outcome }: { queues: Queue[]; imports: ImportBatchSummary[]; form: ImportFormValues; outcome?: unknown }) {
  return (
    <Layout title="Import" active="/imports">
      <h1>Import history</h1>
      <p class="muted">Contact records (one row per chat) or interval aggregates (one row per interval), as CSV exported by your chat platform. An import is all or nothing: if a row is bad, nothing is written and every problem is listed with its row and column.</p>
      <ImportForm queues={queues} form={form} />
      <div id="import-outcome">{outcome ?? null}</div>
      <h2>Last imports</h2>
      <ImportsTable imports={imports} />
    </Layout>
  )
}

export function ImportForm({ queues, form, oob }: { queues: Queue[]; form: ImportFormValues; oob?: boolean }) {
  const mapping = form.mappingHeaders && form.mappingFields
  return (
    <form id="import-form" hx-swap-oob={oob ? 'true' : undefined} class="card" method="post" action="/imports" enctype="multipart/form-data" hx-post="/imports" hx-target="#import-outcome" hx-encoding="multipart/form-data" hx-disabled-elt="find button[type=submit]">
      <div class="inline" style="display:flex;gap:1rem;flex-wrap:wrap;align-items:end">
        {form.uploadToken ? (
          <p>File: <strong>{form.fileName}</strong><input type="hidden" name="upload" value={form.uploadToken} /><input type="hidden" name="fileName" value={form.fileName ?? ''} /></p>
        ) : (
          <label>CSV file<input type="file" name="file" accept=".csv,.txt,.tsv,text/csv" required /></label>
        )}
        <label>Kind
          <select name="kind">
            <option value="contacts" selected={form.kind === 'contacts'}>Contact records (one row per chat)</option>
            <option value="intervals" selected={form.kind === 'intervals'}>Interval aggregates</option>
          </select>
        </label>
        <label>Queue (for rows without a queue column)
          <input name="queue" list="queue-names" value={form.queue} placeholder="e.g. Support" />
          <datalist id="queue-names">{queues.map((q) => <option value={q.name} />)}</datalist>
        </label>
        <label>Time zone of the file's local times
          <input name="timeZone" list="zones" value={form.timeZone} placeholder="queue's zone, or UTC" />
          <datalist id="zones">{COMMON_ZONES.map((z) => <option value={z} />)}</datalist>
        </label>
        <label>Interval minutes (interval files)
          <input name="intervalMinutes" type="number" min="1" max="1440" value={form.intervalMinutes} placeholder="inferred" />
        </label>
        <label style="flex-direction:row;align-items:center;gap:.4rem"><input type="checkbox" name="skipInvalidRows" value="1" checked={form.skipInvalidRows} /> Skip bad rows and import the rest</label>
      </div>
      {mapping ? <ColumnMappingFields headers={form.mappingHeaders!} fields={form.mappingFields!} mapping={form.mapping ?? {}} /> : null}
      <p><button type="submit">Import</button></p>
    </form>
  )
}

function ColumnMappingFields({ headers, fields, mapping }: { headers: string[]; fields: FieldSpec[]; mapping: Record<string, string> }) {
  return (
    <fieldset id="column-mapping">
      <legend>Map the file's columns</legend>
      <p class="muted">The headers did not all match. Choose which column holds each field (required fields are marked *).</p>
      <div class="grid-2">
        {fields.map((f) => (
          <label>{f.label}{f.required ? ' *' : ''}
            <select name={`map_${f.field}`}>
              <option value="">(automatic)</option>
              <option value="-" selected={mapping[f.field] === '-'}>(none)</option>
              {headers.map((h) => <option value={h} selected={mapping[f.field] === h}>{h}</option>)}
            </select>
          </label>
        ))}
      </div>
    </fieldset>
  )
}

/** While the import runs: a progress bar that polls itself (htmx) or the page refreshes itself (no JavaScript). */
export function ImportProgress({ jobId, fraction, message }: { jobId: string; fraction: number; message: string }) {
  return (
    <div id="import-progress" class="progress" hx-get={`/imports/jobs/${jobId}`} hx-trigger="load delay:500ms" hx-swap="outerHTML">
      <p>Importing… {message}</p>
      <progress max="1" value={String(fraction)}>{Math.round(fraction * 100)}%</progress>
    </div>
  )
}

export function ImportSucceeded({ result }: { result: Extract<ImportResult, { status: 'imported' }> }) {
  return (
    <div id="import-result" class="success">
      <p><strong>Imported {formatCount(result.rowsImported)} of {formatCount(result.rowsInFile)} rows</strong> in {formatDuration(result.durationMs / 1000)} into {result.queues.join(', ')}.
        {result.rowsRejected ? ` ${formatCount(result.rowsRejected)} rows were rejected:` : ''}</p>
      <p id="import-counts">{formatCount(result.created)} new, {formatCount(result.updated)} updated (a later state of a contact already here), {formatCount(result.unchanged)} unchanged.{result.preset ? ` Recognised as an export of ${result.preset}.` : ''}</p>
      {result.rejected.length ? <ErrorList errors={result.rejected} /> : null}
      <p><a href="/">Open the dashboard</a></p>
    </div>
  )
}

export function ImportDuplicate({ result }: { result: Extract<ImportResult, { status: 'duplicate' }> }) {
  return (
    <div id="import-result" class="notice">
      <p><strong>Already imported:</strong> this file (same content) was imported as '{result.fileName}' on {formatUtcStamp(result.importedAtMs)}. Nothing was changed, so nothing is counted twice.</p>
    </div>
  )
}

export function ImportFailed({ errors, total }: { errors: RowError[]; total: number }) {
  return (
    <div id="import-result" class="errors" role="alert">
      <p><strong>Nothing was imported.</strong> {total === 1 ? 'One problem' : `${formatCount(total)} problems`} must be fixed first{total > errors.length ? ` (the first ${errors.length} are listed)` : ''}:</p>
      <ErrorList errors={errors} />
    </div>
  )
}

function ErrorList({ errors }: { errors: RowError[] }) {
  return <ul class="error-list">{errors.slice(0, 100).map((e) => <li>{describeRowError(e)}</li>)}</ul>
}
