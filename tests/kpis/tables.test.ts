import { describe, expect, it } from 'vitest'
import { csvCell, tableToCsv } from '../../src/kpis/tables.ts'

describe('KPI tables as CSV', () => {
  it('quotes cells with commas or quotes, leaves missing values empty, keeps 10 significant digits', () => {
    expect(tableToCsv({ columns: ['label', 'value'], rows: [['First response, median', 0.8679032403646538], ['say "hi"', null], ['n', 22158]] }))
      .toBe('label,value\n"First response, median",0.8679032404\n"say ""hi""",\nn,22158\n')
    expect(csvCell(true)).toBe('true')
  })
})
