import { describe, expect, it } from 'vitest'
import { RowBatchBuilder, insertSqlOf, rowTarget, rowsOfBatch, textOfBatch } from '../../src/db/importWorkerBatch.ts'

const target = rowTarget('t', [{ column: 'a', kind: 'number' }, { column: 'b', kind: 'text' }, { column: 'c', kind: 'number' }])

describe('RowBatchBuilder', () => {
  it('packs rows into typed arrays and one string, and rowsOfBatch gives them back (NULL, empty text, unicode)', () => {
    const rows: (number | string | null)[][] = [[1, 'Ana', 1.5], [null, null, -0.25], [1_735_689_600_000, '', null], [3, 'Zoë 🙂', 0]]
    const builder = new RowBatchBuilder(target, 10)
    for (const [a, b, c] of rows) {
      builder.number(a as number | null); builder.text(b as string | null); builder.number(c as number | null)
      expect(builder.endRow()).toBe(false)
    }
    const batch = builder.take()
    expect(batch.rowCount).toBe(4)
    expect(batch.numbers).toBeInstanceOf(Float64Array)
    expect(batch.numbers).toHaveLength(8)
    expect(batch.textUnits).toBeInstanceOf(Uint16Array)
    expect(textOfBatch(batch)).toBe('AnaZoë 🙂')
    expect([...batch.textLengths]).toEqual([3, -1, 0, 6])
    expect(rowsOfBatch(target, batch)).toEqual(rows)
    expect(builder.rowCount).toBe(0)
  })

  it('grows its text buffer for long cells', () => {
    const builder = new RowBatchBuilder(target, 1)
    const long = 'ü'.repeat(10_000)
    builder.number(1); builder.text(long); builder.number(2)
    builder.endRow()
    expect(rowsOfBatch(target, builder.take())).toEqual([[1, long, 2]])
  })

  it('says when it is full and starts afresh after take()', () => {
    const builder = new RowBatchBuilder(target, 2)
    builder.number(1); builder.text('x'); builder.number(2)
    expect(builder.endRow()).toBe(false)
    builder.number(3); builder.text('y'); builder.number(4)
    expect(builder.endRow()).toBe(true)
    const first = builder.take()
    builder.number(5); builder.text('z'); builder.number(6)
    builder.endRow()
    expect(rowsOfBatch(target, first)).toEqual([[1, 'x', 2], [3, 'y', 4]])
    expect(rowsOfBatch(target, builder.take())).toEqual([[5, 'z', 6]])
  })
})

describe('rowTarget', () => {
  it('binds a value per kind and writes constants and expressions into the statement', () => {
    const t = rowTarget('contacts', [
      { column: 'queue_id', kind: 'number' }, { column: 'batch_id', sql: '7' }, { column: 'outcome', kind: 'number', sql: "CASE ? WHEN 1 THEN 'answered' END" },
    ], ' ON CONFLICT DO NOTHING')
    expect(t.kinds).toEqual(['number', 'number'])
    expect(insertSqlOf(t, 2)).toBe("INSERT INTO contacts (queue_id,batch_id,outcome) VALUES (?,7,CASE ? WHEN 1 THEN 'answered' END),(?,7,CASE ? WHEN 1 THEN 'answered' END) ON CONFLICT DO NOTHING")
  })
})
