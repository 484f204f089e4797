/**
 * Password hashing with scrypt (node:crypto), stored as `scrypt$N$r$p$salt$hash` (salt and hash base64). Parameters
 * follow OWASP's password storage cheat sheet minimum for scrypt (N=2^17, r=8, p=1); verification reads them from
 * the stored string, so they can be raised later without invalidating existing accounts.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { isCommonPassword } from './commonPasswords.ts'
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS } from '../schemas/users.ts'

const DEFAULT_COST = { N: 2 ** 17, r: 8, p: 1 }
const KEY_BYTES = 32
const SALT_BYTES = 16
export const MIN_PASSWORD_CHARS = PASSWORD_MIN_CHARS
const MAX_PASSWORD_CHARS = PASSWORD_MAX_CHARS

function scryptAsync(password: string, salt: Buffer, keyBytes: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key))))
}

function maxmemFor(cost: { N: number; r: number }): number {
  return 128 * cost.N * cost.r * 2
}

/** A problem with a chosen password, in words for the form; null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (typeof password !== 'string') return 'the password must be text'
  if (password.length < MIN_PASSWORD_CHARS) return `the password must have at least ${MIN_PASSWORD_CHARS} characters`
  if (password.length > MAX_PASSWORD_CHARS) return `the password must have at most ${MAX_PASSWORD_CHARS} characters`
  if (isCommonPassword(password)) return 'the password is one of the most common (or a run like 1234567890 or aaaaaaaaaa): choose a less guessable one'
  return null
}

/** @throws RangeError when the password is not acceptable (see passwordProblem) */
export async function hashPassword(password: string, cost: { N: number; r: number; p: number } = DEFAULT_COST): Promise<string> {
  const problem = passwordProblem(password)
  if (problem) throw new RangeError(problem)
  const salt = randomBytes(SALT_BYTES)
  const key = await scryptAsync(password, salt, KEY_BYTES, { ...cost, maxmem: maxmemFor(cost) })
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$')
}

/** True when `password` matches the stored hash (constant-time comparison); false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt' || typeof password !== 'string' || password.length > MAX_PASSWORD_CHARS) return false
  const [N, r, p] = parts.slice(1, 4).map(Number)
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0)) return false
  const salt = Buffer.from(parts[4], 'base64')
  const expected = Buffer.from(parts[5], 'base64')
  const key = await scryptAsync(password, salt, expected.length, { N, r, p, maxmem: maxmemFor({ N, r }) })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** A random password for the first admin: 20 characters from an unambiguous alphabet (~115 bits). */
export function generatePassword(chars = 20): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const unbiasedBelow = 256 - (256 % alphabet.length)
  let out = ''
  while (out.length < chars) {
    for (const b of randomBytes(chars)) if (b < unbiasedBelow && out.length < chars) out += alphabet[b % alphabet.length]
  }
  return out
}
