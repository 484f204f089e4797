import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { run } from '../../src/cli/commands/capacity.ts'
import { runCli } from '../../src/cli/main.ts'
import { memoryIo } from '../../src/cli/io.ts'
import { addWeeks, GAP_TOLERANCE_FTE } from '../../src/capacity/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'chatplan-capacity-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
const file = (name: string, text: string) => { const p = join(dir, `${++n}-${name}`); writeFileSync(p, text); return p }
const requirements = (first: string, values: number[]) => file('R.csv', ['week_start,required_fte', ...values.map((v, i) => `${addWeeks(first, i)},${v}`)].join('\n') + '\n')
const ISSUE_STAFF = { headcount: 120, attrition_monthly: 0.03, training_weeks: 4, ramp: [0.5, 0.75, 0.9], hiring_lead_weeks: 6, class_size_max: 15, min_weeks_between_classes: 2, planned_hires: [{ week_start: '2000-02-06', count: 10 }] }
const staff = (model: unknown = ISSUE_STAFF) => file('S.json', JSON.stringify(model))
async function capacity(...args: string[]) {
  const io = memoryIo()
  const code = await run(args, io)
  return { code, out: io.stdout, err: io.stderr }
}
const parse = (out: string) => out.trim().split('\n').slice(1).map((l) => { const c = l.split(','); return { week: c[0], required: +c[1], headcount: +c[2], productive: +c[3], gap: +c[4], hires: +c[5], leavers: +c[6] } })

