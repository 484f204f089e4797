/**
 * Whether an error means the database could not be reached or was busy (a libSQL server down or restarting, a
 * network cut, a lock held too long), as opposed to a bug. drizzle wraps the driver's error, so the whole `cause`
 * chain is read.
 */
const UNAVAILABLE = /SQLITE_BUSY|SQLITE_LOCKED|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|fetch failed|other side closed|socket hang up|SERVER_ERROR|database is locked/i

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const text = `${(e as { code?: string }).code ?? ''} ${(e as Error).message ?? String(e)}`
    if (UNAVAILABLE.test(text)) return true
  }
  return false
}
