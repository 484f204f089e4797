/** The accounts page (admins): every account with its role, a form to change role, enable/disable or set a password, and a form to add one. */
import type { User } from '../../src/db/users.ts'
import { ROLES, ROLE_DESCRIPTIONS } from '../../src/auth/roles.ts'
import { formatUtcStamp } from '../../src/format/dateTime.ts'
import { Layout } from '../Layout.tsx'
import type { ThrottledAccount } from '../../src/auth/signInThrottle.ts'

export interface UsersPageProps {
  users: User[]; error?: string; notice?: string; form?: { username: string; role: string }; throttled?: ThrottledAccount[]
  /** Agents an account may be linked to (My shifts), and each account's link (user id → agent id). */
  agents?: { id: number; name: string }[]; agentLinks?: Map<number, number>
}

export function UsersPage({ users, error, notice, form = { username: '', role: 'viewer' }, throttled = [], agents = [], agentLinks = new Map() }: UsersPageProps) {
  return (
    <Layout title="Users">
      <h1>Users</h1>
      {error ? <p class="errors" role="alert" id="users-error">{error}</p> : null}
      {notice ? <p class="notice" id="users-notice">{notice}</p> : null}
      <ul class="muted">{ROLES.map((r) => <li><strong>{r}</strong>: {ROLE_DESCRIPTIONS[r]}</li>)}</ul>
      <table id="users-table">
        <thead><tr><th>Account</th><th>Role</th><th>State</th><th>Created (UTC)</th><th>Change</th><th>Agent (My shifts)</th></tr></thead>
        <tbody>
          {users.map((u) => (
            <tr>
              <td>{u.username}</td>
              <td>{u.role}</td>
              <td>{u.disabled ? 'disabled' : 'active'}</td>
              <td>{formatUtcStamp(u.createdAtMs)}</td>
              <td>
                <form method="post" action={`/users/${u.id}`} class="inline">
                  <select name="role" aria-label={`role of ${u.username}`}>{ROLES.map((r) => <option value={r} selected={r === u.role}>{r}</option>)}</select>
                  <select name="disabled" aria-label={`state of ${u.username}`}><option value="0" selected={!u.disabled}>active</option><option value="1" selected={u.disabled}>disabled</option></select>
                  <input type="password" name="password" placeholder="new password (optional)" autocomplete="new-password" maxlength={1024} />
                  <button type="submit" class="small">Save</button>
                </form>
              </td>
              <td>
                <form method="post" action={`/users/${u.id}/agent`} class="inline agent-link-form">
                  <select name="agentId" aria-label={`agent of ${u.username}`}>
                    <option value="" selected={!agentLinks.has(u.id)}>none</option>
                    {agents.map((a) => <option value={String(a.id)} selected={agentLinks.get(u.id) === a.id}>{a.name}</option>)}
                  </select>
                  <button type="submit" class="small">Link</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Slowed sign-ins</h2>
      {throttled.length ? (
        <table id="throttled-table">
          <thead><tr><th>Account</th><th class="num">Failed attempts</th><th class="num">Addresses</th><th class="num">Next try in (s)</th><th></th></tr></thead>
          <tbody>
            {throttled.map((t) => (
              <tr>
                <td>{t.username}</td><td class="num">{t.failures}</td><td class="num">{t.addresses}</td><td class="num">{t.waitSeconds}</td>
                <td><form method="post" action="/users/unlock" class="inline"><input type="hidden" name="username" value={t.username} /><button type="submit" class="small">Unlock</button></form></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p class="muted" id="no-throttled">No account is being slowed down: after 5 wrong passwords from one address, each further attempt from there waits longer (up to a minute).</p>}
      <h2>Add an account</h2>
      <form method="post" action="/users" class="inline" id="add-user-form">
        <label>Account<input name="username" value={form.username} required maxlength={64} autocomplete="off" /></label>
        <label>Role<select name="role">{ROLES.map((r) => <option value={r} selected={r === form.role}>{r}</option>)}</select></label>
        <label>Password<input type="password" name="password" required minlength={10} maxlength={1024} autocomplete="new-password" /></label>
        <button type="submit">Add</button>
      </form>
    </Layout>
  )
}
