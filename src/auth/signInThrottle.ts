/**
 * Sign-in throttling that nobody else can turn into a lock-out: failures are counted per (client address, account
 * name) pair, so wrong passwords from one address never slow the account's owner elsewhere. The first
 * `freeFailures` failures of a pair cost nothing; each later one doubles the wait before the next attempt
 * (1 s, 2 s, 4 s … capped at `maxWaitSeconds`): slowed down, never locked. An address failing across many accounts
 * is slowed the same way once it passes `freeFailuresPerAddress`. A success clears the pair; an admin can clear an
 * account (unlock) from the users page. In memory, per app instance; old entries leave after `windowMs`.
 */
export interface ThrottledAccount { username: string; failures: number; waitSeconds: number; addresses: number }

export interface SignInThrottle {
  /** Seconds this attempt must wait; 0 when it may be tried now. */
  waitSeconds(address: string, username: string, nowMs?: number): number
  recordFailure(address: string, username: string, nowMs?: number): void
  recordSuccess(address: string, username: string): void
  /** Clears every failure of the account (any address); the number of addresses cleared. */
  unlock(username: string): number
  /** Accounts being slowed down now (for the users page). */
  throttledAccounts(nowMs?: number): ThrottledAccount[]
}

export interface ThrottleOptions { freeFailures?: number; freeFailuresPerAddress?: number; maxWaitSeconds?: number; windowMs?: number; maxKeys?: number }

interface Entry { failures: number; lastMs: number }

export function createSignInThrottle({ freeFailures = 5, freeFailuresPerAddress = 30, maxWaitSeconds = 60, windowMs = 15 * 60_000, maxKeys = 10_000 }: ThrottleOptions = {}): SignInThrottle {
  const pairs = new Map<string, Entry>()
  const addresses = new Map<string, Entry>()
  const pairKey = (address: string, username: string) => `${address}\u0000${username.toLowerCase()}`
  const live = (map: Map<string, Entry>, key: string, nowMs: number): Entry | undefined => {
    const e = map.get(key)
    if (e && nowMs - e.lastMs >= windowMs) { map.delete(key); return undefined }
    return e
  }
  const wait = (e: Entry | undefined, free: number, nowMs: number): number => {
    if (!e || e.failures <= free) return 0
    const delaySeconds = Math.min(maxWaitSeconds, 2 ** (e.failures - free - 1))
    return Math.max(0, Math.ceil((e.lastMs + delaySeconds * 1000 - nowMs) / 1000))
  }
  const bump = (map: Map<string, Entry>, key: string, nowMs: number) => {
    const e = live(map, key, nowMs)
    if (!e && map.size >= maxKeys) map.delete(map.keys().next().value!)
    map.set(key, { failures: (e?.failures ?? 0) + 1, lastMs: nowMs })
  }
  return {
    waitSeconds(address, username, nowMs = Date.now()) {
      return Math.max(wait(live(pairs, pairKey(address, username), nowMs), freeFailures, nowMs), wait(live(addresses, address, nowMs), freeFailuresPerAddress, nowMs))
    },
    recordFailure(address, username, nowMs = Date.now()) {
      bump(pairs, pairKey(address, username), nowMs)
      bump(addresses, address, nowMs)
    },
    recordSuccess(address, username) {
      pairs.delete(pairKey(address, username))
    },
    unlock(username) {
      const suffix = `\u0000${username.toLowerCase()}`
      let n = 0
      for (const key of [...pairs.keys()]) if (key.endsWith(suffix)) { pairs.delete(key); n++ }
      return n
    },
    throttledAccounts(nowMs = Date.now()) {
      const byUser = new Map<string, ThrottledAccount>()
      for (const [key, e] of pairs) {
        if (nowMs - e.lastMs >= windowMs || e.failures <= freeFailures) continue
        const username = key.slice(key.indexOf('\u0000') + 1)
        const a = byUser.get(username) ?? { username, failures: 0, waitSeconds: 0, addresses: 0 }
        a.failures += e.failures
        a.addresses += 1
        a.waitSeconds = Math.max(a.waitSeconds, wait(e, freeFailures, nowMs))
        byUser.set(username, a)
      }
      return [...byUser.values()].sort((x, y) => x.username.localeCompare(y.username))
    },
  }
}
