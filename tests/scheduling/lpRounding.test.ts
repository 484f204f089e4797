import { describe, expect, it } from 'vitest'
import { buildScheduleModel, type ScheduleModel } from '../../src/scheduling/buildModel.ts'
import { runHighs } from '../../src/scheduling/highsRunner.ts'
import { roundLpSolution } from '../../src/scheduling/lpRounding.ts'
import { mipModelToLpText } from '../../src/scheduling/mipModel.ts'
import type { ShiftTemplate } from '../../src/scheduling/shiftTemplates.ts'

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
/** Requirement on 2024-03-04 (a Monday) from `first` (minutes of day), one value per interval. */
function requirement(values: number[], intervalMinutes: number, first: number, date = '2024-03-04') {
  return { intervalMinutes, intervals: values.map((agentsRequired, i) => ({ start: `${date}T${clock(first + i * intervalMinutes)}`, agentsRequired })) }
}
/** The LP relaxation's values by model variable, and its optimum. */
async function lpRelaxation(model: ScheduleModel): Promise<{ values: Float64Array; bound: number }> {
  const lp = await runHighs(mipModelToLpText(model.mip), { timeLimitSeconds: 10, relaxIntegrality: true })
  const index = new Map(model.mip.variables.map((v, i) => [v.name, i]))
  const values = new Float64Array(model.mip.variables.length)
  lp.columnNames.forEach((name, k) => { values[index.get(name)!] = lp.columnValues[k] })
  return { values, bound: lp.objective }
}
const shiftCounts = (model: ScheduleModel, values: ArrayLike<number>) =>
  model.candidates.flatMap((c, j) => (values[model.columns.shift[j]] > 0 ? [[clock(c.startMinute % 1440), model.templates[c.templateIndex].name, values[model.columns.shift[j]]]] : []))

describe('roundLpSolution', () => {
  it('finds the hand-solved optimum where the LP relaxation is fractional: breaks side by side under one 1-h shift (cost 11)', async () => {
    // 2 agents 08:00-12:00 (30-min grid); two 4-h shifts with a 30-min break 1-3 h in, and 1-h shifts at 3/h
    // (tests/scheduling/solve.test.ts explains why 11 is optimal). The LP spreads the breaks and pays 10.
    const model = buildScheduleModel(requirement(new Array(8).fill(2), 30, 480), [
      { name: '4h', lengthMinutes: 240, earliestStart: '08:00', latestStart: '08:00', startStepMinutes: 30, breaks: [{ name: 'break', lengthMinutes: 30, paid: true, earliestAfterMinutes: 60, latestAfterMinutes: 180 }] },
      { name: '1h', lengthMinutes: 60, earliestStart: '08:00', latestStart: '11:00', startStepMinutes: 30, costPerHour: 3 },
    ])
    const lp = await lpRelaxation(model)
    const rounded = roundLpSolution(model, lp.values)!
    expect(rounded.objective).toBe(11)
    expect(lp.bound).toBeLessThan(11)
    const counts = shiftCounts(model, rounded.values)
    expect(counts.filter(([, name]) => name === '4h')).toEqual([['08:00', '4h', 2]])
    // the two breaks sit in consecutive intervals, both under the one 1-h shift
    const [oneHour] = counts.filter(([, name]) => name === '1h')
    const chain = model.columns.breakChains[0]
    const breakMinutes = chain.timeVariables.flatMap((v, p) => new Array(rounded.values[v]).fill(chain.times[p] % 1440))
    expect(breakMinutes.length).toBe(2)
    expect(breakMinutes[1] - breakMinutes[0]).toBe(30)
    expect(clock(breakMinutes[0])).toBe(oneHour[0])
  })

  it('keeps the per-day counts: at most 3 long shifts a day, the rest covered by short ones', async () => {
    // 5 agents 08:00-16:00 for two days (hourly grid); 8-h shifts cost 8, 4-h shifts 5 (1.25/h) but at most 3
    // 8-h shifts a day: 3 x 8 h + 2 x 2 x 4 h = 24 + 20 = 44 per day, 88 in all
    const twoDays = { intervalMinutes: 60, intervals: [...requirement(new Array(8).fill(5), 60, 480).intervals, ...requirement(new Array(8).fill(5), 60, 480, '2024-03-05').intervals] }
    const model = buildScheduleModel(twoDays, [
      { name: '8h', lengthMinutes: 480, earliestStart: '08:00', latestStart: '08:00', startStepMinutes: 60, maxCountPerDay: 3 },
      { name: '4h', lengthMinutes: 240, earliestStart: '08:00', latestStart: '12:00', startStepMinutes: 60, costPerHour: 1.25 },
    ])
    const rounded = roundLpSolution(model, (await lpRelaxation(model)).values)!
    expect(rounded.objective).toBe(88)
    expect(shiftCounts(model, rounded.values)).toEqual([['08:00', '8h', 3], ['08:00', '4h', 2], ['12:00', '4h', 2], ['08:00', '8h', 3], ['08:00', '4h', 2], ['12:00', '4h', 2]])
  })

  it('returns nothing when the hard rules cannot be met (a minimum count against forbidden over-cover)', async () => {
    const model = buildScheduleModel(requirement([1, 1], 60, 480), [{ name: '2h', lengthMinutes: 120, earliestStart: '08:00', latestStart: '08:00', startStepMinutes: 60, minCountPerDay: 2 }], { overCover: 'forbid' })
    expect(roundLpSolution(model, new Float64Array(model.mip.variables.length).fill(2))).toBeUndefined()
  })

  it('does not change the LP values it is given', async () => {
    // 1, 2, 2, 1 agents 08:00-12:00, 2-h shifts: 08:00, 09:00 and 10:00 (the LP is already whole here)
    const model = buildScheduleModel(requirement([1, 2, 2, 1], 60, 480), [{ name: '2h', lengthMinutes: 120, earliestStart: '08:00', latestStart: '10:00', startStepMinutes: 60 }])
    const values = Object.freeze(Array.from((await lpRelaxation(model)).values))
    const copy = [...values]
    const rounded = roundLpSolution(model, values)!
    expect([rounded.objective, shiftCounts(model, rounded.values)]).toEqual([6, [['08:00', '2h', 1], ['09:00', '2h', 1], ['10:00', '2h', 1]]])
    expect(values).toEqual(copy)
  })
})
