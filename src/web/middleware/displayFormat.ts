/**
 * Runs every request inside the team's date and time style (src/format/dateTime.ts) and number style
 * (src/format/numbers.ts), so every page, chart and input shows dates and numbers one way without each view being
 * handed the style. The setting is kept for a few seconds (and dropped
 * at a save, `forget()`), so pages pay almost nothing per request.
 */
import type { MiddlewareHandler } from 'hono'
import type { Db } from '../../db/client.ts'
import { getTeamSettings, type TeamSettings } from '../../db/teamSettings.ts'
import { withDateStyle } from '../../format/dateTime.ts'
import { withNumberStyle } from '../../format/numbers.ts'

export interface DisplayFormat {
  middleware: MiddlewareHandler
  /** Drops the kept setting (after a save) so the next request reads it again. */
  forget(): void
}

export function displayFormat(db: Db, { maxAgeMs = 5_000 }: { maxAgeMs?: number } = {}): DisplayFormat {
  let kept: Promise<Pick<TeamSettings, 'dateStyle' | 'numberStyle'>> | null = null
  let readAtMs = 0
  const read = () => {
    // Re-read now and then: another app instance on the same libSQL server may have saved a new style.
    if (!kept || Date.now() - readAtMs > maxAgeMs) {
      readAtMs = Date.now()
      kept = getTeamSettings(db).then((s) => ({ dateStyle: s.dateStyle, numberStyle: s.numberStyle }), (error) => { kept = null; throw error })
    }
    return kept
  }
  return {
    forget() { kept = null },
    middleware: async (c, next) => {
      if (c.req.path.startsWith('/static/') || c.req.path === '/health') return next()
      const { dateStyle, numberStyle } = await read()
      return withDateStyle(dateStyle, () => withNumberStyle(numberStyle, () => next()))
    },
  }
}
