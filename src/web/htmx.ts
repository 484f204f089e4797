import type { Context } from 'hono'

/** True when htmx asked for a fragment (not a history restore); sets Vary so caches keep page and fragment apart. */
export function isFragmentRequest(c: Context): boolean {
  c.header('Vary', 'HX-Request')
  return c.req.header('HX-Request') === 'true' && c.req.header('HX-History-Restore-Request') !== 'true'
}
