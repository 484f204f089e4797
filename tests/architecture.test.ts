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
})
