/**
 * Compact batches of rows for the import writer: thousands of rows travel to the writer thread as one
 * Float64Array (numbers, NaN = NULL), one string (all text cells joined) and one Int32Array (each text cell's
 * length, -1 = NULL), instead of thousands of small arrays that the structured clone would copy one by one.
 * The typed arrays are transferred, not copied. src/db/importWorker.mjs reads the same layout.
 */

/** 'number' cells are finite numbers or null; 'text' cells are strings or null. */
export type CellKind = 'number' | 'text'

/** Where a batch goes: the table, its columns (in the batch's order) and an optional SQL suffix (ON CONFLICT ...). */
export interface RowTarget {
  table: string
  columns: string[]
  kinds: CellKind[]
  suffix: string
}

/** A batch of rows in the transfer layout. */
export interface RowBatch {
  rowCount: number
  numbers: Float64Array
  text: string
  textLengths: Int32Array
}

/** Fills a batch row by row; `number`/`text` take the cells of a row in the target's column order. */
export class RowBatchBuilder {
  private readonly numberColumns: number
  private readonly textColumns: number
  private numbers: Float64Array
  private textLengths: Int32Array
  private textParts: string[] = []
  private numberAt = 0
  private textAt = 0
  rowCount = 0

  constructor(readonly target: RowTarget, readonly capacityRows: number) {
    this.numberColumns = target.kinds.filter((k) => k === 'number').length
    this.textColumns = target.kinds.length - this.numberColumns
    this.numbers = new Float64Array(capacityRows * this.numberColumns)
    this.textLengths = new Int32Array(capacityRows * this.textColumns)
  }

  /** A number cell (NULL when null). */
  number(value: number | null): void {
    this.numbers[this.numberAt++] = value === null ? NaN : value
  }

  /** A text cell (NULL when null). */
  text(value: string | null): void {
    if (value === null) { this.textLengths[this.textAt++] = -1; return }
    this.textLengths[this.textAt++] = value.length
    this.textParts.push(value)
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
      text: this.textParts.join(''),
      textLengths: this.textLengths.subarray(0, this.rowCount * this.textColumns),
    }
    this.numbers = new Float64Array(this.capacityRows * this.numberColumns)
    this.textLengths = new Int32Array(this.capacityRows * this.textColumns)
    this.textParts = []
    this.numberAt = 0
    this.textAt = 0
    this.rowCount = 0
    return batch
  }
}

/** The rows of a batch as arrays of cells (numbers, strings, null), in the target's column order. */
export function rowsOfBatch(target: RowTarget, batch: RowBatch): (number | string | null)[][] {
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
        else { row.push(batch.text.slice(textOffset, textOffset + length)); textOffset += length }
      }
    }
    rows.push(row)
  }
  return rows
}
