/**
 * Import uploads, streamed to disk: the multipart body is parsed as it arrives (busboy) and the file part written
 * straight to `uploadDir`, so a 200 MB upload costs kilobytes of memory, not 200 MB. At most MAX_CONCURRENT_IMPORTS
 * uploads and imports run at once (more are answered 429 before their body is read). Uploads nobody uses (a column
 * mapping offered and never applied, a server that died mid-import) are deleted when the app starts and once they
 * are an hour old.
 */
import Busboy from 'busboy'
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

export const MAX_CONCURRENT_IMPORTS = 2
export const ABANDONED_UPLOAD_MS = 3_600_000
const MAX_FIELD_BYTES = 64 * 1024
const MAX_FIELDS = 200

export interface StreamedUpload {
  fields: Record<string, string>
  /** The file written to disk, when the form had one. */
  file?: { path: string; token: string; fileName: string; bytes: number }
}

export class UploadError extends Error {
  readonly status: 400 | 413
  constructor(message: string, status: 400 | 413 = 400) {
    super(message)
    this.name = 'UploadError'
    this.status = status
  }
}

/** The folder's slots: uploads and imports running now, and the files still in use (never swept). */
export interface UploadSlots {
  /** Takes a slot, or returns false when MAX_CONCURRENT_IMPORTS are taken. */
  tryAcquire(): boolean
  release(): void
  readonly inUse: Set<string>
  /** Deletes upload files older than `olderThanMs` (0: every file not in use). Returns how many were deleted. */
  sweep(olderThanMs: number, nowMs?: number): number
  stop(): void
}

export function createUploadSlots(uploadDir: string, { maxConcurrent = MAX_CONCURRENT_IMPORTS, sweepEveryMs = 10 * 60_000 } = {}): UploadSlots {
  mkdirSync(uploadDir, { recursive: true })
  let running = 0
  const inUse = new Set<string>()
  const slots: UploadSlots = {
    tryAcquire() {
      if (running >= maxConcurrent) return false
      running++
      return true
    },
    release() { running = Math.max(0, running - 1) },
    inUse,
    sweep(olderThanMs, nowMs = Date.now()) {
      let deleted = 0
      let names: string[] = []
      try { names = readdirSync(uploadDir) } catch { return 0 }
      for (const name of names) {
        const path = join(uploadDir, name)
        if (inUse.has(path)) continue
        try {
          if (olderThanMs <= 0 || nowMs - statSync(path).mtimeMs >= olderThanMs) { rmSync(path, { force: true }); deleted++ }
        } catch { /* gone meanwhile */ }
      }
      return deleted
    },
    stop() { clearInterval(timer) },
  }
  // On start every upload left behind is abandoned (its job died with the old process); then hourly ones.
  slots.sweep(0)
  const timer = setInterval(() => slots.sweep(ABANDONED_UPLOAD_MS), sweepEveryMs)
  timer.unref()
  return slots
}

/**
 * Reads a multipart/form-data request: fields into memory (each at most 64 KB), the `file` part streamed to a new
 * file in `uploadDir` (deleted again if the request fails or exceeds `maxFileBytes`).
 * @throws UploadError (400 unreadable, 413 too large)
 */
export async function streamUpload(request: Request, uploadDir: string, maxFileBytes: number): Promise<StreamedUpload> {
  const contentType = request.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data/i.test(contentType)) {
    // A plain form (no file): small, read as usual.
    const text = request.body ? await request.text() : ''
    return { fields: Object.fromEntries(new URLSearchParams(text)) }
  }
  if (!request.body) throw new UploadError('the upload is empty')
  let busboy: Busboy.Busboy
  try {
    busboy = Busboy({ headers: { 'content-type': contentType }, limits: { fieldSize: MAX_FIELD_BYTES, fields: MAX_FIELDS, files: 1, fileSize: maxFileBytes } })
  } catch (error) {
    throw new UploadError(`the upload cannot be read: ${(error as Error).message}`)
  }
  const fields: Record<string, string> = {}
  let file: StreamedUpload['file']
  let problem: UploadError | undefined
  const writes: Promise<void>[] = []
  busboy.on('field', (name, value, info) => {
    if (info.valueTruncated) problem ??= new UploadError(`the form field '${name.slice(0, 40)}' is longer than ${MAX_FIELD_BYTES / 1024} KB`)
    else if (!(name in fields)) fields[name] = value
  })
  busboy.on('fieldsLimit', () => { problem ??= new UploadError(`the form has more than ${MAX_FIELDS} fields`) })
  busboy.on('file', (name, stream, info) => {
    if (name !== 'file' || file) { stream.resume(); return }
    const token = randomBytes(12).toString('hex')
    const path = join(uploadDir, token + '.csv')
    const entry = { path, token, fileName: info.filename ?? '', bytes: 0 }
    file = entry
    stream.on('data', (chunk: Buffer) => { entry.bytes += chunk.length })
    stream.on('limit', () => { problem ??= new UploadError(`the file is larger than ${Math.round(maxFileBytes / 1024 / 1024)} MB: split it or import it with the command line (npx chatplan import)`, 413) })
    writes.push(pipeline(stream, createWriteStream(path)))
  })
  try {
    await pipeline(Readable.fromWeb(request.body as never), busboy)
    await Promise.all(writes)
  } catch (error) {
    problem ??= error instanceof UploadError ? error : new UploadError(`the upload was interrupted or cannot be read: ${(error as Error).message}`)
  }
  if (problem) {
    if (file) rmSync(file.path, { force: true })
    throw problem
  }
  return { fields, file }
}
