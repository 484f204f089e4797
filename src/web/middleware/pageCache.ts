/**
 * A cache of rendered GET answers (pages, fragments, CSV exports), so work that does not change between requests
 * (reading a year of history, binning it in the queue's zone, building the KPI report) is done once per change of
 * the data rather than once per visitor. It sits inside the session and role checks, and before the per-user
 * parts are added to a page (CSRF token, account bar), so every signed-in user gets the same cached body.
 *
 * An entry is used only while the data is unchanged:
 * - any changing request (POST…) handled by this app instance empties the cache, before and after it runs; except
 *   that a write of contacts through the API (POST /api/v1/contacts) keeps the entries scoped to queues (below);
 * - an embedded database's file or write-ahead log changes (size or modification time) whenever anything commits
 *   (the import writer thread, the command line, another process), which empties the cache;
 * - a libSQL server may be written by other app instances that this one cannot see: there entries also expire
 *   after `remoteTtlMs` (5 s), which bounds how stale a page can be.
 * A route whose answer depends only on some queues' contacts (plus the queues themselves and the team settings) says
 * so with `c.set('pageCacheQueues', ids)` (the KPI page does): its entry is then kept across changes and checked on
 * each use against those queues' data versions (kept by the contact triggers) and the queues' and settings' rows,
 * read before the answer was computed. So a feed into queue A leaves the KPI pages of queue B cached.
 * Answers that are not 200, or that poll (a job's progress, `hx-trigger="load…"`), are never cached; the answer
 * that ends a job (its result) empties the cache, since the job wrote in the background. Concurrent misses of the
 * same key share one computation.
 */
import type { MiddlewareHandler } from 'hono'
import { statSync } from 'node:fs'
import type { Db } from '../../db/client.ts'

declare module 'hono' {
  interface ContextVariableMap {
    /** The queues whose contacts (alone, with the queues and team settings) an answer depends on: see pageCache. */
    pageCacheQueues?: number[]
  }
}

export interface PageCacheOptions {
  /** Paths (prefixes) never cached. */
  skipPrefixes?: string[]
  maxEntries?: number
  /** Paths (prefixes) whose answers may be scoped to queues (the data versions are read before computing them). */
  scopedPrefixes?: string[]
  remoteTtlMs?: number
}

/** Text answers are kept as strings (pages are decorated as text afterwards), others as bytes. */
interface Entry { status: number; headers: [string, string][]; body: string | ArrayBuffer; storedAtMs: number; scope?: { queueIds: number[]; signature: string } }

/** The data a queue-scoped entry depends on, at one moment: each queue's contact data version, the queues' rows and the team settings. */
interface ScopeSnapshot { versions: Map<number, number>; catalog: string }

async function scopeSnapshot(db: Db): Promise<ScopeSnapshot> {
  const r = await db.client.execute(`SELECT (SELECT group_concat(queue_id || ':' || version) FROM contact_versions) AS v,
      (SELECT group_concat(id || '|' || name || '|' || time_zone || '|' || opening_hours_json, ';') FROM queues) AS q,
      (SELECT group_concat(date_style || '|' || number_style || '|' || IFNULL(updated_at_ms, ''), ';') FROM team_settings) AS t`)
  const row = r.rows[0]
  const versions = new Map<number, number>()
  for (const pair of String(row.v ?? '').split(',')) { if (!pair) continue; const [q, v] = pair.split(':'); versions.set(Number(q), Number(v)) }
  return { versions, catalog: `${row.q ?? ''}\u0000${row.t ?? ''}` }
}

function signatureOf(snapshot: ScopeSnapshot, queueIds: readonly number[]): string {
  return `${queueIds.map((id) => `${id}:${snapshot.versions.get(id) ?? 0}`).join(',')}\u0000${snapshot.catalog}`
}

/** Writes that change contacts only (and their import batch): entries scoped to queues survive them. */
const CONTACT_WRITE_PATHS = ['/api/v1/contacts']

// Per-user pages (My shifts, requests) and the per-agent calendar feeds are never shared between visitors.
const SKIP_DEFAULT = ['/static/', '/health', '/signin', '/signout', '/audit', '/users', '/tokens', '/api/', '/my-shifts', '/requests', '/calendar/']

export function pageCache(db: Db, options: PageCacheOptions = {}): MiddlewareHandler {
  const { skipPrefixes = SKIP_DEFAULT, maxEntries = 500, remoteTtlMs = 5_000, scopedPrefixes = ['/kpis'] } = options
  const entries = new Map<string, Entry>()
  const pending = new Map<string, Promise<Entry | null>>()
  let generation = 0
  let lastDataVersion: unknown
  const clear = () => { entries.clear(); pending.clear(); generation++ }
  /** Empties all but the queue-scoped entries (checked on use instead). */
  const clearUnscoped = () => { for (const [k, e] of entries) if (!e.scope) entries.delete(k); pending.clear(); generation++ }

  const files = embeddedFiles(db)
  async function checkDataVersion(): Promise<void> {
    if (!files.length) return
    const version = files.map(fileSignature).join('|')
    if (version !== lastDataVersion) { lastDataVersion = version; clearUnscoped() }
  }

  return async (c, next) => {
    const method = c.req.method
    if (method !== 'GET' && method !== 'HEAD') {
      const empty = method === 'POST' && CONTACT_WRITE_PATHS.includes(c.req.path) ? clearUnscoped : clear
      empty()
      try { await next() } finally { empty() }
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
    // Read before the answer is computed: a write meanwhile leaves the entry older than its signature says, never newer.
    const snapshot = (files.length || db.isRemote) && (entry?.scope || scopedPrefixes.some((p) => path.startsWith(p))) ? await scopeSnapshot(db).catch(() => null) : null
    if (entry?.scope && (!snapshot || signatureOf(snapshot, entry.scope.queueIds) !== entry.scope.signature)) { entries.delete(key); entry = undefined }
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
      const queueIds = c.get('pageCacheQueues')
      const stored: Entry = { status: res.status, headers: [...res.headers.entries()], body, storedAtMs: now, ...(queueIds && snapshot ? { scope: { queueIds, signature: signatureOf(snapshot, queueIds) } } : {}) }
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
