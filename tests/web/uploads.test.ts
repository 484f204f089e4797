/**
 * Issue 15, defect 5: import uploads stream to disk (memory does not grow with the file), at most two uploads or
 * imports run at once (a third is answered 429 before its body is read), and abandoned uploads are deleted on
 * start and once they are an hour old, while a file in use is never swept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { createJobRegistry } from '../../src/web/jobs.ts'
import { importRoutes } from '../../src/web/routes/imports.tsx'
import { createUploadSlots, streamUpload, ABANDONED_UPLOAD_MS } from '../../src/web/uploads.ts'

const BOUNDARY = 'chatplanboundary'

/** A multipart body whose file part is `fileBytes` long, produced chunk by chunk (never whole in memory). */
function multipartStream(fields: Record<string, string>, fileBytes: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let head = ''
  for (const [k, v] of Object.entries(fields)) head += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`
  head += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\ninterval_start,offered\r\n`
  const line = encoder.encode('2024-03-01T10:00:00,5\r\n'.repeat(2979)) // ~64 KB
  let sent = 0
  let stage = 0
  return new ReadableStream({
    pull(controller) {
      if (stage === 0) { controller.enqueue(encoder.encode(head)); stage = 1; return }
      if (stage === 1 && sent < fileBytes) { controller.enqueue(line); sent += line.length; return }
      controller.enqueue(encoder.encode(`\r\n--${BOUNDARY}--\r\n`))
      controller.close()
    },
  })
}

function uploadRequest(body: ReadableStream<Uint8Array>, url = 'http://local/imports'): Request {
  return new Request(url, { method: 'POST', body, headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` }, duplex: 'half' } as RequestInit)
}

describe('import uploads', () => {
  let dir: string
  let db: Db
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-uploads-'))
    db = await createDb('file:' + join(dir, 'app.db'))
    await migrateDb(db)
  })
  afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

  it('streams a 96 MB upload to disk without holding it in memory', async () => {
    const uploadDir = join(dir, 'stream')
    createUploadSlots(uploadDir).stop()
    const before = process.memoryUsage()
    let peak = 0
    const sampler = setInterval(() => { const m = process.memoryUsage(); peak = Math.max(peak, m.arrayBuffers + m.heapUsed - before.arrayBuffers - before.heapUsed) }, 5)
    const upload = await streamUpload(uploadRequest(multipartStream({ kind: 'intervals', queue: 'Web' }, 96 * 1024 * 1024)), uploadDir, 512 * 1024 * 1024)
    clearInterval(sampler)
    expect(upload.fields).toEqual({ kind: 'intervals', queue: 'Web' })
    expect(upload.file!.fileName).toBe('big.csv')
    expect(statSync(upload.file!.path).size).toBeGreaterThan(96 * 1024 * 1024)
    expect(peak).toBeLessThan(48 * 1024 * 1024) // a buffered upload would hold all 96 MB (twice)
  }, 60_000)

  it('refuses a file over the limit with 413 and leaves nothing on disk', async () => {
    const uploadDir = join(dir, 'limit')
    createUploadSlots(uploadDir).stop()
    await expect(streamUpload(uploadRequest(multipartStream({}, 2 * 1024 * 1024)), uploadDir, 1024 * 1024)).rejects.toMatchObject({ status: 413 })
    expect(readdirSync(uploadDir)).toEqual([])
  })

  it('answers a third concurrent import 429 before reading its body, and frees the slot when an import ends', async () => {
    const uploadDir = join(dir, 'cap')
    const uploads = createUploadSlots(uploadDir)
    const routes = importRoutes({ db, jobs: createJobRegistry(), uploadDir, uploads })
    expect(uploads.tryAcquire()).toBe(true)
    expect(uploads.tryAcquire()).toBe(true)
    const third = await routes.request(uploadRequest(multipartStream({ kind: 'intervals', queue: 'Web' }, 1024), 'http://local/'))
    expect(third.status).toBe(429)
    expect(await third.text()).toContain('2 imports are running already: try again when one has finished')
    expect(readdirSync(uploadDir)).toEqual([])
    uploads.release()
    const accepted = await routes.request(uploadRequest(multipartStream({ kind: 'intervals', queue: 'Web', timeZone: 'UTC' }, 1024), 'http://local/'))
    expect(accepted.status).toBe(303)
    // The slot is given back when the import has finished.
    for (let i = 0; i < 200 && !uploads.tryAcquire(); i++) await new Promise((r) => setTimeout(r, 25))
    uploads.release()
    uploads.stop()
  }, 30_000)

  it('deletes abandoned uploads on start and once an hour old, never one in use', () => {
    const uploadDir = join(dir, 'sweep')
    createUploadSlots(uploadDir).stop()
    writeFileSync(join(uploadDir, 'left-by-a-crash.csv'), 'x')
    const restarted = createUploadSlots(uploadDir)
    expect(readdirSync(uploadDir)).toEqual([]) // on start
    const old = join(uploadDir, 'mapping-never-applied.csv'), fresh = join(uploadDir, 'fresh.csv'), busy = join(uploadDir, 'importing.csv')
    for (const f of [old, fresh, busy]) writeFileSync(f, 'x')
    const twoHoursAgo = (Date.now() - 2 * ABANDONED_UPLOAD_MS) / 1000
    utimesSync(old, twoHoursAgo, twoHoursAgo)
    utimesSync(busy, twoHoursAgo, twoHoursAgo)
    restarted.inUse.add(busy)
    expect(restarted.sweep(ABANDONED_UPLOAD_MS)).toBe(1)
    expect(existsSync(old)).toBe(false)
    expect(existsSync(fresh)).toBe(true)
    expect(existsSync(busy)).toBe(true)
    restarted.stop()
  })
})
