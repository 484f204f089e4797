/**
 * Column mapping: which header of an export holds which Chatplan field. Headers are matched by alias after
 * normalising (lower case, letters and digits only), so "First Response At", "first_response_at" and
 * "firstResponseAt" are the same. Presets cover the bank data in ../shared/data and common chat-platform exports.
 */
export type ImportKind = 'contacts' | 'intervals'

export interface FieldSpec {
  field: string
  label: string
  required: boolean
  aliases: string[]
}

export const contactFields: FieldSpec[] = [
  { field: 'id', label: 'Contact id', required: false, aliases: ['contact_id', 'id', 'chat_id', 'conversation_id', 'ticket_id', 'call_id', 'session_id', 'thread_id'] },
  { field: 'queue', label: 'Queue', required: false, aliases: ['queue', 'queue_name', 'group', 'group_name', 'department', 'team', 'channel', 'inbox', 'skill'] },
  { field: 'arrivedAt', label: 'Arrived / started at', required: true, aliases: ['arrived_at', 'started_at', 'start_time', 'chat_start', 'chat_start_date', 'chat_started_at', 'created_at', 'conversation_started_at', 'start', 'timestamp', 'requested_at', 'queued_at'] },
  { field: 'firstResponseAt', label: 'First response / answered at', required: false, aliases: ['answered_at', 'first_response_at', 'first_reply_at', 'first_agent_reply_at', 'first_admin_reply_at', 'accepted_at', 'assigned_at', 'picked_up_at'] },
  { field: 'waitSeconds', label: 'Wait / first response seconds', required: false, aliases: ['wait_seconds', 'first_response_seconds', 'first_response_time_seconds', 'time_to_first_response', 'queue_seconds', 'waiting_time', 'response_time_seconds', 'wait_time'] },
  { field: 'endedAt', label: 'Ended at', required: false, aliases: ['ended_at', 'end_time', 'chat_end', 'chat_end_date', 'closed_at', 'finished_at', 'end'] },
  { field: 'handleSeconds', label: 'Handle seconds', required: false, aliases: ['handle_seconds', 'handle_time', 'handle_time_seconds', 'duration_seconds', 'chat_duration', 'duration', 'talk_seconds', 'aht_seconds'] },
  { field: 'outcome', label: 'Outcome (answered/abandoned)', required: false, aliases: ['outcome', 'status', 'result', 'state', 'disposition'] },
  { field: 'agent', label: 'Agent', required: false, aliases: ['agent', 'agent_name', 'operator', 'assignee', 'server', 'agent_email', 'handled_by'] },
  { field: 'issueType', label: 'Issue type', required: false, aliases: ['issue_type', 'issue', 'topic', 'category', 'reason', 'contact_reason', 'tag', 'tags', 'label', 'labels', 'type'] },
  { field: 'customerSegment', label: 'Customer segment', required: false, aliases: ['customer_segment', 'segment', 'tier', 'plan', 'customer_tier', 'customer_type'] },
  { field: 'resolved', label: 'Resolved on first contact', required: false, aliases: ['resolved_first_contact', 'resolved', 'fcr', 'first_contact_resolution', 'resolved_on_first_contact', 'is_resolved'] },
  { field: 'csat', label: 'CSAT (1–5 or good/bad)', required: false, aliases: ['csat', 'csat_score', 'rating', 'satisfaction', 'chat_rating', 'customer_rating'] },
  { field: 'nps', label: 'NPS answer (0–10)', required: false, aliases: ['nps', 'nps_score', 'nps_answer', 'recommend_score', 'likelihood_to_recommend'] },
  { field: 'synthetic', label: 'Synthetic flag', required: false, aliases: ['synthetic', 'is_synthetic'] },
]

export const intervalFields: FieldSpec[] = [
  { field: 'queue', label: 'Queue', required: false, aliases: ['queue', 'queue_name', 'group', 'department', 'team', 'skill'] },
  { field: 'intervalStart', label: 'Interval start', required: true, aliases: ['interval_start', 'timestamp', 'start', 'period_start', 'interval', 'datetime', 'date_time', 'time'] },
  { field: 'intervalMinutes', label: 'Interval minutes', required: false, aliases: ['interval_minutes', 'interval_length', 'length_minutes', 'minutes'] },
  { field: 'offered', label: 'Offered', required: true, aliases: ['offered', 'volume', 'calls_offered', 'chats_offered', 'contacts', 'arrivals', 'incoming', 'calls', 'chats'] },
  { field: 'handled', label: 'Handled', required: false, aliases: ['handled', 'answered', 'calls_handled', 'chats_handled', 'served'] },
  { field: 'abandoned', label: 'Abandoned', required: false, aliases: ['abandoned', 'calls_abandoned', 'chats_abandoned', 'missed'] },
  { field: 'ahtSeconds', label: 'AHT seconds', required: false, aliases: ['aht_seconds', 'aht', 'average_handle_time', 'avg_handle_time', 'handle_seconds'] },
]

export function fieldsOf(kind: ImportKind): FieldSpec[] {
  return kind === 'contacts' ? contactFields : intervalFields
}

export function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]/g, '')
}

/** field → column index in the header row. */
export type ColumnMapping = Record<string, number>

export interface MappingResult {
  mapping: ColumnMapping
  missingRequired: FieldSpec[]
}

/**
 * Maps headers to fields: an explicit `overrides` entry (field → header text) wins; otherwise the first alias
 * that matches a header. A header is used for one field only.
 */
export function detectMapping(headers: string[], kind: ImportKind, overrides: Record<string, string> = {}): MappingResult {
  const normalised = headers.map(normaliseHeader)
  const used = new Set<number>()
  const mapping: ColumnMapping = {}
  const fields = fieldsOf(kind)
  for (const spec of fields) {
    const wanted = overrides[spec.field]
    if (wanted === undefined || wanted === '') continue
    const index = normalised.indexOf(normaliseHeader(wanted))
    if (index < 0) continue
    mapping[spec.field] = index
    used.add(index)
  }
  for (const spec of fields) {
    if (spec.field in mapping || overrides[spec.field] === '-') continue
    for (const alias of spec.aliases) {
      const index = normalised.indexOf(normaliseHeader(alias))
      if (index >= 0 && !used.has(index)) {
        mapping[spec.field] = index
        used.add(index)
        break
      }
    }
  }
  return { mapping, missingRequired: fields.filter((s) => s.required && !(s.field in mapping)) }
}
