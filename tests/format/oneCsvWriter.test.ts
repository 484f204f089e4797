/**
 * One CSV writer for every export: no module but src/format/csv.ts quotes CSV cells by hand (the doubled quote of
 * RFC 4180), so formula neutralising, offsets, units and rounding cannot be skipped by a new export.
 */
import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(ts|tsx|mjs)$/.test(name) ? [path] : []
  })
}

describe('the one CSV writer', () => {
  it('is the only module that quotes CSV cells', () => {
    const offenders = [...filesUnder(join(root, 'src')), ...filesUnder(join(root, 'views'))]
      .map((path) => relative(root, path))
      .filter((path) => path !== 'src/format/csv.ts' && !path.startsWith('src/bench/'))
      .filter((path) => {
        const text = readFileSync(join(root, path), 'utf8')
        return /csv/i.test(text) && /replace(All)?\(\s*\/"\/g\s*,\s*'""'\s*\)|replaceAll\(\s*'"'\s*,\s*'""'\s*\)/.test(text)
      })
    expect(offenders, 'write CSV with csvTable/csvCell from src/format/csv.ts').toEqual([])
  })
})
