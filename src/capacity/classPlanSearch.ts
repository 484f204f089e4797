/**
 * Plain-arithmetic searches over hiring classes, used by recommendHires around the exact solver: one that lowers the
 * number of hires of a feasible plan (so the solver often only has to confirm it against the LP bound), and the
 * tie-break among plans with the fewest hires (fewer classes, then later ones). Both are deterministic: the same
 * input gives the same classes whatever the machine's speed, with no time limit involved.
 *
 * A plan is a map week index → hires starting that week. Cover of week t = Σ_s K(t − s)·x_s, K being
 * hireContributionKernel. A move is kept only when every week in `rows` keeps its cover ≥ need(t), the size of each
 * class stays ≤ capacity[s] and two classes stay at least `spacing` weeks apart.
 */

export interface ClassSearchInput {
  n: number
  kernel: readonly number[]
  /** Most recommended hires a week may take (0: no class may start there). */
  capacity: readonly number[]
  /** Two classes start at least this many weeks apart (≥ 1). */
  spacing: number
  /** Weeks that must be closed. */
  rows: readonly number[]
  /** Cover each of those weeks must have, by week index. */
  need: readonly number[]
}

class ClassPlan {
  readonly x = new Map<number, number>()
  readonly cover: number[]
  constructor(private readonly input: ClassSearchInput, start: ReadonlyMap<number, number>) {
    this.cover = new Array<number>(input.n).fill(0)
    for (const [s, c] of start) if (c > 0) this.set(s, c)
  }
  get(s: number): number { return this.x.get(s) ?? 0 }
  set(s: number, count: number): void {
    const delta = count - this.get(s), { n, kernel } = this.input
    for (let t = s; t < n; t++) this.cover[t] += delta * kernel[t - s]
    if (count > 0) this.x.set(s, count); else this.x.delete(s)
  }
  classes(): number[] { return [...this.x.keys()].sort((a, b) => a - b) }
  total(): number { let s = 0; for (const c of this.x.values()) s += c; return s }
  covered(): boolean { const { rows, need } = this.input; return rows.every((t) => this.cover[t] >= need[t] - 1e-12) }
  /** A new class may start in week d (besides the classes in `except`, which are being moved). */
  canOpen(d: number, count: number, except: readonly number[] = []): boolean {
    const { capacity, spacing } = this.input
    if (d < 0 || d >= this.input.n || capacity[d] < count || (this.x.has(d) && !except.includes(d))) return false
    for (const c of this.x.keys()) if (!except.includes(c) && c !== d && Math.abs(c - d) < spacing) return false
    return true
  }
  /** The closed weeks now short, with what each lacks. */
  deficits(): [number, number][] {
    const { rows, need } = this.input, out: [number, number][] = []
    for (const t of rows) if (this.cover[t] < need[t] - 1e-12) out.push([t, need[t] - this.cover[t]])
    return out
  }
  /** Adding `count` hires in week d closes every one of these deficits (adding never opens another). */
  closes(d: number, count: number, deficits: readonly [number, number][]): boolean {
    const { kernel } = this.input
    for (const [t, missing] of deficits) if (t < d || count * kernel[t - d] < missing - 1e-12) return false
    return true
  }
  /** Applies the changes; keeps them when every week stays covered, else puts the plan back. */
  tryChanges(changes: readonly [number, number][]): boolean {
    const before = changes.map(([s]) => [s, this.get(s)] as const)
    for (const [s, c] of changes) this.set(s, c)
    if (this.covered()) return true
    for (const [s, c] of [...before].reverse()) this.set(s, c)
    return false
  }
}

/**
 * Lowers the number of hires of a feasible plan while it can: drop one hire; or take one hire from each of two
 * classes (or two from one) and add one to an existing class with room or a new class where the rules allow one.
 */
export function fewerHires(start: ReadonlyMap<number, number>, input: ClassSearchInput): Map<number, number> {
  const plan = new ClassPlan(input, start)
  const dropOne = () => plan.classes().some((a) => plan.tryChanges([[a, plan.get(a) - 1]]))
  const twoForOne = () => {
    const list = plan.classes()
    for (let i = 0; i < list.length; i++) {
      for (let j = i; j < list.length; j++) {
        const a = list[i], b = list[j]
        if (a === b && plan.get(a) < 2) continue
        const ca = plan.get(a), cb = plan.get(b)
        if (a === b) plan.set(a, ca - 2); else { plan.set(a, ca - 1); plan.set(b, cb - 1) }
        const deficits = plan.deficits()
        for (let d = input.n - 1; d >= 0; d--) {
          const has = plan.get(d)
          if (!(has > 0 ? has < input.capacity[d] : plan.canOpen(d, 1)) || !plan.closes(d, 1, deficits)) continue
          plan.set(d, has + 1)
          return true
        }
        plan.set(a, ca); if (a !== b) plan.set(b, cb)
      }
    }
    return false
  }
  for (let rounds = 0; rounds < 10_000 && (dropOne() || twoForOne()); rounds++) { /* until no move lowers the count */ }
  return new Map(plan.x)
}

/**
 * Minimal by removal: takes away one hire at a time (latest class first, the same order every run) while every week
 * in `rows` keeps its cover, until no single hire can go. Weeks already short are not made shorter.
 */
