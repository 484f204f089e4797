/** Agents' requests for schedulers (middleware/roles.ts): approve (re-roster and publish) or refuse, with a note; audited. */
import { Hono, type Context } from 'hono'
import type { WebDeps } from '../deps.ts'
import { actorName, auditChange } from '../middleware/audit.ts'
import { requestsPageData } from '../../planning/myShifts.ts'
import { approveRequest, refuseRequest, RequestRefusedError } from '../../planning/agentRequests.ts'
import { parseDecisionForm } from '../forms/rosterRequests.ts'
import { renderPage } from '../../../views/Layout.tsx'
import { RequestsPage, type RequestsPageProps } from '../../../views/requests/RequestsPage.tsx'

export function rosterRequestRoutes({ db }: WebDeps) {
  const app = new Hono()
  const page = async (c: Context, extra: Partial<RequestsPageProps> = {}, status: 200 | 422 = 200) => {
    return c.html(renderPage(<RequestsPage {...await requestsPageData(db)} {...extra} />), status)
  }

  app.get('/', (c) => page(c, { notice: c.req.query('done') === 'refused' ? 'Refused.' : undefined }))

  app.post('/:id{[0-9]+}/approve', async (c) => {
    const body = await c.req.parseBody()
    const parsed = parseDecisionForm(body)
    if (!parsed.ok) return page(c, { error: `Not approved: ${parsed.error}.` }, 422)
    try {
      const decision = await approveRequest(db, Number(c.req.param('id')), actorName(c), parsed.data.note, { allowUncovered: body.allowUncovered === '1' })
      await auditChange(c, db, { action: 'request.approve', entity: 'roster_request', entityId: c.req.param('id'), summary: decision.summary })
      return page(c, { notice: `Approved and published: ${decision.changes.length ? `${decision.changes.length} shift${decision.changes.length === 1 ? '' : 's'} changed hands` : 'no published shift changed'}.`, changes: decision.changes, reroster: decision.reroster })
    } catch (error) {
      if (error instanceof RequestRefusedError) return page(c, { error: `Not approved: ${error.message}.` }, 422)
      throw error
    }
  })

  app.post('/:id{[0-9]+}/refuse', async (c) => {
    const parsed = parseDecisionForm(await c.req.parseBody())
    if (!parsed.ok) return page(c, { error: `Not refused: ${parsed.error}.` }, 422)
    try {
      const decision = await refuseRequest(db, Number(c.req.param('id')), actorName(c), parsed.data.note)
      await auditChange(c, db, { action: 'request.refuse', entity: 'roster_request', entityId: c.req.param('id'), summary: decision.summary })
    } catch (error) {
      if (error instanceof RequestRefusedError) return page(c, { error: `Not refused: ${error.message}.` }, 422)
      throw error
    }
    return c.redirect('/requests?done=refused', 303)
  })
  return app
}
