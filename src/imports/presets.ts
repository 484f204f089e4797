/**
 * Presets for the contact exports of widely used chat platforms: which column holds which Chatplan field, and how
 * a platform's cells are read (Unix-second timestamps, `missed` flags). A preset is detected from a file's headers
 * (its `signature` columns all present); the import page, `chatplan import` and `chatplan push` use it, and the
 * user's own column choices still win. Each mapping follows the platform's documentation, cited in `source` (and
 * in the README's presets table). Pure: no I/O.
 */
import type { ColumnMapping } from './columnMapping.ts'
import { contactFields, normaliseHeader } from './columnMapping.ts'

export interface ImportPreset {
  id: string
  platform: string
  /** The document the mapping follows. */
  source: { title: string; url: string }
  /** Headers that together identify the export (compared normalised: case and punctuation do not matter). */
  signature: string[]
  /** field → header. */
  columns: Record<string, string>
  /** field → how a cell of that column is rewritten before the usual cell parsers read it. */
  cells?: Record<string, (text: string) => string>
}

/** Unix seconds (or milliseconds) → ISO 8601 UTC; anything else unchanged (the time parser then judges it). */
export function unixToIso(text: string): string {
  const t = text.trim()
  if (!/^\d{9,13}(\.\d+)?$/.test(t)) return text
  const ms = t.length >= 12 && !t.includes('.') ? Number(t) : Number(t) * 1000
  return new Date(ms).toISOString()
}

/** Zendesk's `missed` flag → the outcome: a missed chat was abandoned, any other was served. */
function missedToOutcome(text: string): string {
  const t = text.trim().toLowerCase()
  return t === 'true' || t === '1' || t === 'yes' ? 'abandoned' : t === 'false' || t === '0' || t === 'no' ? 'answered' : text
}

/** Salesforce's Status picklist: Missed → abandoned, Completed → answered; others (InProgress, Waiting) derive. */
function salesforceStatus(text: string): string {
  const t = text.trim().toLowerCase()
  return t === 'missed' ? 'abandoned' : t === 'completed' ? 'answered' : ''
}

export const IMPORT_PRESETS: readonly ImportPreset[] = [
  {
    id: 'zendesk-chat',
    platform: 'Zendesk Chat (chats API / incremental chat export)',
    source: { title: 'Zendesk Chat API: incremental export of chats; chat fields as listed by the Fivetran Zendesk Chat schema', url: 'https://developer.zendesk.com/rest_api/docs/chat/incremental_export' },
    signature: ['timestamp', 'end_timestamp', 'response_time.first', 'department_name'],
    columns: {
      id: 'id', arrivedAt: 'timestamp', endedAt: 'end_timestamp', waitSeconds: 'response_time.first', queue: 'department_name',
      agent: 'agent_names', csat: 'rating', outcome: 'missed',
    },
    cells: { outcome: missedToOutcome },
  },
  {
    id: 'salesforce-live-agent',
    platform: 'Salesforce Chat (LiveChatTranscript)',
    source: { title: 'Salesforce Object Reference: LiveChatTranscript (fields RequestTime, StartTime, EndTime, WaitTime, ChatDuration, Status, Abandoned)', url: 'https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-livechattranscript.html' },
    signature: ['RequestTime', 'StartTime', 'EndTime', 'ChatDuration'],
    columns: {
      id: 'Id', arrivedAt: 'RequestTime', firstResponseAt: 'StartTime', endedAt: 'EndTime', waitSeconds: 'WaitTime', handleSeconds: 'ChatDuration',
      outcome: 'Status', queue: 'SkillId', agent: 'OwnerId',
    },
    cells: { outcome: salesforceStatus },
  },
  {
    id: 'intercom',
    platform: 'Intercom (conversations with statistics)',
    source: { title: 'Intercom API: conversation model and its statistics (created_at, first_admin_reply_at, last_close_at, time_to_admin_reply; Unix seconds)', url: 'https://developers.intercom.com/docs/references/2.2/rest-api/conversations/conversation-model/' },
    signature: ['created_at', 'statistics.first_admin_reply_at', 'statistics.last_close_at'],
    columns: {
      id: 'id', arrivedAt: 'created_at', firstResponseAt: 'statistics.first_admin_reply_at', endedAt: 'statistics.last_close_at',
      waitSeconds: 'statistics.time_to_admin_reply', queue: 'team_assignee_id', agent: 'admin_assignee_id', csat: 'conversation_rating.rating',
    },
    cells: { arrivedAt: unixToIso, firstResponseAt: unixToIso, endedAt: unixToIso },
  },
]

/** The preset whose signature columns are all among the headers, or null. */
export function detectPreset(headers: readonly string[]): ImportPreset | null {
  const present = new Set(headers.map(normaliseHeader))
  return IMPORT_PRESETS.find((p) => p.signature.every((h) => present.has(normaliseHeader(h)))) ?? null
}

/**
 * The preset's columns as mapping overrides (field → header), under the user's own choices. Fields the preset does
 * not map are left out ('-'), so a platform column that merely looks like an alias (Zendesk's `duration` is the
 * whole chat, Intercom's `state` is open/closed) is not read as something it is not.
 */
export function presetOverrides(preset: ImportPreset | null, userOverrides: Record<string, string> = {}): Record<string, string> {
  if (!preset) return userOverrides
  const skipped = Object.fromEntries(contactFields.filter((f) => !(f.field in preset.columns)).map((f) => [f.field, '-']))
  return { ...skipped, ...preset.columns, ...userOverrides }
}

/**
 * The record rewrite of a preset for a file's mapping (identity when the preset has no cell rules): the cells of
 * mapped columns are rewritten, others untouched; the input is not changed.
 */
export function presetRecordRewrite(preset: ImportPreset | null, mapping: ColumnMapping): (record: string[]) => string[] {
  const rules = Object.entries(preset?.cells ?? {}).filter(([field]) => mapping[field] !== undefined).map(([field, rule]) => [mapping[field], rule] as const)
  if (!rules.length) return (record) => record
  return (record) => {
    const out = record.slice()
    for (const [index, rule] of rules) if (out[index] !== undefined && out[index] !== '') out[index] = rule(out[index])
    return out
  }
}
