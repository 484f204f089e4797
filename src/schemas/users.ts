/** Bounds of an account: user name and password (the users page and the first admin). */
import type { TextBound } from './bounds.ts'

export const USER_NAME: TextBound = { label: 'User name', maxLength: 64, minLength: 1 }
export const PASSWORD_MIN_CHARS = 10
export const PASSWORD_MAX_CHARS = 1024
