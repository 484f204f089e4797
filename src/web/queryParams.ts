import type { Queue } from '../db/schema.ts'

/** The queue named by a `queue` query value (id or name), else the default queue, else the first (the list is sorted by name). */
export function pickQueue(queues: Queue[], value: string | undefined): Queue | null {
  if (value) {
    const byId = queues.find((q) => String(q.id) === value)
    if (byId) return byId
    const byName = queues.find((q) => q.name === value)
    if (byName) return byName
  }
  return queues.find((q) => q.isDefault) ?? queues[0] ?? null
}
