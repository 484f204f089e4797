import { describe, expect, it } from 'vitest'
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
    ['load too high to staff', [{ id: 'huge', model: 'erlang_c', inputs: { ...base, calls_per_interval: 1e9 } }], 'case 0 (id huge): no staffing level up to maxAgents 100000 meets the targets'],
  ])('rejects %s with a message naming the case and field, exit 1', async (_name, input, message) => {
    const { code, stdout, stderr } = await staff(JSON.stringify(input))
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain(message)
  })

  it('rejects input that is not a JSON array', async () => {
    expect((await staff('{"model":"erlang_c"}')).stderr).toContain('stdin must hold a JSON array of cases')
    expect((await staff('not json')).stderr).toContain('stdin is not valid JSON')
  })
})
