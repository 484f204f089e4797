/** Real rows for the API tests: the first contacts of ../shared/data/anon_bank_1999_contacts.csv as API rows. */
import { readFileSync } from 'node:fs'

export interface ApiContact { contactId: string; queue: string; arrivedAt: string; firstResponseAt?: string | null; endedAt?: string | null; waitSeconds?: number | null; handleSeconds?: number | null; outcome?: string; agent?: string | null }

/** The first `count` rows of the real bank contacts (times local to the queue's zone, as in the file). */
export function bankContacts(count: number, queue = 'PS-api'): ApiContact[] {
  const lines = readFileSync(new URL('../../../../shared/data/anon_bank_1999_contacts.csv', import.meta.url), 'utf8').split('\n', count + 1).slice(1)
  return lines.map((line) => {
    const [contactId, , , arrivedAt, answeredAt, endedAt, wait, handle, outcome, agent] = line.split(',')
    return {
      contactId, queue, arrivedAt, firstResponseAt: answeredAt || null, endedAt: endedAt || null,
      waitSeconds: wait ? Number(wait) : null, handleSeconds: handle ? Number(handle) : null, outcome, agent: agent || null,
    }
  })
}