describe('chatplan capacity', () => {
  it('projects the issue’s example: columns, planned class, attrition at 1 − 0.97^(12/52) a week', async () => {
    const r = await capacity('--requirements', requirements('2000-01-02', Array(12).fill(118)), '--staff', staff())
    expect(r.code).toBe(0)
    expect(r.out.split('\n')[0]).toBe('week_start,required_fte,headcount,productive_fte,gap_fte,hires_starting,leavers')
    const rows = parse(r.out)
    expect(rows).toHaveLength(12)
    const w = 1 - 0.97 ** (12 / 52) // 0.0070044
    expect(rows[0]).toEqual({ week: '2000-01-02', required: 118, headcount: 120, productive: 120, gap: 2, hires: 0, leavers: Math.round(120 * w * 1000) / 1000 })
    expect(rows[5].week).toBe('2000-02-06')
    expect(rows[5].hires).toBe(10)
    expect(rows[5].headcount).toBeCloseTo(120 * (1 - w) ** 5 + 10, 3)
    expect(rows[5].productive).toBeCloseTo(120 * (1 - w) ** 5, 3) // the class is in training
    expect(rows[9].productive).toBeCloseTo(120 * (1 - w) ** 9 + 10 * (1 - w) ** 4 * 0.5, 3) // first ramp week
    expect(r.err).toMatch(/^paid_hours=\d/m)
  })

  it('--recommend prints each class on stderr, names the weeks it cannot close, and closes every other week from --from', async () => {
    const r = await capacity('--requirements', requirements('2000-01-02', Array.from({ length: 30 }, (_, i) => 115 + i)), '--staff', staff(), '--from', '2000-01-16', '--recommend', '--time-limit', '60')
    expect(r.code).toBe(0)
    const classes = [...r.err.matchAll(/^recommended_class week_start=(\d{4}-\d{2}-\d{2}) size=(\d+)$/gm)].map((m) => ({ week: m[1], size: Number(m[2]) }))
    expect(classes.length).toBeGreaterThan(1)
    for (const c of classes) { expect(c.week >= '2000-02-13').toBe(true); expect(c.size).toBeLessThanOrEqual(15) } // lead time 6 weeks
    const unclosable = [...r.err.matchAll(/^unclosable_week week_start=(\S+) shortfall_fte=(\S+) reason="(.+)"$/gm)].map((m) => m[1])
    expect(unclosable.length).toBeGreaterThan(0)
    const rows = parse(r.out)
    for (const row of rows) if (row.week >= '2000-01-16' && !unclosable.includes(row.week)) expect(row.gap).toBeGreaterThanOrEqual(-GAP_TOLERANCE_FTE - 0.0005)
    expect(rows.filter((row) => row.hires > 0).map((row) => row.week)).toEqual(expect.arrayContaining(classes.map((c) => c.week)))
    expect(r.err).toMatch(/^recommended_hires=\d+ classes=\d+ unclosable_weeks=\d+ fewest=proven$/m)
  }, 120_000)

  it('refuses bad input with a clear message and exit 1', async () => {
    const cases: [string[], RegExp][] = [
      [['--requirements', requirements('2000-01-02', [1]), '--staff', staff(), '--weeks-ahead', '3'], /unknown option --weeks-ahead/],
      [['--staff', staff()], /--requirements R\.csv is required \(or --queue NAME --weeks N\)/],
      [['--requirements', file('R.csv', 'week_start,required_fte\n2000-01-02,10\n2000-01-10,11\n'), '--staff', staff()], /row 3 column week_start: 2000-01-10 does not follow 2000-01-02 by 7 days/],
      [['--requirements', file('R.csv', 'week_start,required_fte\n2000-01-02,ten\n'), '--staff', staff()], /row 2 column required_fte: 'ten' is not a number >= 0/],
      [['--requirements', file('R.csv', 'week,fte\n'), '--staff', staff()], /missing column week_start/],
      [['--requirements', requirements('2000-01-02', [1]), '--staff', staff({ ...ISSUE_STAFF, class_size_max: 0 })], /S\.json: class_size_max: /],
      [['--requirements', requirements('2000-01-02', [1]), '--staff', staff({ ...ISSUE_STAFF, rampup: [1] })], /unknown field "rampup"/],
      [['--requirements', requirements('2000-01-02', [1]), '--staff', file('S.json', '{ headcount: 1 ')], /S\.json: not valid JSON/],
      [['--requirements', requirements('2000-01-02', [1, 1]), '--staff', staff({ ...ISSUE_STAFF, planned_hires: [] }), '--from', '2000-01-03', '--recommend'], /--from: 2000-01-03 is not a week of the requirements/],
      [['--requirements', requirements('2000-01-02', [1, 1]), '--staff', staff({ ...ISSUE_STAFF, planned_hires: [] }), '--from', '2000-01-09'], /--from goes with --recommend/],
      [['--requirements', requirements('2000-01-02', Array(12).fill(1)), '--staff', staff({ ...ISSUE_STAFF, planned_hires: [{ week_start: '2000-02-07', count: 1 }] })], /planned_hires: 2000-02-07 is not a week of the plan/],
      [['--requirements', join(dir, 'missing.csv'), '--staff', staff()], /missing\.csv: the requirements file cannot be read: no such file/],
      [['--queue', 'x', '--weeks', '100', '--staff', staff()], /--weeks: Weeks to plan must be a whole number between 1 and 78 weeks, got 100/],
    ]
    for (const [args, message] of cases) {
      const r = await capacity(...args)
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.err).toMatch(message)
      expect(r.out).toBe('')
    }
  })

  it('groups: one row per week for the team (all) and per group; required_fte_NAME columns give each group its requirement; classes per group', async () => {
    const groupsStaff = { headcount: 100, attrition_monthly: 0, training_weeks: 2, class_size_max: 6, hiring_lead_weeks: 1, min_weeks_between_classes: 2,
      groups: [{ name: 'Sales', headcount: 70 }, { name: 'Billing', headcount: 30, attrition_monthly: 0.03 }] }
    const lines = ['week_start,required_fte,required_fte_Sales,required_fte_Billing', ...Array.from({ length: 12 }, (_, i) => `${addWeeks('2000-01-02', i)},${i < 6 ? 80 : 90},50,${i < 6 ? 30 : 40}`)]
    const r = await capacity('--requirements', file('R.csv', lines.join('\n') + '\n'), '--staff', staff(groupsStaff), '--recommend')
    expect(r.err).not.toMatch(/chatplan capacity:/)
    expect(r.code).toBe(0)
    const out = r.out.trim().split('\n')
    expect(out[0]).toBe('group,week_start,required_fte,headcount,productive_fte,gap_fte,hires_starting,leavers')
    const rows = out.slice(1).map((l) => l.split(','))
    expect(rows.map((c) => c[0])).toEqual([...Array(12).fill('all'), ...Array(12).fill('Sales'), ...Array(12).fill('Billing')])
    const of = (group: string, i: number) => rows.filter((c) => c[0] === group)[i]
    // Sales: 70 people, nobody leaves, 50 required: +20 every week, no class
    expect(of('Sales', 11).slice(2, 6).map(Number)).toEqual([50, 70, 70, 20])
    // Billing's week 1: 30 people at 3% a month, 30 required; the team week is the sum
    expect(Number(of('Billing', 0)[7])).toBeCloseTo(30 * (1 - 0.97 ** (12 / 52)), 3)
    for (let i = 0; i < 12; i++) expect(Number(of('all', i)[3])).toBeCloseTo(Number(of('Sales', i)[3]) + Number(of('Billing', i)[3]), 2)
    // the team is never short in total, but Billing is: its classes are recommended, Sales's surplus does not count
    const classes = [...r.err.matchAll(/^recommended_class week_start=(\S+) size=(\d+) group=(\S+)$/gm)].map((m) => ({ week: m[1], size: +m[2], group: m[3] }))
    expect(classes.length).toBeGreaterThan(0)
    expect(classes.every((c) => c.group === 'Billing' && c.size <= 6)).toBe(true)
    const billingWeeks = rows.filter((c) => c[0] === 'Billing')
    for (const c of billingWeeks.slice(3)) expect(Number(c[5])).toBeGreaterThanOrEqual(-0.001)
    // the same model with the requirement split by share instead of columns
    const byShare = await capacity('--requirements', requirements('2000-01-02', Array(12).fill(100)), '--staff', staff({ ...groupsStaff, groups: [{ ...groupsStaff.groups[0], share: 0.6 }, { ...groupsStaff.groups[1], share: 0.4 }] }))
    expect(byShare.code).toBe(0)
    const shareRows = byShare.out.trim().split('\n').slice(1).map((l) => l.split(','))
    expect(shareRows.filter((c) => c[0] === 'Sales').every((c) => Number(c[2]) === 60)).toBe(true)
    expect(shareRows.filter((c) => c[0] === 'Billing').every((c) => Number(c[2]) === 40)).toBe(true)
    // bad group input: a clear message, exit 1, nothing printed
    const bad: [string[], RegExp][] = [
      [['--requirements', file('R.csv', 'week_start,required_fte,required_fte_Sales\n2000-01-02,10,10\n'), '--staff', staff(groupsStaff)], /column required_fte_Billing is missing/],
      [['--requirements', file('R.csv', 'week_start,required_fte,required_fte_Sales,required_fte_Billing\n2000-01-02,10,4,5\n'), '--staff', staff(groupsStaff)], /row 2 column required_fte: 10 is not the sum of the groups' columns \(9\)/],
      [['--requirements', file('R.csv', 'week_start,required_fte,required_fte_Ops\n2000-01-02,10,10\n'), '--staff', staff(ISSUE_STAFF)], /columns required_fte_Ops need groups in the staff file/],
      [['--requirements', requirements('2000-01-02', [1]), '--staff', staff({ ...groupsStaff, headcount: 90 })], /groups' headcounts add up to 100, not the headcount 90/],
    ]
    for (const [args, message] of bad) {
      const b = await capacity(...args)
      expect(b.code, args.join(' ')).toBe(1)
      expect(b.err).toMatch(message)
      expect(b.out).toBe('')
    }
  }, 120_000)

  it('--queue NAME --weeks N computes R from the database: the same weeks as the planning code', async () => {
    const { createDb } = await import('../../src/db/client.ts')
    const { migrateDb } = await import('../../src/db/migrate.ts')
    const { importFile } = await import('../../src/db/importBatch.ts')
    const { findQueueByName } = await import('../../src/db/queues.ts')
    const { computeCapacityPlan, defaultCapacitySpec, loadCapacityInputs } = await import('../../src/planning/capacityPlan.ts')
    const url = 'file:' + join(dir, 'cli.db')
    const db = await createDb(url)
    await migrateDb(db)
    await importFile(db, { kind: 'intervals', path: new URL('../../data/demo/bank_calls_30min.csv', import.meta.url).pathname, fileName: 'bank.csv', queueName: 'US bank', timeZone: 'America/New_York' })
    const queue = (await findQueueByName(db, 'US bank'))!
    const direct = await computeCapacityPlan(await loadCapacityInputs(db, queue, defaultCapacitySpec(queue.id, { headcount: 0, attrition_monthly: 0, training_weeks: 0, class_size_max: 1 }, 8)))
    db.client.close()
    const io = memoryIo('', { DATABASE_URL: url })
    expect(await run(['--queue', 'US bank', '--weeks', '8', '--staff', staff({ headcount: 480, attrition_monthly: 0.03, training_weeks: 4, class_size_max: 15 })], io)).toBe(0)
    const rows = parse(io.stdout)
    expect(rows.map((r) => r.week)).toEqual(direct.weeks.map((w) => w.weekStart))
    rows.forEach((r, i) => expect(r.required).toBeCloseTo(direct.weeks[i].requiredFte, 3))
    expect(io.stderr).toMatch(/US bank: 8 weeks from 2003-10-27, required FTE from 30-minute staffing/)
    // with groups: each group serves its share of the queue's weeks (no per-group columns from the database)
    const grouped = memoryIo('', { DATABASE_URL: url })
    expect(await run(['--queue', 'US bank', '--weeks', '8', '--staff', staff({ headcount: 480, attrition_monthly: 0.03, training_weeks: 4, class_size_max: 15, groups: [{ name: 'Cards', headcount: 360 }, { name: 'Loans', headcount: 120 }] })], grouped)).toBe(0)
    const groupRows = grouped.stdout.trim().split('\n').slice(1).map((l) => l.split(','))
    expect(groupRows).toHaveLength(24)
    groupRows.filter((c) => c[0] === 'Loans').forEach((c, i) => expect(Number(c[2])).toBeCloseTo(direct.weeks[i].requiredFte / 4, 2)) // 120 of 480 people
    const missing = memoryIo('', { DATABASE_URL: url })
    expect(await run(['--queue', 'Nope', '--weeks', '8', '--staff', staff()], missing)).toBe(1)
    expect(missing.stderr).toMatch(/--queue: no queue named 'Nope' .* the queues are 'US bank'/)
  }, 60_000)

  it('--queue NAME with no headcount in S.json: today\'s headcount from the queue\'s agents (the demo\'s PS team, 22.2 FTE)', async () => {
    const { createDb } = await import('../../src/db/client.ts')
    const { migrateDb } = await import('../../src/db/migrate.ts')
    const { importFile } = await import('../../src/db/importBatch.ts')
    const { createQueue } = await import('../../src/db/queues.ts')
    const { saveAgent } = await import('../../src/db/schedules.ts')
    const { importAgentsCsv } = await import('../../src/planning/setupImport.ts')
    const url = 'file:' + join(dir, 'agents.db')
    const db = await createDb(url)
    await migrateDb(db)
    // the demo's 26 PS agents (888 contracted hours a week); PS's history here is the US bank's 30-minute file (cheap to plan from)
    const bank = readFileSync(new URL('../../data/demo/bank_calls_30min.csv', import.meta.url), 'utf8').trim().split('\n')
    await importFile(db, { kind: 'intervals', path: file('bank.csv', bank.filter((l, i) => i === 0 || l >= '2003-08-04').join('\n') + '\n'), fileName: 'bank.csv', queueName: 'PS', timeZone: 'America/New_York' })
    const nw = await createQueue(db, { name: 'NW', timeZone: 'Asia/Jerusalem' })
    await createQueue(db, { name: 'Empty', timeZone: 'Asia/Jerusalem' })
    expect(await importAgentsCsv(db, readFileSync(new URL('../../data/demo/agents.csv', import.meta.url), 'utf8'))).toMatchObject({ ok: true, created: 26 })
    db.client.close()
    const base = { attrition_monthly: 0, training_weeks: 4, class_size_max: 15 }
    const one = memoryIo('', { DATABASE_URL: url })
    expect(await run(['--queue', 'PS', '--weeks', '4', '--staff', staff(base)], one)).toBe(0)
    expect(one.stderr).toContain('chatplan capacity: From the 26 agents set up for this queue (PS): 888 contracted hours a week / 40 hours per FTE = 22.2 FTE today.')
    expect(parse(one.stdout).map((r) => r.headcount)).toEqual([22.2, 22.2, 22.2, 22.2]) // no attrition, no hires
    expect(one.stderr).toContain("The roster has 26 agents with this queue's skill (888 contracted hours a week = 22.2 FTE)") // the plan's note: the same figure
    // a cross-skilled agent (PS and NW, 30 h) makes a second group, counted once
    const again = await createDb(url)
    const ps = (await (await import('../../src/db/queues.ts')).findQueueByName(again, 'PS'))!
    await saveAgent(again, { name: 'Xavier', contractedHoursPerWeek: 30, skillQueueIds: [ps.id, nw.id] })
    again.client.close()
    const grouped = memoryIo('', { DATABASE_URL: url })
    expect(await run(['--queue', 'PS', '--weeks', '4', '--staff', staff(base)], grouped)).toBe(0)
    expect(grouped.stderr).toContain('PS 26 agents = 22.2 FTE; PS-NW 1 agent = 0.75 FTE')
    expect(grouped.stderr).toContain("The roster has 27 agents with this queue's skill (918 contracted hours a week = 22.95 FTE; 1 also works other queues)")
    const rows = grouped.stdout.trim().split('\n').slice(1).map((l) => l.split(','))
    expect(rows.filter((c) => c[1] === rows[0][1]).map((c) => [c[0], Number(c[3])])).toEqual([['all', 22.95], ['PS', 22.2], ['PS-NW', 0.75]])
    // a queue nobody serves: refused, naming the field; an unknown queue: named
    const none = memoryIo('', { DATABASE_URL: url })
    expect(await run(['--queue', 'Empty', '--weeks', '4', '--staff', staff(base)], none)).toBe(1)
    expect(none.stderr).toMatch(/S\.json: headcount: the staff file leaves it out, and the queue 'Empty' has no agents set up: give "headcount" in the staff file/)
    expect(none.stdout).toBe('')
    const unknown = memoryIo('', { DATABASE_URL: url })
    expect(await run(['--queue', 'Nope', '--weeks', '4', '--staff', staff(base)], unknown)).toBe(1)
    expect(unknown.stderr).toMatch(/--queue: no queue named 'Nope'/)
  }, 60_000)

  it('is listed in the help, and its own --help documents the arithmetic', async () => {
    const io = memoryIo()
    await runCli(['--help'], io)
    expect(io.stdout).toMatch(/capacity\s+weekly headcount/)
    const own = memoryIo()
    expect(await runCli(['capacity', '--help'], own)).toBe(0)
    expect(own.stdout).toContain('w = 1 - (1 - monthly)^(12/52)')
    expect(own.stdout).toContain('recommended_class week_start=YYYY-MM-DD size=N')
    expect(own.stdout).toContain('"groups": headcount per team or skill group')
    expect(own.stdout).toContain('required_fte_NAME')
    expect(own.stdout).toContain('With --queue, S.json may leave out "headcount"')
  })
})
