/** A problem with one cell of an imported file, named so the user can find and fix it. */
export interface RowError {
  file: string
  /** 1-based line number in the file (the header is line 1). */
  row: number
  /** Header text of the column, or '' for a whole-row or whole-file problem. */
  column: string
  message: string
}

export function describeRowError(e: RowError): string {
  const where = [e.file, e.row > 0 ? `row ${e.row}` : '', e.column ? `column '${e.column}'` : ''].filter(Boolean).join(', ')
  return `${where}: ${e.message}`
}

/** Thrown when an import is refused as a whole; `errors` names each bad cell. Nothing was written. */
export class ImportError extends Error {
  constructor(public readonly errors: RowError[], public readonly totalErrors = errors.length) {
    super(errors.length ? describeRowError(errors[0]) + (totalErrors > 1 ? ` (and ${totalErrors - 1} more problem${totalErrors > 2 ? 's' : ''})` : '') : 'import failed')
    this.name = 'ImportError'
  }
}
