import { describe, expect, it } from 'vitest'
import { buildScheduleModel, coverLatticeDenominator, coverRoundingRow } from '../../src/scheduling/buildModel.ts'
import { mipModelToLpText } from '../../src/scheduling/mipModel.ts'
import { ScheduleInputError } from '../../src/scheduling/scheduleInputError.ts'
import type { ShiftTemplate } from '../../src/scheduling/shiftTemplates.ts'

const hourly = (values: number[], first = 8) => ({
  intervalMinutes: 60,
  intervals: values.map((agentsRequired, i) => ({ start: `2024-03-04T${String(first + i).padStart(2, '0')}:00`, agentsRequired })),
})
const twoHours: ShiftTemplate = { name: '2h', lengthMinutes: 120, earliestStart: '08:00', latestStart: '10:00', startStepMinutes: 60 }

describe('buildScheduleModel', () => {
  it('has one integer variable per shift start and one cover row per interval with a requirement', () => {
    const model = buildScheduleModel(hourly([1, 2, 0, 1]), [twoHours])
    expect(model.mip.variables.map((v) => [v.name, v.cost, v.integer])).toEqual([
      ['x0', 2, true], ['x1', 2, true], ['x2', 2, true], // 08:00, 09:00, 10:00: 2 paid hours each
      ['s0', 2000, false], ['s1', 2000, false], ['s3', 2000, false], // shortfall, penalty 1000 x dearest shift
    ])
    // cover rows: 08:00 <- x0, 09:00 <- x0 + x1, (10:00 needs 0: no row), 11:00 <- x2
    expect(model.mip.constraints.map((r) => [r.name, r.indices.map((i) => model.mip.variables[i].name), r.lower])).toEqual([
      ['c0', ['x0', 's0'], 1], ['c1', ['x0', 'x1', 's1'], 2], ['c3', ['x2', 's3'], 1],
    ])
    expect(model.stats).toEqual({ shiftVariables: 3, breakVariables: 0, constraints: 3, intervals: 4, unreachableIntervals: 0 })
  })

  it('writes CPLEX LP text HiGHS can read', () => {
    const model = buildScheduleModel(hourly([1, 1]), [{ ...twoHours, latestStart: '08:00' }])
    expect(mipModelToLpText(model.mip)).toBe([
      'Minimize', ' obj: + 2 x0 + 2000 s0 + 2000 s1', 'Subject To', ' c0: + x0 + s0 >= 1', ' c1: + x0 + s1 >= 1',
      'Bounds', ' 0 <= s0 <= 1', ' 0 <= s1 <= 1', 'Generals', ' x0', 'End', '',
    ].join('\n'))
  })

  it('rounds a fractional requirement up to the cover lattice (whole agents, or halves with 15-min breaks)', () => {
    expect(buildScheduleModel(hourly([3.4]), [twoHours]).coverLowerBound).toEqual([4])
    const halfHourly = { intervalMinutes: 30, intervals: [{ start: '2024-03-04T08:00', agentsRequired: 3.4 }, { start: '2024-03-04T08:30', agentsRequired: 3.6 }] }
    const withCoffee: ShiftTemplate = { ...twoHours, startStepMinutes: 30, breaks: [{ lengthMinutes: 15, paid: true, earliestAfterMinutes: 30, latestAfterMinutes: 60 }] }
    expect(buildScheduleModel(halfHourly, [withCoffee]).coverLowerBound).toEqual([3.5, 4])
    expect(coverLatticeDenominator([[1, 0.5, -0.25]])).toBe(4)
    expect(coverLatticeDenominator([[1 / 7]])).toBe(7)
  })

  it('adds the mixed-integer rounding of a cover row whose requirement is a half agent', () => {
    // 3.4 agents at 08:00 on a 30-min grid with a 15-min break: cover lattice 1/2, so the row asks for 3.5;
    // rounded, the agents on shift (coefficient 1) must be 4 whatever their 15-min breaks (-0.5 -> 0), s doubled
    const halfHourly = { intervalMinutes: 30, intervals: [{ start: '2024-03-04T08:00', agentsRequired: 3.4 }, { start: '2024-03-04T08:30', agentsRequired: 3 }] }
    const withCoffee: ShiftTemplate = { ...twoHours, latestStart: '08:00', startStepMinutes: 30, breaks: [{ lengthMinutes: 15, paid: true, earliestAfterMinutes: 0, latestAfterMinutes: 30 }] }
    const model = buildScheduleModel(halfHourly, [withCoffee])
    const names = (r: { indices: number[] }) => r.indices.map((i) => model.mip.variables[i].name)
    const cover = model.mip.constraints.find((r) => r.name === 'c0')!
    expect([names(cover), cover.coefficients, cover.lower]).toEqual([['x0', 'b0_0', 's0'], [1, -0.5, 1], 3.5])
    const rounding = model.mip.constraints.filter((r) => r.name.startsWith('r'))
    expect(rounding.map((r) => [r.name, names(r), r.coefficients, r.lower])).toEqual([['r0', ['x0', 's0'], [1, 2], 4]]) // 08:30 needs a whole 3: no row
    // a lunch (-1) stays, a quarter of an interval counts half with f = 1/2, and nothing to round gives no row
    const variables = [{ name: 'x', cost: 1, lower: 0, upper: Infinity, integer: true }, { name: 'b', cost: 0, lower: 0, upper: Infinity, integer: true }, { name: 's', cost: 9, lower: 0, upper: 9, integer: false }]
    expect(coverRoundingRow({ name: 'c', indices: [0, 1, 2], coefficients: [0.25, -1, 1], lower: 2.5, upper: Infinity }, variables))
      .toEqual({ name: 'rc', indices: [0, 1, 2], coefficients: [0.5, -1, 2], lower: 3, upper: Infinity })
    expect(coverRoundingRow({ name: 'c', indices: [0, 2], coefficients: [1, 1], lower: 2, upper: Infinity }, variables)).toBeUndefined()
  })

  it('links break placements to their shift start (explicit model, Aykin 1996)', () => {
    const withLunch: ShiftTemplate = { ...twoHours, lengthMinutes: 240, latestStart: '08:00', breaks: [{ lengthMinutes: 60, paid: false, earliestAfterMinutes: 60, latestAfterMinutes: 180 }] }
    const model = buildScheduleModel(hourly([1, 1]), [withLunch]) // grid 08:00-10:00, lunch at 09:00, 10:00 or 11:00
    const [chain] = model.columns.breakChains
    expect([chain.starts, chain.times.map((t) => t % 1440 / 60)]).toEqual([[0], [9, 10, 11]])
    const link = model.mip.constraints.find((r) => r.name === 'l0')!
    expect(link.indices.map((i) => model.mip.variables[i].name)).toEqual(['b0_0', 'b0_1', 'b0_2', 'x0'])
    expect([link.coefficients, link.lower, link.upper]).toEqual([[1, 1, 1, -1], 0, 0])
    const cover09 = model.mip.constraints.find((r) => r.name === 'c1')!
    expect(cover09.indices.map((i) => model.mip.variables[i].name)).toEqual(['x0', 'b0_0', 's1'])
    expect(cover09.coefficients).toEqual([1, -1, 1])
    expect(model.mip.variables.find((v) => v.name === 'x0')!.cost).toBe(3) // 4 h less the unpaid hour
  })

  it('shares break-time variables among overlapping starts in the implicit model, with forward and backward rows', () => {
    // starts 08:00, 09:00, 10:00 with a 1-h lunch 1-2 h in: windows 09-10, 10-11, 11-12 (times 09, 10, 11, 12)
    const withLunch: ShiftTemplate = { ...twoHours, lengthMinutes: 240, breaks: [{ lengthMinutes: 60, paid: false, earliestAfterMinutes: 60, latestAfterMinutes: 120 }] }
    const model = buildScheduleModel(hourly([1, 1, 1, 1, 1, 1]), [withLunch], { breakModel: 'implicit' })
    const [chain] = model.columns.breakChains
    expect([chain.starts, chain.windows]).toEqual([[0, 1, 2], [[0, 1], [1, 2], [2, 3]]])
    const rows = model.mip.constraints.filter((r) => /^[lfg]/.test(r.name)).map((r) => `${r.name}: ${r.indices.map((i, k) => `${r.coefficients[k] > 0 ? '+' : '-'}${model.mip.variables[i].name}`).join(' ')} ${r.upper === 0 ? '=' : '>='} 0`)
    expect(rows).toEqual([
      'l0: +b0_0 +b0_1 +b0_2 +b0_3 -x0 -x1 -x2 = 0',
      'f0_0: +b0_0 +b0_1 -x0 >= 0', 'f0_1: +b0_0 +b0_1 +b0_2 -x0 -x1 >= 0',
      'g0_1: +b0_1 +b0_2 +b0_3 -x1 -x2 >= 0', 'g0_2: +b0_2 +b0_3 -x2 >= 0',
    ])
  })

  it('keeps an unreachable requirement as fixed shortfall, and adds upper rows when over-cover is forbidden or penalised', () => {
    const model = buildScheduleModel(hourly([2, 1, 1], 7), [twoHours], { overCover: 'forbid' })
    expect(model.unreachableShortfall).toEqual([2, 0, 0]) // nothing starts before 08:00
    expect(model.mip.constraints.filter((r) => r.name.startsWith('u')).map((r) => [r.name, r.upper])).toEqual([['u1', 1], ['u2', 1]])
    const penalised = buildScheduleModel(hourly([1, 1]), [twoHours], { overCover: { penaltyPerAgentInterval: 5 } })
    expect(penalised.mip.variables.filter((v) => v.name.startsWith('o')).map((v) => [v.name, v.cost])).toEqual([['o0', 5], ['o1', 5]])
  })

  it('adds per-day count rows for minimum and maximum counts', () => {
    const model = buildScheduleModel(hourly([1, 1, 1, 1]), [{ ...twoHours, minCountPerDay: 1, maxCountPerDay: 2 }])
    const row = model.mip.constraints.find((r) => r.name.startsWith('n'))!
    expect([row.name, row.indices.length, row.lower, row.upper]).toEqual(['n0_20240304', 3, 1, 2])
  })

  it('refuses contradictory input with every issue, and bad options with a RangeError', () => {
    expect(() => buildScheduleModel(hourly([1]), [{ ...twoHours, lengthMinutes: 0 }], { openingHours: { mon: { open: '09:00', close: '08:00' } } }))
      .toThrow(ScheduleInputError)
    expect(() => buildScheduleModel(hourly([1, 1], 6), [twoHours], { openingHours: { mon: { open: '08:00', close: '12:00' } } })).toThrow(ScheduleInputError)
    try {
      buildScheduleModel(hourly([1, 1], 6), [twoHours], { openingHours: { mon: { open: '08:00', close: '12:00' } } })
    } catch (error) {
      expect((error as ScheduleInputError).issues.map((i) => i.message)).toEqual([
        '1 agents are required at 2024-03-04T06:00 (mon) but the queue is closed then',
        '1 agents are required at 2024-03-04T07:00 (mon) but the queue is closed then',
      ])
    }
    expect(() => buildScheduleModel(hourly([1]), [twoHours], { overCover: 'sometimes' as never })).toThrow(/options.overCover/)
    expect(() => buildScheduleModel(hourly([1]), [twoHours], { shortfallPenaltyPerAgentInterval: 0 })).toThrow(/shortfallPenaltyPerAgentInterval/)
  })
})
