/**
 * Sign-in rate limiting: failed attempts are counted per key (the account name, and the client address) in a
 * sliding window; once a key has `maxFailures` failures in `windowMs`, attempts are refused until the oldest
 * failure leaves the window. A successful sign-in clears the account's failures. In memory, per app instance.
 */
export interface RateLimiter {
  /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
  retryAfterSeconds(keys: string[], nowMs?: number): number
  recordFailure(keys: string[], nowMs?: number): void
  reset(key: string): void
}

export function createRateLimiter({ maxFailures = 5, windowMs = 15 * 60_000, maxKeys = 10_000 } = {}): RateLimiter {
  if (!(Number.isInteger(maxFailures) && maxFailures > 0)) throw new RangeError(`maxFailures must be a positive whole number, got ${maxFailures}`)
  if (!(windowMs > 0)) throw new RangeError(`windowMs must be positive, got ${windowMs}`)
  const failures = new Map<string, number[]>()
  const recent = (key: string, nowMs: number) => (failures.get(key) ?? []).filter((t) => nowMs - t < windowMs)
  return {
    retryAfterSeconds(keys, nowMs = Date.now()) {
      let wait = 0
      for (const key of keys) {
        const times = recent(key, nowMs)
        if (times.length >= maxFailures) wait = Math.max(wait, Math.ceil((times[times.length - maxFailures] + windowMs - nowMs) / 1000))
      }
      return wait
    },
    recordFailure(keys, nowMs = Date.now()) {
      for (const key of keys) {
        if (!failures.has(key) && failures.size >= maxKeys) failures.delete(failures.keys().next().value!)
        failures.set(key, [...recent(key, nowMs), nowMs])
      }
    },
    reset(key) { failures.delete(key) },
  }
}
