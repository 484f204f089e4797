/**
 * The schedule solver in the worker pool (src/workers), which replaced its own worker: the same result and progress
 * as in-process, input errors as a ScheduleInputError, cancelling through a signal, and the pool's time limit.
 */
import { describe, expect, it } from 'vitest'
import { ScheduleInputError } from '../../src/scheduling/scheduleInputError.ts'
import { solveSchedule, type ScheduleSolveResult, type SolvedSchedule } from '../../src/scheduling/solve.ts'
import { solveScheduleInWorker } from '../../src/planning/scheduleSolveTask.ts'

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
/** Requirement on 2024-03-04 (a Monday) from `first` (minutes of day), one value per interval. */
function requirement(values: number[], intervalMinutes: number, first: number) {
  return { intervalMinutes, intervals: values.map((agentsRequired, i) => ({ start: `2024-03-04T${clock(first + i * intervalMinutes)}`, agentsRequired })) }
}
function solved(result: ScheduleSolveResult): SolvedSchedule {
  if (result.status !== 'optimal' && result.status !== 'feasible') throw new Error(`expected a schedule, got ${JSON.stringify(result)}`)
  return result
}

describe('solveScheduleInWorker (the worker pool)', () => {
  it('solves in a worker with the same result and progress as in-process', async () => {
    const events: string[] = []
    const req = requirement(new Array(16).fill(1), 60, 360)
    const templates = [{ name: '8h', lengthMinutes: 480, earliestStart: '06:00', latestStart: '14:00', startStepMinutes: 60 }]
    const result = solved(await solveScheduleInWorker(req, templates, { onProgress: (e) => events.push(e.phase) }))
    expect([result.status, result.paidAgentHours]).toEqual(['optimal', 16])
    expect(result.schedule).toEqual(solved(await solveSchedule(req, templates)).schedule)
    expect(events[0]).toBe('building')
    expect(events[events.length - 1]).toBe('done')
  }, 60_000)

  it('passes input errors back as a ScheduleInputError and can be cancelled', async () => {
    const error = await solveScheduleInWorker(requirement([1], 60, 480), [{ name: 'zero', lengthMinutes: 0, earliestStart: '08:00', latestStart: '08:00', startStepMinutes: 60 }]).then(() => null, (e: unknown) => e)
    expect(error).toBeInstanceOf(ScheduleInputError)
    expect((error as ScheduleInputError).issues[0]).toMatchObject({ template: 'zero', field: 'lengthMinutes' })
    const controller = new AbortController()
    controller.abort()
    const cancelled = await solveScheduleInWorker(requirement([1], 60, 480), [{ name: '1h', lengthMinutes: 60, earliestStart: '08:00', latestStart: '08:00', startStepMinutes: 60 }], { signal: controller.signal })
    expect(cancelled).toMatchObject({ status: 'error', message: 'cancelled' })
    const running = new AbortController()
    const pending = solveScheduleInWorker(requirement(new Array(16).fill(3), 60, 360), [{ name: '4h', lengthMinutes: 240, earliestStart: '06:00', latestStart: '18:00', startStepMinutes: 15 }], { signal: running.signal })
    setTimeout(() => running.abort(), 5)
    expect(await pending).toMatchObject({ status: 'error', message: 'cancelled' })
  }, 60_000)
})
