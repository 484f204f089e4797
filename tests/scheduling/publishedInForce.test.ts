import { describe, expect, it } from 'vitest'
import { isInForceOn, scheduleInForceOn, schedulesInForce } from '../../src/scheduling/publishedInForce.ts'

const week1 = { scheduleId: 1, queueId: 1, fromDateKey: '1999-11-01', toDateKey: '1999-11-07', publishedAtMs: 1_000 }
const week2 = { scheduleId: 2, queueId: 1, fromDateKey: '1999-11-08', toDateKey: '1999-11-14', publishedAtMs: 2_000 }

describe('schedulesInForce', () => {
  it('keeps consecutive published weeks of a queue both in force (the QA case: schedule 1 after schedule 2 was published)', () => {
    const list = schedulesInForce([week1, week2])
    expect(list.map((s) => s.scheduleId)).toEqual([2, 1])
    expect(list.every((s) => s.superseded.length === 0 && !s.fullySuperseded)).toBe(true)
    expect(scheduleInForceOn(list, 1, '1999-11-05')?.scheduleId).toBe(1)
    expect(scheduleInForceOn(list, 1, '1999-11-08')?.scheduleId).toBe(2)
    expect(scheduleInForceOn(list, 1, '1999-11-15')).toBeUndefined()
  })

  it('gives overlapping dates to the schedule published later, the older keeps its other dates', () => {
    const overlap = { scheduleId: 3, queueId: 1, fromDateKey: '1999-11-06', toDateKey: '1999-11-09', publishedAtMs: 3_000 }
    const list = schedulesInForce([week1, week2, overlap])
    const byId = new Map(list.map((s) => [s.scheduleId, s]))
    expect(byId.get(1)!.superseded).toEqual([{ fromDateKey: '1999-11-06', toDateKey: '1999-11-07', byScheduleId: 3 }])
    expect(byId.get(2)!.superseded).toEqual([{ fromDateKey: '1999-11-08', toDateKey: '1999-11-09', byScheduleId: 3 }])
    expect(isInForceOn(byId.get(1)!, '1999-11-05')).toBe(true)
    expect(isInForceOn(byId.get(1)!, '1999-11-06')).toBe(false)
    expect(scheduleInForceOn(list, 1, '1999-11-07')?.scheduleId).toBe(3)
    expect(scheduleInForceOn(list, 1, '1999-11-10')?.scheduleId).toBe(2)
  })

  it('marks a schedule wholly covered by a newer one, and decides a tie of publication time by the higher id', () => {
    const copy = { ...week1, scheduleId: 4, publishedAtMs: 1_000 }
    const list = schedulesInForce([week1, copy])
    expect(list.find((s) => s.scheduleId === 1)!.fullySuperseded).toBe(true)
    expect(list.find((s) => s.scheduleId === 4)!.fullySuperseded).toBe(false)
  })

  it('never lets another queue\'s schedule supersede', () => {
    const other = { ...week1, scheduleId: 5, queueId: 2, publishedAtMs: 9_000 }
    const list = schedulesInForce([week1, other])
    expect(list.every((s) => s.superseded.length === 0)).toBe(true)
    expect(scheduleInForceOn(list, 1, '1999-11-03')?.scheduleId).toBe(1)
    expect(scheduleInForceOn(list, 2, '1999-11-03')?.scheduleId).toBe(5)
  })
})
