import { describe, expect, it } from 'vitest'
import { csvCell, kpiColumnUnit, tableToCsv } from '../../src/kpis/tables.ts'

describe('KPI tables as CSV', () => {
  it('quotes cells with commas or quotes, leaves missing values empty, rounds by the unit in the header', () => {
    expect(tableToCsv({ columns: ['label', 'median_seconds', 'csat_fraction', 'offered'], rows: [['First response, median', 52.0749, 0.8679032403646538, 22158], ['say "hi"', null, null, 3.333333]] }))
      .toBe('label,median_seconds,csat_fraction,offered\n"First response, median",52.1,0.8679,22158\n"say ""hi""",,,3.33\n')
    expect(csvCell(true)).toBe('true')
    expect(kpiColumnUnit('arrived_at')).toBe('time')
  })

  it('rounds the summary value by its row unit and neutralises hostile labels', () => {
    const csv = tableToCsv({ columns: ['metric', 'label', 'value', 'unit', 'based_on'], rows: [
      ['firstResponseMedian', 'First response, median', 52.0749, 'seconds', 100],
      ['abandonmentRate', '=HYPERLINK("x")', 0.0331676, 'fraction', 22158],
    ] })
    expect(csv).toBe('metric,label,value,unit,based_on\nfirstResponseMedian,"First response, median",52.1,seconds,100\nabandonmentRate,"\'=HYPERLINK(""x"")",0.0332,fraction,22158\n')
  })
})
