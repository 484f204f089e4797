/**
 * Import routes: the upload form, the import itself as a background job (progress polled by htmx, or a
 * self-refreshing page without JavaScript), and the column mapping offered when headers do not match.
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { JSX } from 'hono/jsx/jsx-runtime'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { MAX_CONCURRENT_IMPORTS, UploadError, createUploadSlots, streamUpload, type StreamedUpload } from '../uploads.ts'
import type { WebDeps } from '../deps.ts'
import { isFragmentRequest } from '../htmx.ts'
import { listQueues } from '../../db/queues.ts'
import { listRecentImports } from '../../db/history.ts'
import { importFile, type ImportResult } from '../../db/importBatch.ts'
import { ImportError } from '../../imports/rowErrors.ts'
import { fieldsOf, type ImportKind } from '../../imports/columnMapping.ts'
import { openCsvSource } from '../../imports/csvSource.ts'
import { warmKpiReports } from '../../planning/kpiReports.ts'
import { auditChange } from '../middleware/audit.ts'
import { csrfProblemOfFields } from '../middleware/csrf.ts'
import { renderPage } from '../../../views/Layout.tsx'
import { ImportDuplicate, ImportFailed, ImportForm, ImportPage, ImportProgress, ImportSucceeded, type ImportFormValues } from '../../../views/imports/ImportPage.tsx'
import { formatCount } from '../../format/numbers.ts'

export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024

const EMPTY_FORM: ImportFormValues = { kind: 'contacts', queue: '', timeZone: '', intervalMinutes: '', skipInvalidRows: false }

interface ImportJobResult { result?: ImportResult; error?: ImportError; form: ImportFormValues }

export function importRoutes({ db, jobs, uploadDir, uploads = createUploadSlots(uploadDir) }: WebDeps) {
  const app = new Hono()

  const page = async (form: ImportFormValues, outcome?: unknown) =>
    renderPage(<ImportPage queues={await listQueues(db)} imports={await listRecentImports(db, 10)} form={form} outcome={outcome} />)

  app.get('/', async (c) => c.html(await page(EMPTY_FORM)))

  app.post('/', bodyLimit({ maxSize: MAX_UPLOAD_BYTES, onError: (c) => c.html(`<div id="import-result" class="errors">The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Split it or import it with the command line.</div>`, 413) }), async (c) => {
    // At most MAX_CONCURRENT_IMPORTS uploads and imports at once; the upload streams to disk (src/web/uploads.ts).
    if (!uploads.tryAcquire()) {
      c.header('Retry-After', '30')
      const busy = <ImportFailed errors={[{ file: '(upload)', row: 0, column: '', message: `${MAX_CONCURRENT_IMPORTS} imports are running already: try again when one has finished (nothing was read or written)` }]} total={1} />
      return isFragmentRequest(c) ? c.html(busy, 429) : c.html(await page(EMPTY_FORM, busy), 429)
    }
    let released = false
    const release = () => { if (!released) { released = true; uploads.release() } }
    let streamed: StreamedUpload
    try {
      streamed = await streamUpload(c.req.raw, uploadDir, MAX_UPLOAD_BYTES)
    } catch (error) {
      release()
      if (!(error instanceof UploadError)) throw error
      const failed = <ImportFailed errors={[{ file: '(upload)', row: 0, column: '', message: `${error.message}; nothing was written` }]} total={1} />
      return isFragmentRequest(c) ? c.html(failed, error.status) : c.html(await page(EMPTY_FORM, failed), error.status)
    }
    const body = streamed.fields
    const forged = csrfProblemOfFields(c, body)
    if (forged) {
      release()
      if (streamed.file) rmSync(streamed.file.path, { force: true })
      return isFragmentRequest(c) ? c.html(`<p class="errors" role="alert">${forged}</p>`, 403) : c.text(forged, 403)
    }
    const refuse = async (form: ImportFormValues, failed: JSX.Element) => {
      release()
      if (streamed.file) rmSync(streamed.file.path, { force: true })
      return isFragmentRequest(c) ? c.html(failed, 422) : c.html(await page(form, failed), 422)
    }
    const kind: ImportKind = body.kind === 'intervals' ? 'intervals' : 'contacts'
    if (body.kind !== undefined && body.kind !== 'intervals' && body.kind !== 'contacts') {
      return refuse({ ...EMPTY_FORM, kind }, <ImportFailed errors={[{ file: streamed.file?.fileName ?? '(upload)', row: 0, column: '', message: `What the file holds must be contacts or intervals, got '${String(body.kind).slice(0, 40)}'; nothing was written` }]} total={1} />)
    }
    const form: ImportFormValues = {
      kind,
      queue: String(body.queue ?? '').trim(),
      timeZone: String(body.timeZone ?? '').trim(),
      intervalMinutes: String(body.intervalMinutes ?? '').trim(),
      skipInvalidRows: body.skipInvalidRows === '1' || body.skipInvalidRows === 'on',
    }
    const overrides: Record<string, string> = {}
    for (const [k, v] of Object.entries(body)) if (k.startsWith('map_') && typeof v === 'string' && v) overrides[k.slice(4)] = v
    form.mapping = overrides
    let path: string
    let fileName: string
    const file = streamed.file
    if (file && file.fileName) {
      path = file.path
      fileName = file.fileName
      form.uploadToken = file.token
    } else if (typeof body.upload === 'string' && /^[0-9a-f]{24}$/.test(body.upload) && existsSync(join(uploadDir, body.upload + '.csv'))) {
      if (file) rmSync(file.path, { force: true }) // an empty file part next to the kept upload
      path = join(uploadDir, body.upload + '.csv')
      fileName = String(body.fileName || 'upload.csv').slice(0, 255)
      form.uploadToken = body.upload
    } else {
      return refuse(form, <ImportFailed errors={[{ file: '(none)', row: 0, column: '', message: 'choose a CSV file to import' }]} total={1} />)
    }
    form.fileName = fileName
    const intervalMinutes = form.intervalMinutes ? Number(form.intervalMinutes) : null
    if (intervalMinutes !== null && !(Number.isInteger(intervalMinutes) && intervalMinutes > 0 && 1440 % intervalMinutes === 0)) {
      return refuse(form, <ImportFailed errors={[{ file: fileName, row: 0, column: '', message: `interval minutes must divide a day (e.g. 15, 30, 60), got '${form.intervalMinutes.slice(0, 40)}'` }]} total={1} />)
    }
    uploads.inUse.add(path)
    const job = jobs.start<ImportJobResult>('import', async (report) => {
      try {
        const result = await importFile(db, {
          kind, path, fileName,
          queueName: form.queue || null,
          timeZone: form.timeZone || null,
          intervalMinutes,
          columnOverrides: overrides,
          skipInvalidRows: form.skipInvalidRows,
          onProgress: (p) => report(p.totalBytes ? p.bytesRead / p.totalBytes : 0, `${formatCount(p.rowsRead)} rows read`),
        })
        rmSync(path, { force: true })
        if (result.status === 'imported') void warmKpiReports(db).catch(() => { /* the KPI page rebuilds on demand */ })
        if (result.status === 'imported') await auditChange(c, db, { action: 'import.create', entity: 'import', entityId: result.batchId, summary: `${fileName}: ${result.rowsImported} rows imported, ${result.rowsRejected} rejected (${kind})` })
        return { result, form }
      } catch (error) {
        if (!(error instanceof ImportError)) { rmSync(path, { force: true }); throw error }
        const missingColumns = error.errors.length === 1 && /missing required column/.test(error.errors[0].message)
        if (missingColumns) {
          form.mappingHeaders = openCsvSource(path, fileName).headers
          form.mappingFields = fieldsOf(kind)
        } else rmSync(path, { force: true })
        return { error, form }
      } finally {
        // A file kept for a column mapping is no longer in use: applied within the hour, or swept as abandoned.
        uploads.inUse.delete(path)
        release()
      }
    })
    if (isFragmentRequest(c)) return c.html(<ImportProgress jobId={job.id} fraction={0} message="starting" />, 202)
    return c.redirect(`/imports/jobs/${job.id}`, 303)
  })

  app.get('/jobs/:id{[0-9a-z]+}', async (c) => {
    const job = jobs.get(c.req.param('id'))
    const fragment = isFragmentRequest(c)
    if (!job || job.kind !== 'import') return c.html(fragment ? <div id="import-result" class="errors">This import is no longer known (the server may have restarted). Check the last imports below.</div> : await page(EMPTY_FORM), 404)
    if (job.state.status === 'running') {
      const progress = <ImportProgress jobId={job.id} fraction={job.state.progress} message={job.state.message} />
      if (fragment) return c.html(progress)
      c.header('Refresh', '1')
      return c.html(await page(EMPTY_FORM, progress))
    }
    if (job.state.status === 'failed') {
      const failed = <ImportFailed errors={[{ file: '', row: 0, column: '', message: `the import failed unexpectedly and nothing was written: ${String((job.state.error as Error)?.message ?? job.state.error)}` }]} total={1} />
      return c.html(fragment ? failed : await page(EMPTY_FORM, failed), 500)
    }
    const { result, error, form } = job.state.result as ImportJobResult
    let outcome
    if (error) outcome = <ImportFailed errors={error.errors} total={error.totalErrors} />
    else if (result!.status === 'duplicate') outcome = <ImportDuplicate result={result!} />
    else outcome = <ImportSucceeded result={result!} />
    if (fragment) {
      // With a mapping to offer, the form is replaced too (out of band) so the user can map and retry.
      if (form.mappingHeaders) return c.html(<>{outcome}<ImportForm queues={await listQueues(db)} form={form} oob /></>)
      return c.html(outcome)
    }
    return c.html(await page(form.mappingHeaders ? form : EMPTY_FORM, outcome))
  })
  return app
}
