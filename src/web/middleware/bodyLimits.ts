/**
 * Upload size limits for every changing request, checked before anything reads the body: the import upload may be
 * large (it streams to disk), an events CSV is small, every other form is tiny. Too large answers 413 with a message
 * (a fragment for htmx, plain text otherwise) and nothing is read or written.
 */
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { isApiPath, problemResponse } from '../api/problem.ts'

export const MB = 1024 * 1024

/** The most bytes a request body may have, by method and path. */
export function maxBodyBytesFor(method: string, path: string): number {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return 0
  if (path === '/imports' || path === '/imports/') return 512 * MB
  // 10,000 rows a request (the row limit answers 413 with its own message); room for long text fields.
  if (/^\/api\/v1\/(contacts|intervals)\/?$/.test(path)) return 32 * MB
  if (/\/import(\.csv)?\/?$/.test(path)) return 5 * MB
  return 1 * MB
}

function describeBytes(bytes: number): string {
  return bytes >= MB ? `${bytes / MB} MB` : `${Math.round(bytes / 1024)} KB`
}

export function bodyLimits(): MiddlewareHandler {
  return async (c, next) => {
    const maxSize = maxBodyBytesFor(c.req.method, c.req.path)
    if (maxSize === 0) return next()
    return bodyLimit({
      maxSize,
      onError: (c) => {
        if (isApiPath(c.req.path)) return problemResponse(c, 'too-large', 413, `The request body is larger than ${describeBytes(maxSize)}; nothing was written. Send at most 10,000 rows a request.`, { limitBytes: maxSize })
        const message = `The upload is larger than ${describeBytes(maxSize)}. Nothing was changed.${maxSize >= 100 * MB ? ' Split the file or import it with the command line (npx chatplan import).' : ''}`
        return c.req.header('HX-Request') === 'true' ? c.html(`<p class="errors" role="alert">${message}</p>`, 413) : c.text(message, 413)
      },
    })(c, next)
  }
}
