import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../../src/cli/commands/plan.ts'
import { memoryIo } from '../../src/cli/io.ts'
import { createDb, type Db } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { findQueueByName } from '../../src/db/queues.ts'
import { saveStaffingSettings } from '../../src/db/staffingSettings.ts'
import { forecastQueue } from '../../src/planning/queueForecast.ts'
import { DEFAULT_STAFFING_SETTINGS, staffingPlan, staffingPlanCsv } from '../../src/planning/staffingPlan.ts'
import { agentsForErlangC } from '../../src/staffing/index.ts'

let dir: string
let env: Record<string, string>
let db: Db

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chatplan-plan-cli-'))
  const url = 'file:' + join(dir, 'cli.db')
  env = { DATABASE_URL: url }
  db = await createDb(url)
  await migrateDb(db)
  const bank = readFileSync(new URL('../../data/demo/bank_calls_30min.csv', import.meta.url), 'utf8').trim().split('\n')
  writeFileSync(join(dir, 'bank.csv'), bank.filter((l, i) => i === 0 || l >= '2003-09-01').join('\n') + '\n')
  await importFile(db, { kind: 'intervals', path: join(dir, 'bank.csv'), fileName: 'bank.csv', queueName: 'US bank', timeZone: 'America/New_York' })
})

afterAll(() => { db.client.close(); rmSync(dir, { recursive: true, force: true }) })

describe('chatplan plan', () => {
  it('prints the staffing CSV with the default settings (80% in 60 s, Erlang C, shrinkage 30%)', async () => {
    const io = memoryIo('', env)
    const code = await run(['--queue', 'US bank', '--from', '2003-10-27', '--to', '2003-10-28'], io)
    expect(io.stderr).toMatch(/^chatplan plan: US bank, 96 intervals of 30 min in America\/New_York .*default settings: 80% within 60 s; Erlang C; shrinkage 30%; staffed at the mean forecast; .*AHT constant 300 s because the history of this queue has no handle times/)
    expect(code).toBe(0)
    const lines = io.stdout.trimEnd().split('\n')
    expect(lines[0]).toBe('interval_start,queue,forecast_volume,forecast_aht_seconds,workload_erlangs,agents_required,agents_scheduled,expected_service_level,expected_asa_seconds')
    expect(lines.length).toBe(1 + 96)
    const nine = lines.find((l) => l.startsWith('2003-10-27T09:00:00-05:00,US bank,'))!.split(',')
    const volume = Number(nine[2])
    expect(Number(nine[3])).toBe(300)
    expect(Number(nine[4])).toBeCloseTo((volume * 300) / 1800, 2) // the volume is written to 2 decimals, the workload to 3
    expect(Number(nine[5])).toBe(agentsForErlangC((volume * 300) / 1800, 300, { serviceLevelTarget: 0.8, answerWithinSeconds: 60 }).agents)
    expect(Number(nine[6])).toBe(Math.ceil(Number(nine[5]) / 0.7 - 1e-9))
    expect(Number(nine[7])).toBeGreaterThanOrEqual(0.8)
    // the same rows as the plan computed in-process from the same forecast
    const queue = (await findQueueByName(db, 'US bank'))!
    const forecast = await forecastQueue(db, queue, { fromDateKey: '2003-10-27', toDateKey: '2003-10-28' })
    expect(io.stdout).toBe(staffingPlanCsv(staffingPlan(forecast, DEFAULT_STAFFING_SETTINGS, { queueName: 'US bank' })))
  })

  it('uses the settings saved for the queue', async () => {
    const queue = (await findQueueByName(db, 'US bank'))!
    await saveStaffingSettings(db, queue.id, { ...DEFAULT_STAFFING_SETTINGS, serviceLevelTarget: 0.9, answerWithinSeconds: 20, ahtOverrideSeconds: 240 })
    const io = memoryIo('', env)
    expect(await run(['--queue', 'US bank', '--from', '2003-10-27', '--to', '2003-10-27'], io)).toBe(0)
    expect(io.stderr).toContain('saved settings: 90% within 20 s; Erlang C')
    expect(io.stderr).toContain('AHT override 240 s')
    const nine = io.stdout.split('\n').find((l) => l.startsWith('2003-10-27T09:00:00-05:00'))!.split(',')
    expect(Number(nine[3])).toBe(240)
    expect(Number(nine[5])).toBe(agentsForErlangC((Number(nine[2]) * 240) / 1800, 240, { serviceLevelTarget: 0.9, answerWithinSeconds: 20 }).agents)
    await saveStaffingSettings(db, queue.id, DEFAULT_STAFFING_SETTINGS)
  })

  it.each([
    [['--from', '2003-10-27', '--to', '2003-10-28'], '--queue NAME is required'],
    [['--queue', 'US bank', '--to', '2003-10-28'], '--from YYYY-MM-DD is required'],
    [['--queue', 'US bank', '--from', '27/10/2003', '--to', '2003-10-28'], "the start date must be a date like 2003-10-27 (YYYY-MM-DD) between 1970 and 2100, got '27/10/2003'"],
    [['--queue', 'US bank', '--from', '2003-10-28', '--to', '2003-10-27'], 'the end date 2003-10-27 is before the start date 2003-10-28'],
    [['--queue', 'US bank', '--from', '2003-10-27', '--to', '2004-10-27'], 'plan at most 62 days at a time'],
    [['--queue', 'Nope', '--from', '2003-10-27', '--to', '2003-10-28'], "no queue named 'Nope'"],
    [['--queue', 'US bank', '--from', '2003-10-01', '--to', '2003-10-02'], "the range 2003-10-01 to 2003-10-02 is not after the history of 'US bank' (which ends 2003-10-24)"],
    [['--queue', 'US bank', '--from', '2003-10-27', '--to', '2003-10-28', '--staff-at', 'p80'], 'unknown option --staff-at'],
    [['--queue'], 'option --queue needs a value'],
  ])('refuses %j with a message on stderr and exit code 1', async (args, message) => {
    const io = memoryIo('', env)
    expect(await run(args, io)).toBe(1)
    expect(io.stderr).toContain(message)
    expect(io.stdout).toBe('')
  })

  it('refuses stored settings outside the documented bounds (an AHT override saved absurdly high), naming the field', async () => {
    const queue = (await findQueueByName(db, 'US bank'))!
    await saveStaffingSettings(db, queue.id, { ...DEFAULT_STAFFING_SETTINGS, ahtOverrideSeconds: 1e7 })
    const io = memoryIo('', env)
    expect(await run(['--queue', 'US bank', '--from', '2003-10-27', '--to', '2003-10-27'], io)).toBe(1)
    expect(io.stderr).toContain('AHT override must be between 1 and 14400 seconds, got 10000000')
    await saveStaffingSettings(db, queue.id, DEFAULT_STAFFING_SETTINGS)
  })
})

