/** The accounts page (admins): every account with its role, a form to change role, enable/disable or set a password, and a form to add one. */
import type { User } from '../../src/db/users.ts'
import { ROLES, ROLE_DESCRIPTIONS } from '../../src/auth/roles.ts'
import { formatUtcStamp } from '../../src/format/dateTime.ts'
import { Layout } from '../Layout.tsx'

export interface UsersPageProps { users: User[]; error?: string; notice?: string; form?: { username: string; role: string } }

export function UsersPage({ users, error, notice, form = { username: '', role: 'viewer' } }: UsersPageProps) {
  return (
    <Layout title="Users">
      <h1>Users</h1>
      {error ? <p class="errors" role="alert" id="users-error">{error}</p> : null}
      {notice ? <p class="notice" id="users-notice">{notice}</p> : null}
      <ul class="muted">{ROLES.map((r) => <li><strong>{r}</strong>: {ROLE_DESCRIPTIONS[r]}</li>)}</ul>
      <table id="users-table">
        <thead><tr><th>Account</th><th>Role</th><th>State</th><th>Created (UTC)</th><th>Change</th></tr></thead>
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
            </tr>
          ))}
        </tbody>
      </table>
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
