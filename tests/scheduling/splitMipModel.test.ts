import { describe, expect, it } from 'vitest'
import { buildScheduleModel } from '../../src/scheduling/buildModel.ts'
import type { MipModel } from '../../src/scheduling/mipModel.ts'
import { splitMipModel } from '../../src/scheduling/splitMipModel.ts'

const variable = (name: string, cost: number) => ({ name, cost, lower: 0, upper: Infinity, integer: true })

describe('splitMipModel', () => {
  it('parts are the connected components of the constraint-variable graph, with their own indices', () => {
    // a + b >= 1 and b + d >= 2 join a, b, d; c >= 1 stands alone; e is in no constraint
    const mip: MipModel = {
      variables: ['a', 'b', 'c', 'd', 'e'].map((n, i) => variable(n, i + 1)),
      constraints: [
        { name: 'ab', indices: [0, 1], coefficients: [1, 1], lower: 1, upper: Infinity },
        { name: 'c', indices: [2], coefficients: [1], lower: 1, upper: Infinity },
        { name: 'bd', indices: [1, 3], coefficients: [1, 1], lower: 2, upper: Infinity },
      ],
    }
    const parts = splitMipModel(mip)
    expect(parts.map((p) => [p.variables, p.model.variables.map((v) => v.name), p.model.constraints.map((r) => [r.name, r.indices])])).toEqual([
      [[0, 1, 3], ['a', 'b', 'd'], [['ab', [0, 1]], ['bd', [1, 2]]]],
      [[2], ['c'], [['c', [0]]]],
      [[4], ['e'], []],
    ])
    expect(mip.constraints[2].indices).toEqual([1, 3]) // input untouched
  })

  it('splits a two-day schedule without night shifts into its two days', () => {
    const day = (date: string) => [8, 9, 10, 11].map((h) => ({ start: `${date}T${String(h).padStart(2, '0')}:00`, agentsRequired: 2 }))
    const model = buildScheduleModel({ intervalMinutes: 60, intervals: [...day('2024-03-04'), ...day('2024-03-05')] }, [
      { name: '2h', lengthMinutes: 120, earliestStart: '08:00', latestStart: '10:00', startStepMinutes: 60, maxCountPerDay: 5 },
    ])
    const parts = splitMipModel(model.mip)
    // per day: 3 starts (x), 4 shortfall variables, 4 cover rows and 1 count row
    expect(parts.map((p) => [p.model.variables.map((v) => v.name).join(' '), p.model.constraints.length])).toEqual([
      ['x0 x1 x2 s0 s1 s2 s3', 5],
      ['x3 x4 x5 s4 s5 s6 s7', 5],
    ])
  })
})
