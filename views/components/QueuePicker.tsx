/** A GET form that picks the queue (and keeps other query values), usable without JavaScript. */
import type { Queue } from '../../src/db/schema.ts'

export function QueuePicker({ queues, selectedId, action, extra }: { queues: Queue[]; selectedId?: number; action: string; extra?: Record<string, string> }) {
  return (
    <form method="get" action={action} class="inline queue-picker">
      <label>Queue
        <select name="queue" data-autosubmit>
          {queues.map((q) => <option value={String(q.id)} selected={q.id === selectedId}>{q.name} ({q.timeZone})</option>)}
        </select>
      </label>
      {Object.entries(extra ?? {}).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
      <noscript><button type="submit">Show</button></noscript>
    </form>
  )
}
