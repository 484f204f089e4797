import { describe, expect, it } from 'vitest'
import { weekdayMeanModel } from '../../../src/forecast/models/weekdayMean.ts'
import { indexOf, readSeries } from '../bankData.ts'
import { contextOf } from './modelContext.ts'

const bank = readSeries('bank_calls_30min.csv')

describe('same weekday and time mean / median over the last k weeks', () => {
  const cut = indexOf(bank, '2003-10-20')
  const context = contextOf(bank, cut, 28)
  const mondays = ['2003-10-13', '2003-10-06', '2003-09-29', '2003-09-22'].map((d) => indexOf(bank, d))

  it('mean of the 07:00 interval of the four previous Mondays (real values 2003-09-22 ... 10-13)', () => {
    const means = weekdayMeanModel(4).forecastMeans(context)
    const values = mondays.map((i) => bank.volumes[i])
    expect(means[0]).toBeCloseTo(values.reduce((a, b) => a + b, 0) / 4, 10)
    expect(means[0]).toBe(348.75)
  })

  it('median of the same four values', () => {
    const medians = weekdayMeanModel(4, 'median').forecastMeans(context)
    const values = mondays.map((i) => bank.volumes[i + 10]).sort((a, b) => a - b)
    expect(medians[10]).toBe((values[1] + values[2]) / 2)
  })

  it('validates k', () => {
    expect(() => weekdayMeanModel(0)).toThrow(/weeks must be a positive integer, got 0/)
  })
})
