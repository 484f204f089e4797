/** The team's settings (one row): read with defaults when never saved, and saved as a whole. */
import { eq } from 'drizzle-orm'
import type { Db } from './client.ts'
import { teamSettings } from './schema.ts'
import { DEFAULT_DATE_STYLE, isDateStyle, type DateStyle } from '../format/dateTime.ts'
import { DEFAULT_NUMBER_STYLE, isNumberStyle, type NumberStyle } from '../format/numbers.ts'

export interface TeamSettings { dateStyle: DateStyle; numberStyle: NumberStyle; updatedAtMs: number | null; updatedBy: string | null }

export async function getTeamSettings(db: Db): Promise<TeamSettings> {
  const [row] = await db.orm.select().from(teamSettings).where(eq(teamSettings.id, 1))
  if (!row) return { dateStyle: DEFAULT_DATE_STYLE, numberStyle: DEFAULT_NUMBER_STYLE, updatedAtMs: null, updatedBy: null }
  return {
    dateStyle: isDateStyle(row.dateStyle) ? row.dateStyle : DEFAULT_DATE_STYLE,
    numberStyle: isNumberStyle(row.numberStyle) ? row.numberStyle : DEFAULT_NUMBER_STYLE,
    updatedAtMs: row.updatedAtMs, updatedBy: row.updatedBy,
  }
}

/** Saves the styles given; one left out keeps its stored value (or the default). */
export async function saveTeamSettings(db: Db, settings: { dateStyle?: DateStyle; numberStyle?: NumberStyle }, updatedBy: string, atMs = Date.now()): Promise<TeamSettings> {
  const current = await getTeamSettings(db)
  const values = { id: 1, dateStyle: settings.dateStyle ?? current.dateStyle, numberStyle: settings.numberStyle ?? current.numberStyle, updatedAtMs: atMs, updatedBy }
  await db.orm.insert(teamSettings).values(values).onConflictDoUpdate({
    target: teamSettings.id, set: { dateStyle: values.dateStyle, numberStyle: values.numberStyle, updatedAtMs: atMs, updatedBy },
  })
  return { dateStyle: values.dateStyle, numberStyle: values.numberStyle, updatedAtMs: atMs, updatedBy }
}
