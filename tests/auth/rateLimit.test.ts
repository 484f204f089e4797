import { describe, expect, it } from 'vitest'
import { createRateLimiter } from '../../src/auth/rateLimit.ts'

describe('sign-in rate limiter', () => {
  it('refuses after 5 failures in 15 minutes until the oldest leaves the window', () => {
    const limiter = createRateLimiter({ maxFailures: 5, windowMs: 15 * 60_000 })
    const t0 = 1_700_000_000_000
    for (let i = 0; i < 5; i++) {
      expect(limiter.retryAfterSeconds(['user:ann'], t0 + i * 60_000)).toBe(0)
      limiter.recordFailure(['user:ann', 'address:1.2.3.4'], t0 + i * 60_000)
    }
    // The oldest failure (t0) leaves the window at t0 + 15 min: 10 minutes after the 5th.
    expect(limiter.retryAfterSeconds(['user:ann'], t0 + 5 * 60_000)).toBe(600)
    expect(limiter.retryAfterSeconds(['user:bob', 'address:1.2.3.4'], t0 + 5 * 60_000)).toBe(600)
    expect(limiter.retryAfterSeconds(['user:bob', 'address:5.6.7.8'], t0 + 5 * 60_000)).toBe(0)
    expect(limiter.retryAfterSeconds(['user:ann'], t0 + 15 * 60_000)).toBe(0)
    limiter.reset('user:ann')
    expect(limiter.retryAfterSeconds(['user:ann'], t0 + 5 * 60_000)).toBe(0)
  })
  it('validates its settings', () => {
    expect(() => createRateLimiter({ maxFailures: 0 })).toThrow('maxFailures must be a positive whole number, got 0')
    expect(() => createRateLimiter({ windowMs: -1 })).toThrow('windowMs must be positive, got -1')
  })
})
