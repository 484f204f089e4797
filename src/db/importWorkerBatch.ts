/**
 * Compact batches of rows for the import writer: thousands of rows travel to the writer thread as one
 * Float64Array (numbers, NaN = NULL), one Uint16Array (the UTF-16 code units of all text cells, one after the
 * other) and one Int32Array (each text cell's length in code units, -1 = NULL), instead of thousands of small
 * arrays that the structured clone would copy one by one. The typed arrays are transferred, not copied, and
 * filling them keeps no per-cell string alive on this thread (less garbage to collect during a big import).
 * src/db/importWorker.mjs reads the same layout. Code units are in the platform's byte order (little-endian on
 * every platform Node supports here), read back with Buffer's 'utf16le'.
 */

/** 'number' cells are finite numbers or null; 'text' cells are strings or null. */
export type CellKind = 'number' | 'text'

/**
 * Where a batch goes: the table, its columns, the VALUES tuple of one row (`rowSql`: one '?' per bound cell, in
 * the order of `kinds`, or a constant expression) and an optional SQL suffix (ON CONFLICT ...).
 */
export interface RowTarget {
  table: string
  columns: string[]
  /** The kinds of the bound cells of a row, in the order of their '?' in `rowSql`. */
  kinds: CellKind[]
  rowSql: string
  suffix: string
}

/**
 * One column of a target: a bound cell (`kind`), a bound cell inside an expression (`kind` and `sql` with one '?'),
 * or a constant (`sql` only), which saves binding the same value on every row.
 */
export type TargetColumn = { column: string; kind: CellKind; sql?: string } | { column: string; kind?: undefined; sql: string }

export function rowTarget(table: string, columns: TargetColumn[], suffix = ''): RowTarget {
  return {
    table,
    columns: columns.map((c) => c.column),
    kinds: columns.flatMap((c) => (c.kind ? [c.kind] : [])),
    rowSql: '(' + columns.map((c) => c.sql ?? '?').join(',') + ')',
    suffix,
  }
}

/** INSERT of `rowCount` rows into a target. */
export function insertSqlOf(target: RowTarget, rowCount: number): string {
  return `INSERT INTO ${target.table} (${target.columns.join(',')}) VALUES ${Array(rowCount).fill(target.rowSql).join(',')}${target.suffix}`
}

/** A batch of rows in the transfer layout. */
export interface RowBatch {
  rowCount: number
  numbers: Float64Array
  textUnits: Uint16Array
  textLengths: Int32Array
}

/** Fills a batch row by row; `number`/`text` take the bound cells of a row in the order of the target's `kinds`. */
export class RowBatchBuilder {
  private readonly numberColumns: number
  private readonly textColumns: number
  private numbers: Float64Array
  private textLengths: Int32Array
  private textUnits: Uint16Array
  private numberAt = 0
  private textAt = 0
  private unitAt = 0
  rowCount = 0

  constructor(readonly target: RowTarget, readonly capacityRows: number) {
    this.numberColumns = target.kinds.filter((k) => k === 'number').length
    this.textColumns = target.kinds.length - this.numberColumns
    this.numbers = new Float64Array(capacityRows * this.numberColumns)
    this.textLengths = new Int32Array(capacityRows * this.textColumns)
    this.textUnits = new Uint16Array(capacityRows * this.textColumns * 16)
  }

  /** A number cell (NULL when null). */
  number(value: number | null): void {
    this.numbers[this.numberAt++] = value === null ? NaN : value
  }

  /** A text cell (NULL when null). */
  text(value: string | null): void {
    if (value === null) { this.textLengths[this.textAt++] = -1; return }
    const length = value.length
    this.textLengths[this.textAt++] = length
    if (this.unitAt + length > this.textUnits.length) {
      const grown = new Uint16Array(Math.max(this.textUnits.length * 2, this.unitAt + length))
      grown.set(this.textUnits.subarray(0, this.unitAt))
      this.textUnits = grown
    }
    const units = this.textUnits
    let at = this.unitAt
    for (let i = 0; i < length; i++) units[at++] = value.charCodeAt(i)
    this.unitAt = at
  }

  /** Ends a row; true when the batch is full. */
  endRow(): boolean {
    this.rowCount++
    return this.rowCount >= this.capacityRows
  }

  /** Hands over the rows so far and starts an empty batch. */
  take(): RowBatch {
    const batch: RowBatch = {
      rowCount: this.rowCount,
      numbers: this.numbers.subarray(0, this.rowCount * this.numberColumns),
      textUnits: this.textUnits.subarray(0, this.unitAt),
      textLengths: this.textLengths.subarray(0, this.rowCount * this.textColumns),
    }
    this.numbers = new Float64Array(this.capacityRows * this.numberColumns)
    this.textLengths = new Int32Array(this.capacityRows * this.textColumns)
    this.textUnits = new Uint16Array(this.textUnits.length)
    this.numberAt = 0
    this.textAt = 0
    this.unitAt = 0
    this.rowCount = 0
    return batch
  }
}

/** The rows of a batch as arrays of bound cells (numbers, strings, null), in the order of the target's `kinds`. */
export function rowsOfBatch(target: RowTarget, batch: RowBatch): (number | string | null)[][] {
  const text = textOfBatch(batch)
  const rows: (number | string | null)[][] = []
  let numberAt = 0
  let textAt = 0
  let textOffset = 0
  for (let r = 0; r < batch.rowCount; r++) {
    const row: (number | string | null)[] = []
    for (const kind of target.kinds) {
      if (kind === 'number') {
        const value = batch.numbers[numberAt++]
        row.push(Number.isNaN(value) ? null : value)
      } else {
        const length = batch.textLengths[textAt++]
        if (length < 0) row.push(null)
        else { row.push(text.slice(textOffset, textOffset + length)); textOffset += length }
      }
    }
    rows.push(row)
  }
  return rows
}

/** All text cells of a batch as one string (cells are cut from it by their lengths). */
export function textOfBatch(batch: RowBatch): string {
  const units = batch.textUnits
  return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le')
}
