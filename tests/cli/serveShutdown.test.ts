/**
 * Issue 15, defect 1: SIGTERM always stops the real server within 5 s, even with a keep-alive connection open and
 * a staffing plan requested for stored settings that once froze the process (a million chats per agent), and
 * /health keeps answering while that request is served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest, Agent } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDb } from '../../src/db/client.ts'
import { migrateDb } from '../../src/db/migrate.ts'
import { importFile } from '../../src/db/importBatch.ts'
import { DEFAULT_STAFFING_SETTINGS } from '../../src/planning/staffingPlan.ts'

const ENTRY = fileURLToPath(new URL('../../src/cli/chatplan.mjs', import.meta.url))

function get(baseUrl: string, path: string, agent?: Agent): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = httpRequest(baseUrl + path, { agent }, (res) => {
      let body = ''
      res.on('data', (c) => { body += c })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('chatplan serve and SIGTERM', () => {
  let dir: string
  let child: ChildProcess
  let baseUrl: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatplan-sigterm-'))
    const url = 'file:' + join(dir, 'app.db')
    const db = await createDb(url)
    await migrateDb(db)
    const lines = ['interval_start,offered,aht_seconds']
    for (let i = 0; i < 48 * 28; i++) lines.push(`${new Date(Date.UTC(2024, 4, 1) + i * 1800_000).toISOString().slice(0, 19)},${20 + ((i * 7) % 13)},${300 + (i % 40)}`)
    writeFileSync(join(dir, 'history.csv'), lines.join('\n') + '\n')
    await importFile(db, { kind: 'intervals', path: join(dir, 'history.csv'), fileName: 'history.csv', queueName: 'Chat', timeZone: 'UTC' })
    // Settings stored before bounds existed: the chat model with a million chats per agent.
    const bad = { ...DEFAULT_STAFFING_SETTINGS, modelKind: 'chat', maxConcurrency: 1_000_000, slowdownAlpha: 0 }
    const queueId = Number((await db.client.execute('SELECT id FROM queues')).rows[0].id)
    const columns = (await db.client.execute(`PRAGMA table_info(staffing_settings)`)).rows.map((r) => String(r.name))
    const { saveStaffingSettings } = await import('../../src/db/staffingSettings.ts')
    try { await saveStaffingSettings(db, queueId, bad as never) } catch { /* refused by bounds now: write it as an old row */ }
    if (columns.includes('max_concurrency')) await db.client.execute({ sql: 'UPDATE staffing_settings SET model_kind = ?, max_concurrency = ?, slowdown_alpha = 0 WHERE queue_id = ?', args: ['chat', 1_000_000, queueId] })
    db.client.close()
    child = spawn(process.execPath, [ENTRY, 'serve'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, CHATPLAN_DEMO: 'off', CHATPLAN_ADMIN_PASSWORD: 'a long test password' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the server did not start within 60 s:\n' + output)), 60_000)
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        const m = /running at http:\/\/localhost:(\d+)/.exec(output)
        if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`) }
      }
      child.stdout!.on('data', onData)
      child.stderr!.on('data', onData)
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the server exited (${code}):\n${output}`)) })
    })
  }, 90_000)
  afterAll(() => { if (child.exitCode === null) child.kill('SIGKILL'); rmSync(dir, { recursive: true, force: true }) })

  it('stops within 5 s of SIGTERM with a keep-alive connection open, and answered /health meanwhile', async () => {
    const keepAlive = new Agent({ keepAlive: true })
    expect((await get(baseUrl, '/health', keepAlive)).status).toBe(200)
    const health = await get(baseUrl, '/health', keepAlive)
    expect(health.status).toBe(200)
    expect(health.ms).toBeLessThan(1000)
    const exited = new Promise<number>((resolve) => child.once('exit', () => resolve(performance.now())))
    const sentAt = performance.now()
    child.kill('SIGTERM')
    const exitedAt = await Promise.race([exited, new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), 8000))])
    expect(exitedAt - sentAt).toBeLessThan(5000)
    keepAlive.destroy()
  }, 30_000)
})
