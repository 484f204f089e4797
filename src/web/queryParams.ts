import type { Queue } from '../db/schema.ts'

/** A `queue` query value that names no queue: answered 400 by the app's error handler (src/web/app.tsx), nothing run. */
export class UnknownQueueError extends Error {
  constructor(value: string) {
    super(`The queue must be one of the queues listed (by id or name), got '${value.slice(0, 60)}'`)
    this.name = 'UnknownQueueError'
  }
}

/** The queue a value names (id or name), or null when it names none. */
export function findQueue(queues: Queue[], value: string | undefined): Queue | null {
  if (!value) return null
  return queues.find((q) => String(q.id) === value) ?? queues.find((q) => q.name === value) ?? null
}

/**
 * The queue named by a `queue` query value (id or name); without one, the default queue, else the first (the list
 * is sorted by name).
 * @throws UnknownQueueError when the value names no queue: a tampered id never falls back to another queue
 */
export function pickQueue(queues: Queue[], value: string | undefined): Queue | null {
  if (value !== undefined && value.trim() !== '') {
    const named = findQueue(queues, value.trim())
    if (!named) throw new UnknownQueueError(value)
    return named
  }
  return queues.find((q) => q.isDefault) ?? queues[0] ?? null
}
