/** The environment, parsed once at start. */
export interface Config {
  port: number
  databaseUrl: string
  databaseAuthToken?: string
  /** Load the demo data into an empty database at start. */
  loadDemo: boolean
  /** Password of the first admin account, created on a database without accounts (else one is generated and printed once). */
  adminPassword?: string
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a whole number from 0 to 65535, got '${env.PORT}'`)
  return {
    port,
    databaseUrl: env.DATABASE_URL?.trim() || 'file:data/chatplan.db',
    databaseAuthToken: env.DATABASE_AUTH_TOKEN || env.LIBSQL_AUTH_TOKEN || undefined,
    loadDemo: !['0', 'false', 'no', 'off'].includes((env.CHATPLAN_DEMO ?? 'on').toLowerCase()),
    adminPassword: env.CHATPLAN_ADMIN_PASSWORD || undefined,
  }
}
