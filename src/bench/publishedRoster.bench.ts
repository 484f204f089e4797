/**
 * Published rosters benchmark: every published schedule counts on its dates (src/scheduling/publishedInForce.ts),
 * so what My shifts, the calendar feed, the requests page and the schedules list read grows with the history of
 * published schedules. A year of weekly schedules of one queue (52 published weeks, 60 agents, 60 shifts a day:
 * 21,840 shift rows, in an in-memory libSQL database): the time of one agent's shifts (My shifts and the .ics feed),
 * the state approving a day off reads (the schedules in force those days) and the schedules list with its figures.
 * These run on the request thread, so each should stay well under 100 ms.
 * Run: node --expose-gc --import tsx src/bench/publishedRoster.bench.ts   (or: npm run bench -- publishedRoster)
 */
import { createDb } from '../db/client.ts'
import { migrateDb } from '../db/migrate.ts'
import { createQueue } from '../db/queues.ts'
import { schedules, scheduleShifts } from '../db/schema.ts'
import { listSchedules } from '../db/schedules.ts'
import { listShiftRowsInForce, publishedSchedulesInForce } from '../db/publishedRoster.ts'
import { publishedShiftsOfAgent, rosterState } from '../planning/agentRequests.ts'
import { parseLocalIsoToUtcMs } from '../time/zones.ts'

const ZONE = 'Asia/Jerusalem'
const WEEKS = 52, AGENTS = 60, SHIFTS_PER_DAY = 60
const db = await createDb(':memory:')
await migrateDb(db)
const queue = await createQueue(db, { name: 'PS', timeZone: ZONE })
const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const firstMs = Date.parse('2025-01-05T00:00:00Z') // a Sunday
for (let w = 0; w < WEEKS; w++) {
  const from = dayKey(firstMs + w * 7 * 86_400_000), to = dayKey(firstMs + (w * 7 + 6) * 86_400_000)
  const [row] = await db.orm.insert(schedules).values({
    queueId: queue.id, fromDateKey: from, toDateKey: to, status: 'published', createdAtMs: w, updatedAtMs: w, publishedAtMs: 1_000 + w,
    solverStatus: 'optimal', gap: 0, objective: 0, paidAgentHours: 0, requirementJson: '{}', templatesJson: JSON.stringify([{ name: 'day', costPerHour: 20 }]), version: 2,
  }).returning({ id: schedules.id })
  const rows = []
  for (let d = 0; d < 7; d++) {
    const date = dayKey(firstMs + (w * 7 + d) * 86_400_000)
    for (let k = 0; k < SHIFTS_PER_DAY; k++) {
      const startLocal = `${date}T${String(7 + (k % 10)).padStart(2, '0')}:00`
      rows.push({ scheduleId: row.id, templateName: 'day', startLocal, startMs: parseLocalIsoToUtcMs(startLocal + ':00', ZONE), lengthMinutes: 480, paidMinutes: 450, count: 1, agent: `Agent ${(k + d * 7) % AGENTS}`, breaksJson: '[]' })
    }
  }
  for (let i = 0; i < rows.length; i += 200) await db.orm.insert(scheduleShifts).values(rows.slice(i, i + 200))
}

async function medianMs(run: () => Promise<unknown>, times = 15): Promise<number> {
  await run()
  const ms: number[] = []
  for (let i = 0; i < times; i++) { const t = performance.now(); await run(); ms.push(performance.now() - t) }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)]
}

const mine = await publishedShiftsOfAgent(db, 'Agent 7')
const all = await listShiftRowsInForce(db, await publishedSchedulesInForce(db))
const list = await listSchedules(db, queue.id)
console.log(`publishedRoster: ${WEEKS} published weeks, ${all.length} shift rows in force, ${mine.length} of them Agent 7's, ${list.length} schedules listed`)
console.log(`publishedRoster: one agent's shifts (My shifts, .ics feed): median ${(await medianMs(() => publishedShiftsOfAgent(db, 'Agent 7'))).toFixed(1)} ms (target < 100 ms)`)
console.log(`publishedRoster: what approving a day off reads (the schedules in force that day and the day before): median ${(await medianMs(() => rosterState(db, { fromDateKey: '2025-06-10', toDateKey: '2025-06-10' }))).toFixed(1)} ms (target < 100 ms)`)
console.log(`publishedRoster: every shift in force, all ${WEEKS} weeks (not read by any page; for scale): median ${(await medianMs(async () => listShiftRowsInForce(db, await publishedSchedulesInForce(db)), 5)).toFixed(1)} ms`)
console.log(`publishedRoster: schedules list with current paid hours and cost: median ${(await medianMs(() => listSchedules(db, queue.id))).toFixed(1)} ms (target < 100 ms)`)
db.client.close()
