/**
 * The stress set of the hiring inverse (issue 16: "the fewest hires for 78 weeks in <= 1 s on every input"): the
 * named variants the lead timed (bench, growth, season, ...) plus seeded random 78-week inputs across the space
 * (attrition 0-8% a month, classes of 3-30, spacing 0-6, lead 0-12, training 0-8, ramps of 0-6 weeks; requirement
 * shapes flat, growth, decline, seasonal, spiky, steps, out of reach, and groups). Plain data, deterministic (a
 * seeded mulberry32), used by src/bench/capacity.bench.ts and tests/capacity/recommendHires.test.ts.
 */
import { addWeeks, groupRequirements, parseStaffModel, planGroups, recommendHires, type HiringRecommendation, type RecommendOptions, type RequirementWeek, type StaffModel, type StaffModelJson } from '../capacity/index.ts'

export interface CapacityStressCase {
  name: string
  staff: StaffModelJson
  weeks: RequirementWeek[]
}

const WEEKS = 78
const FIRST_WEEK = '2000-01-02'
const weeksOf = (f: (i: number) => number): RequirementWeek[] => Array.from({ length: WEEKS }, (_, i) => ({ weekStart: addWeeks(FIRST_WEEK, i), requiredFte: Math.max(0, f(i)) }))

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const BASE = { headcount: 120, attrition_monthly: 0.03, training_weeks: 4, ramp: [0.5, 0.75, 0.9], hiring_lead_weeks: 6, class_size_max: 15, min_weeks_between_classes: 2 }
const benchShape = (i: number) => 110 + 20 * Math.sin(i / 8) + i * 0.3

/** The eight variants the lead timed (scratch/capvariants.ts) and the two slow ones of the note. */
function namedCases(): CapacityStressCase[] {
  return [
    { name: 'bench', staff: BASE, weeks: weeksOf(benchShape) },
    { name: 'class 8', staff: { ...BASE, class_size_max: 8 }, weeks: weeksOf(benchShape) },
    { name: 'lead 2', staff: { ...BASE, hiring_lead_weeks: 2 }, weeks: weeksOf(benchShape) },
    { name: 'class 8 lead 2', staff: { ...BASE, class_size_max: 8, hiring_lead_weeks: 2 }, weeks: weeksOf(benchShape) },
    { name: 'spiky', staff: BASE, weeks: weeksOf((i) => 115 + 25 * Math.sin(i / 3) + ((i * 7919) % 13)) },
    { name: 'growth', staff: { ...BASE, attrition_monthly: 0.05, class_size_max: 10 }, weeks: weeksOf((i) => 100 + i * 0.8) },
    { name: 'growth 3%', staff: { ...BASE, class_size_max: 10 }, weeks: weeksOf((i) => 100 + i * 0.8) },
    { name: 'season', staff: { ...BASE, min_weeks_between_classes: 4 }, weeks: weeksOf((i) => 120 + 30 * Math.cos((2 * Math.PI * i) / 52)) },
    { name: 'no spacing', staff: { ...BASE, min_weeks_between_classes: 0, class_size_max: 5 }, weeks: weeksOf((i) => 118 + 10 * Math.sin(i / 5)) },
    { name: 'spacing 3', staff: { ...BASE, min_weeks_between_classes: 3, class_size_max: 12 }, weeks: weeksOf((i) => 100 + i * 0.8) },
  ]
}

const SHAPES = ['flat', 'growth', 'decline', 'seasonal', 'spiky', 'steps', 'out of reach'] as const

/** One seeded random input: model and requirement drawn across the space the issue names. */
export function randomCase(seed: number): CapacityStressCase {
  const rand = mulberry32(seed)
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
  const headcount = int(20, 300)
  const attrition = Math.round(rand() * 0.08 * 1000) / 1000
  const rampWeeks = int(0, 6)
  const ramp = Array.from({ length: rampWeeks }, (_, k) => Math.round(((k + 1) / (rampWeeks + 1)) * 100) / 100)
  const staff = {
    headcount, attrition_monthly: attrition, training_weeks: int(0, 8), ramp, hiring_lead_weeks: int(0, 12),
    class_size_max: int(3, 30), min_weeks_between_classes: int(0, 6),
  }
  const shape = SHAPES[seed % SHAPES.length]
  const h = headcount
  const growthPerWeek = h * (0.002 + rand() * 0.006)
  const phase = rand() * 52
  const steps = Array.from({ length: 4 }, () => h * (0.9 + rand() * 0.4))
  const f: Record<typeof SHAPES[number], (i: number) => number> = {
    flat: () => h * (0.95 + 0.1 * (seed % 3) / 2),
    growth: (i) => h * 0.95 + growthPerWeek * i,
    decline: (i) => h * 1.05 - growthPerWeek * 0.7 * i,
    seasonal: (i) => h * (1 + 0.2 * Math.cos((2 * Math.PI * (i + phase)) / 52)),
    spiky: (i) => h * (1 + 0.15 * Math.sin(i / 3)) + (((i * 7919 + seed) % 13) / 13) * h * 0.1,
    steps: (i) => steps[Math.min(3, Math.floor(i / 20))],
    'out of reach': (i) => h * (1 + 0.4 * Math.min(1, i / 30)) + (i === 40 ? h * 3 : 0),
  }
  return { name: `random ${seed} ${shape}`, staff, weeks: weeksOf(f[shape]) }
}

/** Two groups with their own attrition and class sizes (each group gets its own inverse). */
function groupCase(): CapacityStressCase {
  return {
    name: 'groups',
    staff: {
      ...BASE, headcount: 150,
      groups: [
        { name: 'Sales', headcount: 90, attrition_monthly: 0.05, class_size_max: 10 },
        { name: 'Billing', headcount: 60, attrition_monthly: 0.02, class_size_max: 6 },
      ],
    },
    weeks: weeksOf((i) => 140 + i * 0.6 + 10 * Math.sin(i / 6)),
  }
}

/** The whole set: 10 named, 28 seeded random, 1 with groups. */
export function capacityStressSet(): CapacityStressCase[] {
  return [...namedCases(), ...Array.from({ length: 28 }, (_, k) => randomCase(k + 1)), groupCase()]
}

/** The inverse of one case: one recommendation per group (one for a model without groups). */
export async function recommendForCase(c: CapacityStressCase, options: RecommendOptions = {}): Promise<{ weeks: RequirementWeek[]; model: StaffModel; recommendation: HiringRecommendation }[]> {
  const model = parseStaffModel(c.staff)
  if (!model.groups.length) return [{ weeks: c.weeks, model, recommendation: await recommendHires(c.weeks, model, options) }]
  const plan = await planGroups(c.weeks, model, { ...options, recommend: true })
  const requirements = groupRequirements(c.weeks, model.groups)
  return plan.groups.map((g, i) => ({ weeks: requirements[i].requirement, model: model.groups[i].model, recommendation: g.recommendation! }))
}
