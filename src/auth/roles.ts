/**
 * Roles, from least to most: a viewer reads everything and exports; a scheduler also imports, forecasts, edits
 * events and schedules; a manager also runs scenarios, sets baselines and publishes; an admin also manages accounts.
 * Each role includes the ones before it.
 */
export const ROLES = ['viewer', 'scheduler', 'manager', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'reads every page and exports',
  scheduler: 'imports, forecasts, events, staffing settings and schedules',
  manager: 'scenarios, baselines and publishing, and what a scheduler does',
  admin: 'accounts, and everything else',
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** True when `role` may do what `needed` may. */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed)
}
