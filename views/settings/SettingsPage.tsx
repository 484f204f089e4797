/** The team's settings: how dates, times and numbers are shown on every page and chart (with examples). */
import { Layout } from '../Layout.tsx'
import { DATE_STYLES, DATE_STYLE_INFO, formatLocalDateTime, formatUtcStamp, type DateStyle } from '../../src/format/dateTime.ts'
import { NUMBER_STYLES, NUMBER_STYLE_INFO, formatDecimal, formatPercent, type NumberStyle } from '../../src/format/numbers.ts'

export interface SettingsPageProps {
  dateStyle: DateStyle
  numberStyle: NumberStyle
  updatedAtMs: number | null
  updatedBy: string | null
  /** Whether the signed-in user may change the settings (managers and admins). */
  canEdit: boolean
  notice?: string
  error?: string
}

export function SettingsPage({ dateStyle, numberStyle, updatedAtMs, updatedBy, canEdit, notice, error }: SettingsPageProps) {
  return (
    <Layout title="Settings">
      <h1>Settings</h1>
      {error ? <p class="errors" role="alert" id="settings-error">{error}</p> : null}
      {notice ? <p class="success" role="status" id="settings-notice">{notice}</p> : null}
      <form id="settings-form" class="card" method="post" action="/settings">
        <fieldset disabled={!canEdit}>
          <legend>Dates and times on every page</legend>
          {DATE_STYLES.map((style) => (
            <label class="choice">
              <input type="radio" name="dateStyle" value={style} checked={style === dateStyle} />
              <span>{DATE_STYLE_INFO[style].label}: <strong>{formatLocalDateTime('2000-01-04T09:30', style)}</strong>, {formatLocalDateTime('2000-01-04T14:05', style)}</span>
            </label>
          ))}
          <p class="muted">Times are shown in each queue's own time zone. Date fields always take dates as year-month-day (2000-01-04), so a typed date is never read the wrong way round.</p>
        </fieldset>
        <fieldset disabled={!canEdit}>
          <legend>Numbers on every page</legend>
          {NUMBER_STYLES.map((style) => (
            <label class="choice">
              <input type="radio" name="numberStyle" value={style} checked={style === numberStyle} />
              <span>{NUMBER_STYLE_INFO[style].label}: <strong>{formatDecimal(12345.6, 1, style)}</strong>, {formatPercent(0.944, 1, style)}</span>
            </label>
          ))}
          <p class="muted">Number fields always take a point as the decimal mark (8.5), and CSV downloads always write plain numbers (12345.6), so spreadsheets and other tools read them the same everywhere.</p>
          <button type="submit">Save</button>
        </fieldset>
        {canEdit ? null : <p class="muted">Only managers and admins change the team's settings.</p>}
      </form>
      <p class="muted" id="settings-changed">{updatedAtMs === null ? 'Never changed: the defaults apply.' : `Last changed ${formatUtcStamp(updatedAtMs)} by ${updatedBy ?? 'unknown'}.`}</p>
    </Layout>
  )
}
