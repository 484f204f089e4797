/**
 * A cache of rendered GET answers (pages, fragments, CSV exports), so work that does not change between requests
 * (reading a year of history, binning it in the queue's zone, building the KPI report) is done once per change of
 * the data rather than once per visitor. It sits inside the session and role checks, and before the per-user
 * parts are added to a page (CSRF token, account bar), so every signed-in user gets the same cached body.
 *
 * An entry is used only while the data is unchanged:
 * - any changing request (POST…) handled by this app instance empties the cache, before and after it runs;
 * - an embedded database's file or write-ahead log changes (size or modification time) whenever anything commits
 *   (the import writer thread, the command line, another process), which empties the cache;
 * - a libSQL server may be written by other app instances that this one cannot see: there entries also expire
 *   after `remoteTtlMs` (5 s), which bounds how stale a page can be.
 * Answers that are not 200, or that poll (a job's progress, `hx-trigger="load…"`), are never cached; the answer
 * that ends a job (its result) empties the cache, since the job wrote in the background. Concurrent misses of the
 * same key share one computation.
 */
import type { MiddlewareHandler } from 'hono'
import { statSync } from 'node:fs'
import type { Db } from '../../db/client.ts'

export interface PageCacheOptions {
  /** Paths (prefixes) never cached. */
  skipPrefixes?: string[]
  maxEntries?: number
  remoteTtlMs?: number
}

/** Text answers are kept as strings (pages are decorated as text afterwards), others as bytes. */
interface Entry { status: number; headers: [string, string][]; body: string | ArrayBuffer; storedAtMs: number }

// Per-user pages (My shifts, requests) and the per-agent calendar feeds are never shared between visitors.
const SKIP_DEFAULT = ['/static/', '/health', '/signin', '/signout', '/audit', '/users', '/tokens', '/api/', '/my-shifts', '/requests', '/calendar/']

export function pageCache(db: Db, options: PageCacheOptions = {}): MiddlewareHandler {
  const { skipPrefixes = SKIP_DEFAULT, maxEntries = 500, remoteTtlMs = 5_000 } = options
  const entries = new Map<string, Entry>()
  const pending = new Map<string, Promise<Entry | null>>()
  let generation = 0
  let lastDataVersion: unknown
  const clear = () => { entries.clear(); pending.clear(); generation++ }

  const files = embeddedFiles(db)
  async function checkDataVersion(): Promise<void> {
    if (!files.length) return
    const version = files.map(fileSignature).join('|')
    if (version !== lastDataVersion) { lastDataVersion = version; clear() }
  }

  return async (c, next) => {
    const method = c.req.method
    if (method !== 'GET' && method !== 'HEAD') {
      clear()
      try { await next() } finally { clear() }
      return
    }
    const path = c.req.path
    if (skipPrefixes.some((p) => path.startsWith(p))) return next()
    if (/\/jobs\//.test(path)) {
      await next()
      if (!(await isPolling(c.res))) clear()
      return
    }
    await checkDataVersion()
    const key = `${c.req.url}|${c.req.header('HX-Request') ?? ''}|${c.req.header('HX-Target') ?? ''}|${c.req.header('HX-History-Restore-Request') ?? ''}`
    const now = Date.now()
    let entry = entries.get(key)
    if (entry && db.isRemote && now - entry.storedAtMs > remoteTtlMs) { entries.delete(key); entry = undefined }
    if (!entry) {
      const shared = pending.get(key)
      if (shared) entry = (await shared) ?? undefined
    }
    if (entry) {
      if (typeof entry.body === 'string' && entry.headers.some(([k, v]) => k === 'content-type' && v.startsWith('text/html'))) c.set('pageHtml', entry.body)
      c.res = new Response(typeof entry.body === 'string' ? entry.body : entry.body.slice(0), { status: entry.status, headers: entry.headers })
      return
    }
    const startedGeneration = generation
    let settle!: (e: Entry | null) => void
    const mine = new Promise<Entry | null>((resolve) => { settle = resolve })
    pending.set(key, mine)
    try {
      await next()
      const res = c.res
      if (res.status !== 200 || (await isPolling(res))) { settle(null); return }
      const body = (res.headers.get('Content-Type') ?? '').startsWith('text/') ? await res.clone().text() : await res.clone().arrayBuffer()
      const stored: Entry = { status: res.status, headers: [...res.headers.entries()], body, storedAtMs: now }
      if (generation === startedGeneration) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!)
        entries.set(key, stored)
      }
      settle(stored)
    } catch (error) {
      settle(null)
      throw error
    } finally {
      if (pending.get(key) === mine) pending.delete(key)
    }
  }
}

/** The database file and its write-ahead log: every commit, by any connection or process, changes one of them. */
function embeddedFiles(db: Db): string[] {
  if (db.isRemote || !db.url.startsWith('file:')) return []
  const path = db.url.slice('file:'.length).split('?')[0]
  return path && !path.startsWith(':memory:') ? [path, path + '-wal'] : []
}

function fileSignature(path: string): string {
  const stat = statSync(path, { bigint: true, throwIfNoEntry: false })
  return stat ? `${stat.size}:${stat.mtimeNs}` : '-'
}

/** An answer that asks to be fetched again (a progress fragment or page) must not be cached. */
async function isPolling(res: Response): Promise<boolean> {
  if (res.headers.get('Refresh') || res.headers.get('HX-Refresh')) return true
  const type = res.headers.get('Content-Type') ?? ''
  if (!type.startsWith('text/html')) return false
  const text = await res.clone().text()
  // A live page that polls itself (hx-trigger="every 30s", the today page) changes with the clock, not only with the data.
  return /hx-trigger="(load delay|every )|http-equiv="refresh"/.test(text)
}
