/** The accounts page (admins only, see middleware/roles.ts): list, add, change role, disable, set a password. */
import { Hono, type Context } from 'hono'
import type { WebDeps } from '../deps.ts'
import { createUser, listUsers, updateUser, UserInputError } from '../../db/users.ts'
import { isRole } from '../../auth/roles.ts'
import { linkUserToAgent, listAgentLinks } from '../../db/agentLinks.ts'
import { listAgents } from '../../db/schedules.ts'
import { auditChange } from '../middleware/audit.ts'
import { renderPage } from '../../../views/Layout.tsx'
import { UsersPage, type UsersPageProps } from '../../../views/users/UsersPage.tsx'

export function userRoutes({ db, signInThrottle }: WebDeps) {
  const app = new Hono()
  const page = async (c: Context, props: Omit<UsersPageProps, 'users'> = {}, status: 200 | 422 = 200) =>
    c.html(renderPage(<UsersPage users={await listUsers(db)} throttled={signInThrottle?.throttledAccounts() ?? []} agents={(await listAgents(db)).map((a) => ({ id: a.id, name: a.name }))} agentLinks={await listAgentLinks(db)} {...props} />), status)
  const text = (v: unknown) => (typeof v === 'string' ? v : '')

  app.get('/', (c) => page(c, { notice: c.req.query('done') === 'added' ? 'Account added.' : c.req.query('done') === 'saved' ? 'Saved.' : c.req.query('done') === 'unlocked' ? 'Unlocked: that account can sign in again at once.' : undefined }))

  /** Clears an account's slowed sign-ins (every address). */
  app.post('/unlock', async (c) => {
    const username = text((await c.req.parseBody()).username).trim()
    if (!username || username.length > 64) return page(c, { error: 'Not unlocked: name the account to unlock.' }, 422)
    const cleared = signInThrottle?.unlock(username) ?? 0
    if (!cleared) return page(c, { error: `Not unlocked: '${username}' is not being slowed down.` }, 422)
    await auditChange(c, db, { action: 'user.unlock', entity: 'user', summary: `sign-in of '${username}' unlocked (${cleared} address${cleared === 1 ? '' : 'es'})` })
    return c.redirect('/users?done=unlocked', 303)
  })

  app.post('/', async (c) => {
    const body = await c.req.parseBody()
    const form = { username: text(body.username).trim(), role: text(body.role) }
    try {
      if (!isRole(form.role)) throw new UserInputError(`the role must be one of viewer, scheduler, manager, admin, got '${form.role}'`)
      const user = await createUser(db, { username: form.username, password: text(body.password), role: form.role })
      await auditChange(c, db, { action: 'user.create', entity: 'user', entityId: user.id, summary: `'${user.username}' (${user.role})` })
      return c.redirect('/users?done=added', 303)
    } catch (error) {
      if (error instanceof UserInputError || error instanceof RangeError) return page(c, { error: `Not added: ${error.message}.`, form }, 422)
      throw error
    }
  })

  app.post('/:id{[0-9]+}', async (c) => {
    const body = await c.req.parseBody()
    const role = text(body.role)
    const password = text(body.password)
    try {
      if (role && !isRole(role)) throw new UserInputError(`the role must be one of viewer, scheduler, manager, admin, got '${role}'`)
      if (body.disabled !== undefined && body.disabled !== '0' && body.disabled !== '1') throw new UserInputError(`disabled must be 0 or 1, got '${text(body.disabled)}'`)
      const user = await updateUser(db, Number(c.req.param('id')), {
        role: isRole(role) ? role : undefined,
        disabled: body.disabled === undefined ? undefined : body.disabled === '1',
        password: password ? password : undefined,
      })
      await auditChange(c, db, { action: 'user.update', entity: 'user', entityId: user.id, summary: `'${user.username}': ${user.role}, ${user.disabled ? 'disabled' : 'active'}${password ? ', new password' : ''}` })
      return c.redirect('/users?done=saved', 303)
    } catch (error) {
      if (error instanceof UserInputError) return page(c, { error: `Not saved: ${error.message}.` }, 422)
      throw error
    }
  })
  /** Links the account to an agent (empty: unlinks): that user then sees the agent's shifts on My shifts. */
  app.post('/:id{[0-9]+}/agent', async (c) => {
    const raw = text((await c.req.parseBody()).agentId).trim()
    if (raw !== '' && !/^[0-9]{1,9}$/.test(raw)) return page(c, { error: `Not linked: Agent must be one of the listed agents, got '${raw.slice(0, 20)}'.` }, 422)
    const userId = Number(c.req.param('id'))
    try {
      await linkUserToAgent(db, userId, raw === '' ? null : Number(raw))
    } catch (error) {
      if (error instanceof RangeError) return page(c, { error: `Not linked: ${error.message}.` }, 422)
      throw error
    }
    const agent = raw === '' ? null : (await listAgents(db)).find((a) => a.id === Number(raw))
    await auditChange(c, db, { action: 'user.link', entity: 'user', entityId: userId, summary: agent ? `account ${userId} linked to agent '${agent.name}'` : `account ${userId} unlinked from its agent` })
    return c.redirect('/users?done=saved', 303)
  })
  return app
}
