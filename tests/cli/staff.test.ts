import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { memoryIo } from '../../src/cli/io.ts'
import { run } from '../../src/cli/commands/staff.ts'
import { expectMatchesReference, reference } from '../staffing/referenceVectors.ts'

async function staff(stdin: string, args: string[] = []) {
  const io = memoryIo(stdin)
  const code = await run(args, io)
  return { code, stdout: io.stdout, stderr: io.stderr }
}

describe('chatplan staff', () => {
  it('reproduces the outputs of every reference case from their inputs', async () => {
    const input = reference.cases.map((c) => ({ id: c.id, model: c.model, inputs: c.inputs }))
    const { code, stdout, stderr } = await staff(JSON.stringify(input))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const results = JSON.parse(stdout) as Record<string, unknown>[]
    expect(results).toHaveLength(reference.cases.length)
    reference.cases.forEach((c, i) => {
      expect(results[i].id).toBe(c.id)
      expectMatchesReference(results[i], c.outputs, c.id)
    })
  })

  it('accepts bare cases {model, ...inputs}', async () => {
    const ec = reference.cases.find((c) => c.id === 'ec-004')!
    const { code, stdout } = await staff(JSON.stringify([{ model: 'erlang_c', ...ec.inputs }]), ['--compact'])
    expect(code).toBe(0)
    const [result] = JSON.parse(stdout)
    expect(result.agents_required).toBe(14)
    expect(result.agents_scheduled).toBe(20)
    expect(result.binding_constraints).toEqual(['service_level'])
  })

  const base = { calls_per_interval: 100, interval_seconds: 1800, aht_seconds: 180, sl_target: 0.8, sl_threshold_seconds: 20 }
  it.each([
    ['AHT <= 0', [{ id: 'x', model: 'erlang_c', inputs: { ...base, aht_seconds: 0 } }], 'case 0 (id x): field aht_seconds must be greater than 0 (got 0)'],
    ['SLA over 100%', [{ model: 'erlang_c', inputs: { ...base, sl_target: 80 } }], 'case 0: field sl_target must be a fraction of at most 1'],
    ['negative threshold', [{ model: 'erlang_c', inputs: base }, { model: 'erlang_c', inputs: { ...base, sl_threshold_seconds: -5 } }], 'case 1: field sl_threshold_seconds must not be negative (got -5)'],
    ['concurrency < 1', [{ id: 'c', model: 'chat_concurrency', inputs: { calls_per_interval: 100, interval_seconds: 1800, aht_single_chat_seconds: 300, max_concurrency: 0, slowdown_alpha: 0.2, sl_target: 0.8, sl_threshold_seconds: 60 } }], 'case 0 (id c): field max_concurrency must be at least 1'],
    ['missing field', [{ model: 'erlang_a', inputs: base }], 'case 0: field mean_patience_seconds must be a number (missing)'],
    ['unknown model', [{ model: 'erlang_z', inputs: base }], 'case 0: field model must be one of erlang_c, erlang_a, chat_concurrency, got "erlang_z"'],
    ['unknown field', [{ model: 'erlang_c', inputs: { ...base, sl_targt: 0.8 } }], 'case 0: unknown field sl_targt for model erlang_c'],
    ['load too high to compute', [{ id: 'huge', model: 'erlang_c', inputs: { ...base, calls_per_interval: 1e11 } }], 'case 0 (id huge): an offered load of 10000000000 erlangs is above the largest the staffing models compute (1000000000 erlangs)'],
    ['max_abandon 0', [{ id: 'a0', model: 'erlang_a', inputs: { ...base, mean_patience_seconds: 300, sl_target: null, max_abandon: 0 } }], 'case 0 (id a0): maxAbandonFraction 0 can never be met: with a finite mean patience some contacts always abandon'],
  ])('rejects %s with a message naming the case and field, exit 1', async (_name, input, message) => {
    const { code, stdout, stderr } = await staff(JSON.stringify(input))
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain(message)
  })

  it('takes the reference vectors file as it is ({ "cases": [...] }) and reproduces it', async () => {
    const { code, stdout, stderr } = await staff(readFileSync(new URL('../../../shared/reference/staffing_vectors.json', import.meta.url), 'utf8'))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const results = JSON.parse(stdout) as Record<string, unknown>[]
    expect(results.map((r) => r.id)).toEqual(reference.cases.map((c) => c.id))
    reference.cases.forEach((c, i) => expectMatchesReference(results[i], c.outputs, c.id))
  })

  it('answers sl_target 1 exactly under the tolerance convention (38 agents for 10 erlangs, not an overflow), in every model', async () => {
    const ten = { calls_per_interval: 100, interval_seconds: 1800, sl_target: 1, sl_threshold_seconds: 20 }
    const { code, stdout } = await staff(JSON.stringify([
      { id: 'c', model: 'erlang_c', inputs: { ...ten, aht_seconds: 180 } },
      { id: 'c0', model: 'erlang_c', inputs: { ...ten, aht_seconds: 180, sl_threshold_seconds: 0 } },
      { id: 'a', model: 'erlang_a', inputs: { ...ten, aht_seconds: 180, mean_patience_seconds: 300 } },
      { id: 'h', model: 'chat_concurrency', inputs: { ...ten, aht_single_chat_seconds: 180, max_concurrency: 2, slowdown_alpha: 0.2 } },
    ]))
    expect(code).toBe(0)
    const results = JSON.parse(stdout) as Array<{ id: string; agents_required: number; at_required: { service_level: number }; at_required_minus_1: { service_level: number } | null }>
    expect(results.map((r) => [r.id, r.agents_required])).toEqual([['c', 38], ['c0', 40], ['a', 38], ['h', 20]])
    for (const r of results) {
      expect(r.at_required.service_level).toBeGreaterThanOrEqual(1 - 1e-12)
      if (r.at_required_minus_1) expect(r.at_required_minus_1.service_level).toBeLessThan(1 - 1e-12)
    }
  })

  it('computes loads above 1e6 erlangs (square-root staffing: A + β√A)', async () => {
    const { code, stdout, stderr } = await staff(JSON.stringify([
      { id: 'c', model: 'erlang_c', inputs: { calls_per_interval: 2e7, interval_seconds: 1800, aht_seconds: 180, sl_target: 0.8, sl_threshold_seconds: 20 } },
      { id: 'a', model: 'erlang_a', inputs: { calls_per_interval: 2e7, interval_seconds: 1800, aht_seconds: 180, mean_patience_seconds: 300, sl_target: 0.8, sl_threshold_seconds: 20 } },
    ]))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const [c, a] = JSON.parse(stdout) as Array<{ agents_required: number; at_required: { service_level: number }; at_required_minus_1: { service_level: number } }>
    // 2e6 erlangs: Erlang C needs a little more than the load; Erlang A (patience 300 s) staffs below it, where the
    // fluid limit puts the answer near A·e^(−20/300) = 1,871,089.
    expect(c.agents_required).toBe(2_000_015)
    expect(a.agents_required).toBe(1_872_134)
    for (const r of [c, a]) {
      expect(r.at_required.service_level).toBeGreaterThanOrEqual(0.8)
      expect(r.at_required_minus_1.service_level).toBeLessThan(0.8)
    }
  })

  it('rejects input that is not a JSON array', async () => {
    expect((await staff('{"model":"erlang_c"}')).stderr).toContain('stdin must hold a JSON array of cases')
    expect((await staff('not json')).stderr).toContain('stdin is not valid JSON')
  })
})