describe('chatplan plan with the calendar per date', () => {
  it('gives no agent on a date closed by hand and none outside a shortened date\'s hours, and names them on stderr', async () => {
    const { saveQueueDates, removeQueueDate } = await import('../../src/planning/queueCalendar.ts')
    const queue = (await findQueueByName(db, 'US bank'))!
    await saveQueueDates(db, queue, [
      { dateKey: '2003-10-28', closed: true, reason: 'office move' },
      { dateKey: '2003-10-27', closed: false, openMinute: 540, closeMinute: 780, reason: 'staff training' },
    ], 'test')
    try {
      const io = memoryIo('', env)
      expect(await run(['--queue', 'US bank', '--from', '2003-10-27', '--to', '2003-10-28'], io)).toBe(0)
      expect(io.stderr).toContain('calendar per date: 2003-10-27 open 09:00–13:00 only: staff training, 2003-10-28 closed: office move')
      const rows = io.stdout.trimEnd().split('\n').slice(1).map((l) => l.split(','))
      expect(rows.length).toBe(96)
      const needed = rows.filter((r) => Number(r[5]) > 0).map((r) => r[0].slice(0, 16))
      // Only the 8 half-hours of 09:00–13:00 on the 27th (the bank is busy then), none on the 28th.
      expect(needed).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30'].map((t) => `2003-10-27T${t}`))
    } finally {
      await removeQueueDate(db, queue, '2003-10-28')
      await removeQueueDate(db, queue, '2003-10-27')
    }
  })
})
