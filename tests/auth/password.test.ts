import { describe, expect, it } from 'vitest'
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from '../../src/auth/password.ts'

const CHEAP = { N: 1024, r: 8, p: 1 }

describe('scrypt password hashes', () => {
  it('stores scrypt$N$r$p$salt$hash, never the password, with a new salt each time', async () => {
    const a = await hashPassword('correct horse battery')
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/)
    expect(a).not.toContain('correct horse')
    const b = await hashPassword('correct horse battery', CHEAP)
    expect(b.split('$')[4]).not.toBe(a.split('$')[4])
  })
  it('verifies the right password and refuses a wrong or malformed one', async () => {
    const stored = await hashPassword('correct horse battery', CHEAP)
    expect(await verifyPassword('correct horse battery', stored)).toBe(true)
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false)
    expect(await verifyPassword('correct horse battery', 'plain text')).toBe(false)
    expect(await verifyPassword('correct horse battery', 'scrypt$0$8$1$AA==$AA==')).toBe(false)
  })
  it('refuses passwords shorter than 10 characters with a message', async () => {
    expect(passwordProblem('short')).toBe('the password must have at least 10 characters')
    await expect(hashPassword('short')).rejects.toThrow(new RangeError('the password must have at least 10 characters'))
  })
  it('generates 20-character passwords from an unambiguous alphabet', () => {
    const seen = new Set(Array.from({ length: 50 }, () => generatePassword()))
    expect(seen.size).toBe(50)
    for (const p of seen) expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/)
  })
})
