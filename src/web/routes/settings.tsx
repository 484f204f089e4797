/** The team's settings page: read by everyone signed in, changed by managers (see middleware/roles.ts). */
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { WebDeps } from '../deps.ts'
import { getTeamSettings, saveTeamSettings } from '../../db/teamSettings.ts'
import { DATE_STYLES } from '../../format/dateTime.ts'
import { NUMBER_STYLES } from '../../format/numbers.ts'
import { roleAllows } from '../../auth/roles.ts'
import { auditChange } from '../middleware/audit.ts'
import { currentUser } from '../middleware/session.ts'
import { renderPage } from '../../../views/Layout.tsx'
import { SettingsPage } from '../../../views/settings/SettingsPage.tsx'

const SettingsForm = z.object({
  dateStyle: z.enum(DATE_STYLES, { error: (issue) => `Date and time style must be one of ${DATE_STYLES.join(', ')}, got '${String(issue.input ?? '')}'` }),
  /** Left out (a form from before numbers could be chosen): the stored style stays. */
  numberStyle: z.enum(NUMBER_STYLES, { error: (issue) => `Number style must be one of ${NUMBER_STYLES.join(', ')}, got '${String(issue.input ?? '')}'` }).optional(),
})

export function settingsRoutes({ db }: WebDeps, onSaved: () => void = () => {}) {
  const app = new Hono()
  const page = async (c: Context, extra: { notice?: string; error?: string } = {}, status: 200 | 422 = 200) => {
    const settings = await getTeamSettings(db)
    const user = currentUser(c)
    return c.html(renderPage(<SettingsPage {...settings} canEdit={!!user && roleAllows(user.role, 'manager')} {...extra} />), status)
  }

  app.get('/', (c) => page(c, { notice: c.req.query('done') === 'saved' ? 'Saved: every page now shows dates and numbers this way.' : undefined }))

  app.post('/', async (c) => {
    const body = await c.req.parseBody()
    const parsed = SettingsForm.safeParse({ dateStyle: body.dateStyle, numberStyle: body.numberStyle })
    if (!parsed.success) return page(c, { error: `Not saved: ${parsed.error.issues[0].message}.` }, 422)
    const user = currentUser(c)
    const saved = await saveTeamSettings(db, parsed.data, user?.username ?? 'anonymous')
    onSaved()
    await auditChange(c, db, { action: 'settings.update', entity: 'team_settings', entityId: '1', summary: `date style: ${saved.dateStyle}, number style: ${saved.numberStyle}` })
    return c.redirect('/settings?done=saved', 303)
  })
  return app
}