export function dropUnneededHires(start: ReadonlyMap<number, number>, input: ClassSearchInput): Map<number, number> {
  const { cover } = new ClassPlan(input, start)
  const plan = new ClassPlan({ ...input, need: input.need.map((v, t) => Math.min(v, cover[t])) }, start)
  for (const a of plan.classes().reverse()) while (plan.get(a) > 0 && plan.tryChanges([[a, plan.get(a) - 1]])) { /* one fewer still covers */ }
  return new Map(plan.x)
}

/**
 * A feasible plan built the other way round: classes as large as allowed every `spacing` weeks from week
 * `firstWeek` on (when that closes every week), then each class drained of the hires it does not need, in the
 * given order (earliest or latest class first), then lowered by fewerHires. Null when the full grid does not close
 * every week.
 */
export function drainedGrid(input: ClassSearchInput, firstWeek: number, order: 'earliest' | 'latest'): Map<number, number> | null {
  const { n, capacity, spacing, rows, need, kernel } = input
  const full = new Map<number, number>()
  for (let s = firstWeek; s < n; s += spacing) if (capacity[s] > 0) full.set(s, capacity[s])
  const plan = new ClassPlan(input, full)
  if (!plan.covered()) return null
  const list = plan.classes()
  if (order === 'latest') list.reverse()
  for (const a of list) {
    let removable = plan.get(a)
    for (const t of rows) {
      if (t < a || kernel[t - a] <= 0) continue
      removable = Math.min(removable, Math.floor((plan.cover[t] - need[t] + 1e-12) / kernel[t - a]))
      if (removable <= 0) break
    }
    if (removable > 0) plan.set(a, plan.get(a) - removable)
  }
  return plan.covered() ? fewerHires(plan.x, input) : null
}

/**
 * Among plans with the same number of hires, the one with the lowest (n + 1)·classes + Σ (n − s)·x_s / largest
 * class: fewest classes first, then the latest hires (less paid training, less attrition before they are needed).
 * Local search from the fewest-hire plan with four moves, tried in a fixed order until none improves: empty a class
 * into the others, merge two neighbouring classes, move a whole class later, move one hire to a later class. Each
 * keeps the total, the class rules and every week's cover. A few ms for 78 weeks.
 */
export function tieBreakAmongFewest(start: ReadonlyMap<number, number>, input: ClassSearchInput): Map<number, number> {
  const plan = new ClassPlan(input, start)
  const { n, capacity, rows, need, kernel } = input
  // Empty class a into the other classes with room: one hire at a time to the class that closes most of what is
  // then missing (latest on ties). Kept only when every hire found a place and every week is covered again.
  const emptyClass = (a: number): boolean => {
    const before = new Map(plan.x), count = plan.get(a)
    plan.set(a, 0)
    let placed = 0
    for (; placed < count; placed++) {
      let best = -1, bestGain = -1
      for (const b of plan.classes()) {
        if (plan.get(b) >= capacity[b]) continue
        let gain = 0
        for (const t of rows) if (t >= b) gain += Math.min(kernel[t - b], Math.max(0, need[t] - plan.cover[t]))
        if (gain >= bestGain - 1e-12) { best = b; bestGain = gain }
      }
      if (best < 0) break
      plan.set(best, plan.get(best) + 1)
    }
    if (placed === count && plan.covered()) return true
    for (const s of plan.classes()) plan.set(s, 0)
    for (const [s, c] of before) plan.set(s, c)
    return false
  }
  const mergeWithNext = (a: number): boolean => {
    const b = plan.classes().find((c) => c > a)
    if (b === undefined) return false
    const ca = plan.get(a), cb = plan.get(b)
    plan.set(a, 0); plan.set(b, 0)
    const deficits = plan.deficits()
    for (let d = n - 1; d >= 0; d--) {
      if (!plan.canOpen(d, ca + cb) || !plan.closes(d, ca + cb, deficits)) continue
      plan.set(d, ca + cb)
      return true
    }
    plan.set(a, ca); plan.set(b, cb)
    return false
  }
  const moveLater = (a: number): boolean => {
    const count = plan.get(a)
    plan.set(a, 0)
    const deficits = plan.deficits()
    for (let d = n - 1; d > a; d--) {
      if (!plan.canOpen(d, count) || !plan.closes(d, count, deficits)) continue
      plan.set(d, count)
      return true
    }
    plan.set(a, count)
    return false
  }
  const moveOneLater = (a: number): boolean => {
    const ca = plan.get(a)
    plan.set(a, ca - 1)
    const deficits = plan.deficits()
    for (const b of plan.classes().reverse()) {
      if (b <= a || plan.get(b) >= capacity[b] || !plan.closes(b, 1, deficits)) continue
      plan.set(b, plan.get(b) + 1)
      return true
    }
    plan.set(a, ca)
    return false
  }
  for (let rounds = 0; rounds < 10_000; rounds++) {
    const improved = plan.classes().some(emptyClass) || plan.classes().some(mergeWithNext) || plan.classes().some(moveLater) || plan.classes().some(moveOneLater)
    if (!improved) break
  }
  return new Map(plan.x)
}
