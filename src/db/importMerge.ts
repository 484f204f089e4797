/**
 * A large import without a long write lock (issue 15, defect 6). The rows of a file are first validated and
 * written to a staging file of their own (no lock on the database at all), then merged into the database in
 * chunks, each its own short write transaction (about 150 ms) with a pause between them, so other writes (pages,
 * the API feed, sign-ins) wait well under a second. The merge uses the one upsert (src/db/rowUpserts.ts).
 *
 * Still all or nothing for the user: before a chunk replaces stored rows, their old values are copied to an undo
 * table in the same transaction; the batch stays `merging` (with the pid of its process) until the last chunk, and
 * a merge that fails, or whose process died, is undone (its rows deleted, the replaced rows put back). Pages may see
 * a merge's rows while it runs (seconds); never half of a failed one after it is undone.
 */
import type { Db } from './client.ts'
import { CONTACTS_TABLE_SQL, INTERVALS_TABLE_SQL, type UpsertTableSql } from './rowUpserts.ts'
import { readdirSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** The SQL the merge worker runs for one table, with `?` for (batchId) or (fromSeq, toSeq) as noted. */
export interface MergeTableSql {
  table: string
  /** CREATE TABLE of the staging copy (seq orders the rows: the later row of a key wins). */
  createStage: string
  /** Args: undoBatchId, fromSeq (exclusive), toSeq (inclusive). Copies the stored rows the chunk will change. */
  copyUndo: string
  /** Args: fromSeq (exclusive), toSeq (inclusive). The upsert of a chunk. */
  upsert: string
  /** The largest rowid (to count created rows within a chunk's transaction). */
  maxId: string
}

function mergeSqlOf(t: UpsertTableSql): MergeTableSql {
  const cols = t.columns.join(', ')
  const keyJoin = t.key.map((k) => `c.${k} = s.${k}`).join(' AND ')
  return {
    table: t.table,
    createStage: `CREATE TABLE IF NOT EXISTS stage_${t.table} (seq INTEGER PRIMARY KEY, ${cols})`,
    copyUndo: `INSERT INTO ${t.undoTable} (undo_batch_id, id, ${cols}) SELECT ?, c.id, ${t.columns.map((k) => `c.${k}`).join(', ')}
      FROM stage.stage_${t.table} s JOIN main.${t.table} c ON ${keyJoin} WHERE s.seq > ? AND s.seq <= ?${t.keyWhere ? ' AND s.external_id IS NOT NULL' : ''} AND ${t.differsSql('c', 's')}`,
    upsert: `INSERT INTO main.${t.table} (${cols}) SELECT ${cols} FROM stage.stage_${t.table} WHERE seq > ? AND seq <= ? ORDER BY seq${t.upsertSql}`,
    maxId: `SELECT coalesce(MAX(id), 0) AS n FROM main.${t.table}`,
  }
}

export const MERGE_SQL: Record<string, MergeTableSql> = {
  contacts: mergeSqlOf(CONTACTS_TABLE_SQL),
  interval_aggregates: mergeSqlOf(INTERVALS_TABLE_SQL),
}

/**
 * The statements that undo a batch's merge (one transaction; `?` is the batch id in each): delete the rows it wrote
 * or changed, put back the first saved copy of each row it replaced, forget the copies and the batch.
 */
export function undoStatements(): string[] {
  return [CONTACTS_TABLE_SQL, INTERVALS_TABLE_SQL].flatMap((t) => {
    const cols = ['id', ...t.columns].join(', ')
    return [
      `DELETE FROM ${t.table} WHERE batch_id = ?`,
      `INSERT OR REPLACE INTO ${t.table} (${cols}) SELECT ${cols} FROM ${t.undoTable} WHERE rowid IN (SELECT MIN(rowid) FROM ${t.undoTable} WHERE undo_batch_id = ?1 GROUP BY id) AND batch_id <> ?1`,
      `DELETE FROM ${t.undoTable} WHERE undo_batch_id = ?`,
    ]
  }).concat(['DELETE FROM import_batches WHERE id = ?'])
}

/** The undo copies of a committed batch, deleted in chunks after it commits (they are no longer needed). */
export const FORGET_UNDO_SQL = [CONTACTS_TABLE_SQL, INTERVALS_TABLE_SQL].map((t) => `DELETE FROM ${t.undoTable} WHERE rowid IN (SELECT rowid FROM ${t.undoTable} WHERE undo_batch_id = ? LIMIT 20000)`)

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try { process.kill(pid, 0); return true } catch (error) { return (error as NodeJS.ErrnoException).code === 'EPERM' }
}

/** The staging file of an import of the database at `path` by this process. */
export function stagePathFor(path: string, tag: string): string {
  return `${path}.import-${process.pid}-${tag}.stage`
}

/**
 * Undoes the merges whose process died (killed mid-import), forgets undo copies of committed batches, and deletes
 * staging files left by dead processes. Run at start and before each import.
 */
export async function recoverInterruptedImports(db: Db, embeddedPath?: string): Promise<number[]> {
  const undone: number[] = []
  const rows = (await db.client.execute(`SELECT id, merge_owner_pid FROM import_batches WHERE status = 'merging'`)).rows
  for (const r of rows) {
    const pid = r.merge_owner_pid === null ? null : Number(r.merge_owner_pid)
    if (pid !== null && isProcessAlive(pid)) continue
    const id = Number(r.id)
    await db.client.batch(undoStatements().map((sql) => ({ sql, args: [id] })), 'write')
    undone.push(id)
  }
  for (const sql of FORGET_UNDO_SQL) {
    const stale = (await db.client.execute(sql.replace('undo_batch_id = ?', `undo_batch_id IN (SELECT id FROM import_batches WHERE status = 'committed') OR undo_batch_id NOT IN (SELECT id FROM import_batches)`))).rowsAffected
    void stale
  }
  if (embeddedPath) {
    const folder = dirname(embeddedPath)
    const prefix = basename(embeddedPath) + '.import-'
    try {
      for (const name of readdirSync(folder)) {
        const m = name.startsWith(prefix) ? /^(\d+)-/.exec(name.slice(prefix.length)) : null
        if (m && !isProcessAlive(Number(m[1]))) rmSync(join(folder, name), { force: true })
      }
    } catch { /* the folder is gone or unreadable: nothing to clean */ }
  }
  return undone
}
