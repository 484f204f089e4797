/** The API tokens page (admins): every token with its role, creator, last use and state; create (shown once) and revoke. */
import type { ApiToken } from '../../src/db/apiTokens.ts'
import { ROLES, ROLE_DESCRIPTIONS } from '../../src/auth/roles.ts'
import { formatUtcStamp } from '../../src/format/dateTime.ts'
import { Layout } from '../Layout.tsx'

export interface TokensPageProps {
  tokens: ApiToken[]
  /** The secret of a token just created: shown this once. */
  created?: { name: string; secret: string }
  error?: string
  notice?: string
  form?: { name: string; role: string }
}

const utc = (ms: number | null) => (ms === null ? 'never' : formatUtcStamp(ms))

export function TokensPage({ tokens, created, error, notice, form = { name: '', role: 'scheduler' } }: TokensPageProps) {
  return (
    <Layout title="API tokens">
      <h1>API tokens</h1>
      <p>Tokens let other systems use the <a href="/api/v1/reference">API</a>: send one as <code>Authorization: Bearer &lt;token&gt;</code>. A token acts with its role's rights, like an account. {tokens.filter((t) => t.revokedAtMs === null).length} active, {tokens.filter((t) => t.revokedAtMs !== null).length} revoked.</p>
      {error ? <p class="errors" role="alert" id="tokens-error">{error}</p> : null}
      {notice ? <p class="notice" id="tokens-notice">{notice}</p> : null}
      {created ? (
        <div class="notice" id="token-created" role="status">
          <p>Token <strong>{created.name}</strong> created. Copy it now: it is not shown again (only a hash is kept).</p>
          <p><code id="token-secret">{created.secret}</code></p>
        </div>
      ) : null}
      <table id="tokens-table">
        <thead><tr><th>Name</th><th>Role</th><th>Created (UTC)</th><th>By</th><th>Last used (UTC)</th><th>State</th><th></th></tr></thead>
        <tbody>
          {tokens.map((t) => (
            <tr>
              <td>{t.name}</td><td>{t.role}</td><td>{utc(t.createdAtMs)}</td><td>{t.createdBy}</td><td>{utc(t.lastUsedAtMs)}</td>
              <td>{t.revokedAtMs === null ? 'active' : `revoked ${utc(t.revokedAtMs)}`}</td>
              <td>{t.revokedAtMs === null ? (
                <form method="post" action={`/tokens/${t.id}/revoke`} class="inline"><button type="submit" class="small">Revoke</button></form>
              ) : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {tokens.length === 0 ? <p class="muted">No tokens yet.</p> : null}
      <h2>Create a token</h2>
      <ul class="muted">{ROLES.map((r) => <li><strong>{r}</strong>: {ROLE_DESCRIPTIONS[r]}</li>)}</ul>
      <form method="post" action="/tokens" class="inline" id="create-token-form">
        <label>Name<input name="name" value={form.name} required maxlength={64} autocomplete="off" /></label>
        <label>Role<select name="role">{ROLES.map((r) => <option value={r} selected={r === form.role}>{r}</option>)}</select></label>
        <button type="submit">Create token</button>
      </form>
    </Layout>
  )
}
