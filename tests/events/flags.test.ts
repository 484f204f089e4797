import { describe, expect, it } from 'vitest'
import { flagShortfalls, flagsToCsv } from '../../src/events/flags.ts'
import { intervalsOfDay } from '../../src/time/intervals.ts'

const ZONE = 'Europe/Paris'
const day = intervalsOfDay('2024-06-03', ZONE, 60).slice(8, 16) // 08:00 … 15:00

describe('flagShortfalls', () => {
  const input = Object.freeze({
    startMs: day, intervalMinutes: 60, timeZone: ZONE,
    needAgents: [10, 12, 14, 14, 13, 12, 10, 9],
    coverAgents: [10, 11, 12, 12, 12, 12, 11, 10],
    eventIds: [[], [5], [5], [5], [5], [5], [5], []],
  })

  it('flags intervals whose need exceeds the cover, in agents and agent-hours, with the events behind them', () => {
    const flags = flagShortfalls(input)
    expect(flags.intervals.map((f) => [f.localStart, f.shortfallAgents, f.eventIds])).toEqual([
      ['2024-06-03T09:00', 1, [5]], ['2024-06-03T10:00', 2, [5]], ['2024-06-03T11:00', 2, [5]], ['2024-06-03T12:00', 1, [5]],
    ])
    expect(flags.totalShortfallAgentHours).toBe(6)
    expect(flags.days).toEqual([{
      dateKey: '2024-06-03', intervalCount: 4, peakShortfallAgents: 2, shortfallAgentHours: 6, eventIds: [5],
      coverBlocks: [{ fromLocal: '09:00', toLocal: '13:00', extraAgents: 1, agentHours: 4 }, { fromLocal: '10:00', toLocal: '12:00', extraAgents: 1, agentHours: 2 }],
    }])
  })

  it('covers a fractional shortfall with whole agents and splits blocks at gaps', () => {
    const flags = flagShortfalls({ ...input, needAgents: [11.5, 10, 12, 10, 10, 10, 10, 10], coverAgents: [10, 10, 10, 10, 10, 10, 10, 10], eventIds: undefined })
    expect(flags.days[0].coverBlocks).toEqual([
      { fromLocal: '08:00', toLocal: '09:00', extraAgents: 2, agentHours: 2 },
      { fromLocal: '10:00', toLocal: '11:00', extraAgents: 2, agentHours: 2 },
    ])
    expect(flags.totalShortfallAgentHours).toBe(3.5)
  })

  it('writes CSV with one row per flagged interval', () => {
    const csv = flagsToCsv([{ queueName: 'Support, EU', timeZone: ZONE, flags: flagShortfalls(input) }], (id) => (id === 5 ? 'Summer "sale"' : String(id)))
    expect(csv.split('\n')[0]).toBe('queue,interval_start,need_agents,cover_agents,shortfall_agents,shortfall_agent_hours,events')
    expect(csv.split('\n')[2]).toBe('"Support, EU",2024-06-03T10:00:00+02:00,14,12,2,2,"Summer ""sale"""')
  })

  it('names bad input', () => {
    expect(() => flagShortfalls({ ...input, coverAgents: [1] })).toThrow('coverAgents has 1 values but startMs has 8')
    expect(() => flagShortfalls({ ...input, needAgents: [NaN, 1, 1, 1, 1, 1, 1, 1] })).toThrow('needAgents[0] must be a finite number >= 0, got NaN')
  })
})
