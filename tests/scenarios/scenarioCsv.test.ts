import { describe, expect, it } from 'vitest'
import { SCENARIO_INTERVAL_CSV_COLUMNS, scenarioIntervalCsv, scenarioPeriodCsv } from '../../src/scenarios/scenarioCsv.ts'
import { comparePlans, type ComparablePlan } from '../../src/scenarios/compare.ts'

const start = Date.parse('2003-10-27T12:00:00Z') // 07:00 EST
function plan(name: string, volume: number, required: number, asa: number): ComparablePlan {
  return {
    name, intervalMinutes: 30, hoursPerFte: 8, costPerHour: 30, fromDateKey: '2003-10-27', toDateKey: '2003-10-27',
    intervals: [{ startMs: start, dateKey: '2003-10-27', volume, ahtSeconds: 300, workloadErlangs: (volume * 300) / 1800, agentsRequired: required, agentsScheduledExact: required / 0.7, agentsScheduled: Math.ceil(required / 0.7), coverageAgents: null, serviceLevel: 0.8123456789, asaSeconds: asa }],
  }
}

describe('scenario CSV', () => {
  it('writes each interval of both plans with the differences, local time with its offset', () => {
    const csv = scenarioIntervalCsv(plan('baseline', 296, 55, 20), plan('Volume +10%, "peak"', 325.6, 59, Infinity), { queueName: 'US bank', timeZone: 'America/New_York' })
    const [header, row] = csv.trim().split('\n')
    expect(header.split(',')).toEqual([...SCENARIO_INTERVAL_CSV_COLUMNS])
    expect(row).toBe('2003-10-27T07:00:00-05:00,US bank,"Volume +10%, ""peak""",296,325.6,29.6,300,300,49.333,54.267,55,59,4,79,85,6,0.8123,0.8123,0,20,inf,inf')
    // a hostile scenario or queue name comes out as text, a negative difference as a number
    const hostile = scenarioIntervalCsv(plan('baseline', 296, 55, 20), plan("+cmd|' /C calc'!A0", 200, 40, 10), { queueName: '@SUM(A1)', timeZone: 'America/New_York' }).trim().split('\n')[1]
    expect(hostile.startsWith("2003-10-27T07:00:00-05:00,'@SUM(A1),'+cmd|' /C calc'!A0,296,200,-96,")).toBe(true)
  })

  it('writes days (or weeks) and the total, one row per scenario', () => {
    const csv = scenarioPeriodCsv(comparePlans(plan('b', 296, 55, 20), [plan('s', 325.6, 59, 25)]), 'day', { queueName: 'US bank' })
    const lines = csv.trim().split('\n')
    expect(lines.length).toBe(3)
    expect(lines[1].startsWith('2003-10-27,2003-10-27,2003-10-27,US bank,s,296,325.6,29.6,')).toBe(true)
    expect(lines[2].startsWith('total,2003-10-27,2003-10-27,US bank,s,')).toBe(true)
  })
})
