import { describe, expect, it } from 'vitest'
import { ImportError, describeRowError } from '../../src/imports/rowErrors.ts'

describe('row errors', () => {
  it('names file, row and column', () => {
    expect(describeRowError({ file: 'a.csv', row: 7, column: 'arrived_at', message: 'arrival time is empty' })).toBe("a.csv, row 7, column 'arrived_at': arrival time is empty")
    expect(describeRowError({ file: 'a.csv', row: 0, column: '', message: 'the file is empty' })).toBe('a.csv: the file is empty')
  })

  it('an ImportError says the first problem and how many more', () => {
    const errors = [{ file: 'a.csv', row: 2, column: 'x', message: 'bad' }, { file: 'a.csv', row: 3, column: 'x', message: 'bad' }]
    const error = new ImportError(errors, 5)
    expect(error.message).toBe("a.csv, row 2, column 'x': bad (and 4 more problems)")
    expect(error.name).toBe('ImportError')
    expect(new ImportError(errors.slice(0, 1)).message).toBe("a.csv, row 2, column 'x': bad")
  })
})
