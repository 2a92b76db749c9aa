// Many rows into one table with few statement calls (ADR 0047): each call of a better-sqlite3 statement
// costs about as much as the insert it makes (about 1 µs a row against 0.5 µs in statements of 64 rows,
// on the bench machine), and the Merkle log writes several rows for every leaf.
import type Database from 'better-sqlite3';

/** Rows a statement inserts at most (64 rows of 4 values: well within SQLite's 32,766 parameters). */
const CHUNK = 64;

/**
 * `insert(values)` inserts `values.length / width` rows into `table (columns)`, the values row after row;
 * in the caller's transaction.
 */
export function rowInserter(
  db: Database.Database,
  table: string,
  columns: readonly string[],
): (values: readonly unknown[]) => void {
  const width = columns.length;
  const row = `(${columns.map(() => '?').join(', ')})`;
  const statements = new Map<number, Database.Statement>();
  const statement = (rows: number): Database.Statement => {
    let s = statements.get(rows);
    if (s === undefined) {
      s = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array<string>(rows).fill(row).join(', ')}`);
      statements.set(rows, s);
    }
    return s;
  };
  return (values) => {
    if (values.length % width !== 0) throw new RangeError(`${values.length} values are not rows of ${width}`);
    for (let at = 0; at < values.length; at += CHUNK * width) {
      const end = Math.min(values.length, at + CHUNK * width);
      statement((end - at) / width).run(...values.slice(at, end));
    }
  };
}
