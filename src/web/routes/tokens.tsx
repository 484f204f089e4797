/** The API tokens page (admins only, see middleware/roles.ts): list, create (the secret shown once), revoke. */
import { Hono, type Context } from 'hono'
import type { WebDeps } from '../deps.ts'
import { ApiTokenInputError, createApiToken, listApiTokens, revokeApiToken } from '../../db/apiTokens.ts'
import { auditChange, actorName } from '../middleware/audit.ts'
import { renderPage } from '../../../views/Layout.tsx'
import { TokensPage, type TokensPageProps } from '../../../views/tokens/TokensPage.tsx'

export function tokenRoutes({ db }: WebDeps) {
  const app = new Hono()
  const page = async (c: Context, props: Omit<TokensPageProps, 'tokens'> = {}, status: 200 | 404 | 422 = 200) => {
    c.header('Cache-Control', 'no-store')
    return c.html(renderPage(<TokensPage tokens={await listApiTokens(db)} {...props} />), status)
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : '')

  app.get('/', (c) => page(c, { notice: c.req.query('done') === 'revoked' ? 'Token revoked: it no longer works.' : undefined }))

  app.post('/', async (c) => {
    const body = await c.req.parseBody()
    const form = { name: text(body.name).trim(), role: text(body.role) }
    try {
      const { token, secret } = await createApiToken(db, { ...form, createdBy: actorName(c) })
      await auditChange(c, db, { action: 'token.create', entity: 'api_token', entityId: token.id, summary: `'${token.name}' (${token.role})` })
      // Answered directly (not redirected): the secret is shown this once and never stored.
      return page(c, { created: { name: token.name, secret } })
    } catch (error) {
      if (error instanceof ApiTokenInputError) return page(c, { error: `Not created: ${error.message}.`, form }, 422)
      throw error
    }
  })

  app.post('/:id{[0-9]+}/revoke', async (c) => {
    try {
      const token = await revokeApiToken(db, Number(c.req.param('id')))
      if (!token) return page(c, { error: 'There is no such token.' }, 404)
      await auditChange(c, db, { action: 'token.revoke', entity: 'api_token', entityId: token.id, summary: `'${token.name}'` })
      return c.redirect('/tokens?done=revoked', 303)
    } catch (error) {
      if (error instanceof ApiTokenInputError) return page(c, { error: `${error.message}.` }, 422)
      throw error
    }
  })
  return app
}
