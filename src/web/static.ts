/** Static assets served from memory: htmx from node_modules (no CDN: the app works offline) and the stylesheet. */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)

export interface StaticAsset { body: string; contentType: string }

export function loadStaticAssets(): Map<string, StaticAsset> {
  const htmxPath = require.resolve('htmx.org/dist/htmx.min.js')
  return new Map([
    ['/static/htmx.min.js', { body: readFileSync(htmxPath, 'utf8'), contentType: 'text/javascript; charset=utf-8' }],
    ['/static/app.css', { body: readFileSync(fileURLToPath(new URL('../../views/static/app.css', import.meta.url)), 'utf8'), contentType: 'text/css; charset=utf-8' }],
    ['/static/favicon.svg', { body: readFileSync(fileURLToPath(new URL('../../views/static/favicon.svg', import.meta.url)), 'utf8'), contentType: 'image/svg+xml' }],
    ['/static/app.js', { body: readFileSync(fileURLToPath(new URL('../../views/static/app.js', import.meta.url)), 'utf8'), contentType: 'text/javascript; charset=utf-8' }],
  ])
}
