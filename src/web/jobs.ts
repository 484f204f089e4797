/**
 * Long work off the request path (imports, forecasts, schedule solves): a job runs in the background and the page
 * polls its progress with htmx until it is done. Jobs live in memory; finished ones are kept for an hour.
 */
export type JobState<R> =
  | { status: 'running'; progress: number; message: string }
  | { status: 'done'; result: R }
  | { status: 'failed'; error: unknown }

export interface Job<R = unknown> {
  id: string
  kind: string
  startedAtMs: number
  state: JobState<R>
}

export interface JobRegistry {
  start<R>(kind: string, work: (report: (progress: number, message: string) => void) => Promise<R>): Job<R>
  get(id: string): Job | undefined
}

export function createJobRegistry(keepMs = 3_600_000): JobRegistry {
  const jobs = new Map<string, Job>()
  let counter = 0
  const prune = () => {
    const now = Date.now()
    for (const [id, job] of jobs) if (job.state.status !== 'running' && now - job.startedAtMs > keepMs) jobs.delete(id)
  }
  return {
    start(kind, work) {
      prune()
      const id = `${Date.now().toString(36)}${(++counter).toString(36)}`
      const job: Job = { id, kind, startedAtMs: Date.now(), state: { status: 'running', progress: 0, message: 'starting' } }
      jobs.set(id, job)
      work((progress, message) => {
        if (job.state.status === 'running') job.state = { status: 'running', progress, message }
      }).then(
        (result) => { job.state = { status: 'done', result } },
        (error) => { job.state = { status: 'failed', error } },
      )
      return job as never
    },
    get: (id) => jobs.get(id),
  }
}
