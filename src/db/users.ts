/**
 * Accounts and sessions. Passwords are stored as scrypt hashes (src/auth/password.ts); a session's cookie token is
 * stored only as its SHA-256, with the session's CSRF token and expiry.
 */
import { createHash, randomBytes } from 'node:crypto'
import { and, asc, eq, gt, lt, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { agentCalendarFeeds, sessions, users, type UserRow } from './schema.ts'
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from '../auth/password.ts'
import { isRole, ROLES, type Role } from '../auth/roles.ts'

/** A change to accounts that cannot be made (bad name, duplicate, last admin…); nothing was written. */
export class UserInputError extends RangeError {}

export interface User { id: number; username: string; role: Role; disabled: boolean; createdAtMs: number }

const USERNAME_RE = /^[A-Za-z0-9._@-]{1,64}$/

function userOf(row: UserRow): User {
  return { id: row.id, username: row.username, role: row.role, disabled: row.disabled, createdAtMs: row.createdAtMs }
}

export function usernameProblem(username: string): string | null {
  return USERNAME_RE.test(username) ? null : `the user name must be 1 to 64 letters, digits or . _ @ -, got '${username.length > 64 ? `${username.slice(0, 64)}…' (${username.length} characters)` : `${username}'`}`
}

export interface NewUser { username: string; password: string; role: Role }

/**
 * Creates an account. `passwordHash` may be given instead of hashing `password` (tests use cheap hashes).
 * @throws UserInputError for a bad or taken user name, a short password or an unknown role
 */
export async function createUser(db: Db, input: NewUser, options: { passwordHash?: string } = {}): Promise<User> {
  const username = input.username.trim()
  const problem = usernameProblem(username) ?? (options.passwordHash ? null : passwordProblem(input.password)) ?? (isRole(input.role) ? null : `the role must be one of ${ROLES.join(', ')}, got '${input.role}'`)
  if (problem) throw new UserInputError(problem)
  if (await findUserByName(db, username)) throw new UserInputError(`there is already an account '${username}'`)
  const passwordHash = options.passwordHash ?? await hashPassword(input.password)
  const now = Date.now()
  try {
    const [row] = await db.orm.insert(users).values({ username, passwordHash, role: input.role, createdAtMs: now, updatedAtMs: now }).returning()
    return userOf(row)
  } catch (error) {
    if (/UNIQUE/i.test(String(error))) throw new UserInputError(`there is already an account '${username}'`)
    throw error
  }
}

export async function findUserByName(db: Db, username: string): Promise<User | undefined> {
  const [row] = await db.orm.select().from(users).where(sql`lower(${users.username}) = lower(${username})`).limit(1)
  return row ? userOf(row) : undefined
}

export async function findUser(db: Db, id: number): Promise<User | undefined> {
  const [row] = await db.orm.select().from(users).where(eq(users.id, id)).limit(1)
  return row ? userOf(row) : undefined
}

export async function listUsers(db: Db): Promise<User[]> {
  return (await db.orm.select().from(users).orderBy(asc(users.username))).map(userOf)
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.orm.select({ n: sql<number>`count(*)` }).from(users)
  return Number(row.n)
}

/** The account when the name and password match an enabled account, else null (same answer for both failures). */
export async function checkCredentials(db: Db, username: string, password: string): Promise<User | null> {
  const [row] = await db.orm.select().from(users).where(sql`lower(${users.username}) = lower(${username.trim()})`).limit(1)
  if (!row) {
    // Spend about the same time as a real check, so the answer time does not tell which names exist.
    await verifyPassword(password, DUMMY_HASH)
    return null
  }
  const ok = await verifyPassword(password, row.passwordHash)
  return ok && !row.disabled ? userOf(row) : null
}

const DUMMY_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='

async function countEnabledAdmins(db: Db): Promise<number> {
  const [row] = await db.orm.select({ n: sql<number>`count(*)` }).from(users).where(and(eq(users.role, 'admin'), eq(users.disabled, false)))
  return Number(row.n)
}

/**
 * Changes an account's role, enabled state or password. The last enabled admin cannot be demoted or disabled.
 * Disabling an account or changing its password signs it out everywhere; disabling also stops its agent's calendar feed.
 * @throws UserInputError (nothing written)
 */
export async function updateUser(db: Db, id: number, change: { role?: Role; disabled?: boolean; password?: string }): Promise<User> {
  const current = await findUser(db, id)
  if (!current) throw new UserInputError(`there is no account with id ${id}`)
  if (change.role !== undefined && !isRole(change.role)) throw new UserInputError(`the role must be one of ${ROLES.join(', ')}, got '${change.role}'`)
  const losesAdmin = current.role === 'admin' && !current.disabled && ((change.role !== undefined && change.role !== 'admin') || change.disabled === true)
  if (losesAdmin && (await countEnabledAdmins(db)) <= 1) throw new UserInputError(`'${current.username}' is the last admin: make another account admin first`)
  const values: Partial<typeof users.$inferInsert> = { updatedAtMs: Date.now() }
  if (change.role !== undefined) values.role = change.role
  if (change.disabled !== undefined) values.disabled = change.disabled
  if (change.password !== undefined) {
    const problem = passwordProblem(change.password)
    if (problem) throw new UserInputError(problem)
    values.passwordHash = await hashPassword(change.password)
  }
  const [row] = await db.orm.update(users).set(values).where(eq(users.id, id)).returning()
  if (change.disabled === true || change.password !== undefined) await db.orm.delete(sessions).where(eq(sessions.userId, id))
  // A disabled account's calendar feed stops for good: enabled again, the agent makes a new address on My shifts.
  if (change.disabled === true && row.agentId !== null) await db.orm.delete(agentCalendarFeeds).where(eq(agentCalendarFeeds.agentId, row.agentId))
  return userOf(row)
}

/**
 * On a database without accounts, creates the first admin ("admin") with the given password, or a generated one
 * that is returned so the caller can print it once. Returns null when accounts already exist.
 */
export async function ensureFirstAdmin(db: Db, password?: string): Promise<{ username: string; password: string; generated: boolean } | null> {
  if ((await countUsers(db)) > 0) return null
  const generated = !password
  const chosen = password || generatePassword()
  try {
    await createUser(db, { username: 'admin', password: chosen, role: 'admin' })
  } catch (error) {
    // Another instance started at the same moment and created it first.
    if (error instanceof UserInputError && /already an account/.test(error.message)) return null
    throw error
  }
  return { username: 'admin', password: chosen, generated }
}

// ---------------------------------------------------------------- sessions

export const SESSION_TTL_MS = 12 * 3600_000

export interface Session { user: User; csrfToken: string; expiresAtMs: number }

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** Starts a session; the returned token goes in the cookie and is not stored. */
export async function createSession(db: Db, userId: number, ttlMs = SESSION_TTL_MS): Promise<{ token: string; csrfToken: string; expiresAtMs: number }> {
  const token = randomBytes(32).toString('base64url')
  const csrfToken = randomBytes(32).toString('base64url')
  const now = Date.now()
  const expiresAtMs = now + ttlMs
  await db.orm.insert(sessions).values({ tokenSha256: sha256(token), userId, csrfToken, createdAtMs: now, expiresAtMs })
  // Housekeeping: forget expired sessions.
  await db.orm.delete(sessions).where(lt(sessions.expiresAtMs, now))
  return { token, csrfToken, expiresAtMs }
}

/** The session of a cookie token, when it exists, has not expired and its account is enabled. */
export async function findSession(db: Db, token: string): Promise<Session | null> {
  if (!token || token.length > 100) return null
  const [row] = await db.orm.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenSha256, sha256(token)), gt(sessions.expiresAtMs, Date.now()))).limit(1)
  if (!row || row.user.disabled) return null
  return { user: userOf(row.user), csrfToken: row.session.csrfToken, expiresAtMs: row.session.expiresAtMs }
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.orm.delete(sessions).where(eq(sessions.tokenSha256, sha256(token)))
}
