/** The team's settings (one row): read with defaults when never saved, and saved as a whole. */
import { eq } from 'drizzle-orm'
import type { Db } from './client.ts'
import { teamSettings } from './schema.ts'
import { DEFAULT_DATE_STYLE, isDateStyle, type DateStyle } from '../format/dateTime.ts'

export interface TeamSettings { dateStyle: DateStyle; updatedAtMs: number | null; updatedBy: string | null }

export async function getTeamSettings(db: Db): Promise<TeamSettings> {
  const [row] = await db.orm.select().from(teamSettings).where(eq(teamSettings.id, 1))
  if (!row) return { dateStyle: DEFAULT_DATE_STYLE, updatedAtMs: null, updatedBy: null }
  return { dateStyle: isDateStyle(row.dateStyle) ? row.dateStyle : DEFAULT_DATE_STYLE, updatedAtMs: row.updatedAtMs, updatedBy: row.updatedBy }
}

export async function saveTeamSettings(db: Db, settings: { dateStyle: DateStyle }, updatedBy: string, atMs = Date.now()): Promise<TeamSettings> {
  const values = { id: 1, dateStyle: settings.dateStyle, updatedAtMs: atMs, updatedBy }
  await db.orm.insert(teamSettings).values(values).onConflictDoUpdate({ target: teamSettings.id, set: { dateStyle: values.dateStyle, updatedAtMs: atMs, updatedBy } })
  return { dateStyle: settings.dateStyle, updatedAtMs: atMs, updatedBy }
}
