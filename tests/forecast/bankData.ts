/** Test helper: the real bank series of /work/shared/data (read-only), as timestamps and volumes. */
import { readFileSync } from 'node:fs'

export interface Series { timestamps: string[]; volumes: number[] }

const DATA_DIR = new URL('../../../shared/data/', import.meta.url)

export function readSeries(file: string, column = 'volume'): Series & { rows: Record<string, string>[] } {
  const [header, ...lines] = readFileSync(new URL(file, DATA_DIR), 'utf8').trim().split('\n')
  const names = header.split(',')
  const rows = lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])))
  return { rows, timestamps: rows.map((r) => r.timestamp), volumes: rows.map((r) => Number(r[column])) }
}

/** Index of the first row whose timestamp starts with `prefix`. */
export function indexOf(series: Series, prefix: string): number {
  const i = series.timestamps.findIndex((t) => t.startsWith(prefix))
  if (i < 0) throw new Error(`no row starts with ${prefix}`)
  return i
}

export const BANK_ZONE = 'America/New_York'
