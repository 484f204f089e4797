/**
 * The worker pool behind every slow web computation (issue 15, defect 1): results and errors come back with their
 * class, progress arrives, and a task over its time limit is stopped with a clear message (its worker terminated,
 * so the CPU is freed) while the next task runs normally and the calling thread stays free meanwhile.
 */
import { describe, expect, it } from 'vitest'
import { TimeLimitError, runInWorker } from '../../src/workers/runInWorker.ts'

const moduleUrl = new URL('./tasks.fixture.ts', import.meta.url).href

describe('runInWorker', () => {
  it('returns the result, keeps the error class and message, and reports progress', async () => {
    expect(await runInWorker({ moduleUrl, exportName: 'add', args: [2, 40] }, { timeLimitMs: 20_000, what: 'a sum' })).toBe(42)
    await expect(runInWorker({ moduleUrl, exportName: 'refuse', args: [] }, { timeLimitMs: 20_000, what: 'a plan' })).rejects.toThrow(new RangeError('the load is too high to staff'))
    const seen: number[] = []
    expect(await runInWorker({ moduleUrl, exportName: 'countTo', args: [3] }, { timeLimitMs: 20_000, what: 'a count', onProgress: ((done: number) => seen.push(done)) as never })).toBe(3)
    expect(seen).toEqual([1, 2, 3])
  }, 30_000)

  it('stops a task at its time limit with a message naming it, keeps this thread free, and runs the next task', async () => {
    const started = Date.now()
    let ticks = 0
    const ticker = setInterval(() => { ticks++ }, 20)
    const error = await runInWorker<number>({ moduleUrl, exportName: 'spin', args: [60_000] }, { timeLimitMs: 1500, what: 'the staffing plan', advice: 'Plan fewer days.' }).then(() => null, (e: unknown) => e as TimeLimitError)
    clearInterval(ticker)
    expect(error).toBeInstanceOf(TimeLimitError)
    expect(error?.message).toBe('The staffing plan took longer than 1.5 s and was stopped; nothing was changed. Plan fewer days.')
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(ticks).toBeGreaterThan(20) // the calling thread kept running its timers while the task spun
    expect(await runInWorker({ moduleUrl, exportName: 'add', args: [1, 1] }, { timeLimitMs: 20_000, what: 'a sum' })).toBe(2)
  }, 30_000)
})
