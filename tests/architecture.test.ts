import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const srcDir = fileURLToPath(new URL('../src/', import.meta.url))
const DOMAIN_FOLDERS = ['forecast', 'staffing', 'scheduling', 'events', 'kpis', 'format', 'schemas', 'intraday', 'capacity']
const FORBIDDEN = [/from ['"]hono/, /from ['"]drizzle-orm/, /from ['"]@libsql\/client/, /from ['"](node:)?fs(\/promises)?['"]/, /from ['"][./]*\/views\//, /from ['"]\.\.\/(db|web)\//]

function filesUnder(dir: string): string[] {
  let out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out = out.concat(filesUnder(path))
    else if (/\.(ts|tsx|mjs|js)$/.test(name)) out.push(path)
  }
  return out
}

describe('architecture', () => {
  it('the five domain folders import no web framework, database, file system or views', () => {
    const offences: string[] = []
    for (const folder of DOMAIN_FOLDERS) {
      let files: string[] = []
      try { files = filesUnder(join(srcDir, folder)) } catch { continue }
      for (const file of files) {
        const text = readFileSync(file, 'utf8')
        for (const pattern of FORBIDDEN) if (pattern.test(text)) offences.push(`${file.slice(srcDir.length)} matches ${pattern}`)
      }
    }
    expect(offences).toEqual([])
  })

  it('route files stay thin: under 300 lines each, and the thinned ones reach the stores only through planning/', () => {
    const routesDir = join(srcDir, 'web/routes')
    const long = filesUnder(routesDir).map((file) => ({ file: file.slice(srcDir.length), lines: readFileSync(file, 'utf8').split('\n').length })).filter((f) => f.lines > 300)
    expect(long, 'move form parsing to src/web/forms/ and store calls to src/planning/').toEqual([])
    // These map HTTP to planning calls and views; from db/ they take only types and error classes (to catch).
    const THIN = ['forecasts.tsx', 'schedules.tsx', 'scheduleSetup.tsx', 'staffing.tsx', 'events.tsx', 'scenarios.tsx']
    const offences: string[] = []
    for (const name of THIN) {
      const text = readFileSync(join(routesDir, name), 'utf8')
      for (const m of text.matchAll(/import\s+(type\s+)?([^'"]*?)\s+from\s+['"]\.\.\/\.\.\/db\/([^'"]+)['"]/g)) {
        if (m[1]) continue
        const names = /^\{([\s\S]*)\}$/.exec(m[2].trim())?.[1].split(',').map((n) => n.trim()).filter(Boolean) ?? [m[2].trim()]
        for (const n of names) if (!n.startsWith('type ') && !/Error$/.test(n)) offences.push(`${name} imports ${n} from db/${m[3]}`)
      }
    }
    expect(offences).toEqual([])
  })
})
