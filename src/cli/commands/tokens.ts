/**
 * `chatplan tokens create --name NAME --role ROLE` (prints the token once), `tokens list`, `tokens revoke --name NAME`:
 * API tokens, as on the Tokens page. Reads DATABASE_URL (default file:data/chatplan.db).
 */
import type { CliIo } from '../io.ts'
import { parseOptions } from '../io.ts'
import { loadConfig } from '../../config.ts'
import { closeDb, createDb } from '../../db/client.ts'
import { migrateDb } from '../../db/migrate.ts'
import { recordAudit } from '../../db/audit.ts'
import { ApiTokenInputError, createApiToken, findApiTokenByName, listApiTokens, revokeApiToken } from '../../db/apiTokens.ts'

export const usage = `Usage: chatplan tokens create --name NAME --role viewer|scheduler|manager|admin
       chatplan tokens list
       chatplan tokens revoke --name NAME
API tokens for /api/v1 (sent as "Authorization: Bearer <token>"). create prints the token once: only its hash is
kept. A token acts with its role's rights; writing contacts or intervals needs scheduler or above.`

const OPTIONS: Record<string, string[]> = { create: ['name', 'role'], list: [], revoke: ['name'] }

export async function run(args: string[], io: CliIo): Promise<number> {
  const fail = (message: string) => { io.err(`chatplan tokens: ${message}\n`); return 1 }
  let parsed
  try { parsed = parseOptions(args) } catch (error) { return fail((error as Error).message) }
  const { options, positional } = parsed
  const [action, extra] = positional
  if (!action || !(action in OPTIONS)) return fail(`give create, list or revoke${action ? `, not '${action}'` : ''}\n\n${usage}`)
  if (extra !== undefined) return fail(`unexpected argument '${extra}'`)
  const unknown = Object.keys(options).find((o) => !OPTIONS[action].includes(o))
  if (unknown) return fail(`unknown option --${unknown} for ${action} (options: ${OPTIONS[action].map((o) => `--${o}`).join(' ') || 'none'})`)
  for (const needed of OPTIONS[action]) if (typeof options[needed] !== 'string') return fail(`--${needed} is required`)
  const config = loadConfig(io.env)
  const db = await createDb(config.databaseUrl, config.databaseAuthToken)
  try {
    await migrateDb(db)
    if (action === 'list') {
      const tokens = await listApiTokens(db)
      io.out('name,role,created_at,created_by,last_used_at,revoked_at\n' + tokens.map((t) => [t.name, t.role, new Date(t.createdAtMs).toISOString(), t.createdBy,
        t.lastUsedAtMs === null ? '' : new Date(t.lastUsedAtMs).toISOString(), t.revokedAtMs === null ? '' : new Date(t.revokedAtMs).toISOString()].join(',')).join('\n') + (tokens.length ? '\n' : ''))
      return 0
    }
    if (action === 'create') {
      const { token, secret } = await createApiToken(db, { name: options.name as string, role: options.role as string, createdBy: 'command line' })
      await recordAudit(db, { userId: null, username: 'command line', action: 'token.create', entity: 'api_token', entityId: token.id, summary: `'${token.name}' (${token.role})` })
      io.out(secret + '\n')
      io.err(`chatplan tokens: created '${token.name}' (${token.role}); the token above is shown only now\n`)
      return 0
    }
    const found = await findApiTokenByName(db, options.name as string)
    if (!found) return fail(`there is no token named '${options.name}'`)
    await revokeApiToken(db, found.id)
    await recordAudit(db, { userId: null, username: 'command line', action: 'token.revoke', entity: 'api_token', entityId: found.id, summary: `'${found.name}'` })
    io.out(`revoked '${found.name}'\n`)
    return 0
  } catch (error) {
    if (error instanceof ApiTokenInputError) return fail(error.message)
    throw error
  } finally {
    closeDb(db)
  }
}
