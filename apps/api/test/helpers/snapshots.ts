import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';

/**
 * A digest of every table's rows, to prove a run of requests changed nothing it should not have.
 * Rows are read in primary-key order and hashed as JSON, per table, so a difference names the table.
 */
export async function tableDigests(ds: DataSource): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const q = (name: string) => (ds.options.type === 'better-sqlite3' ? `"${name}"` : `\`${name}\``);
  for (const meta of [...ds.entityMetadatas].sort((a, b) => a.tableName.localeCompare(b.tableName))) {
    const order = meta.primaryColumns.map((c) => q(c.databaseName)).join(', ') || '1';
    const rows: unknown[] = await ds.query(`SELECT * FROM ${q(meta.tableName)} ORDER BY ${order}`);
    const json = JSON.stringify(rows, (_key, value: unknown) => (value instanceof Date ? value.toISOString() : Buffer.isBuffer(value) ? value.toString('hex') : value));
    out[meta.tableName] = `${rows.length}:${createHash('sha256').update(json).digest('hex').slice(0, 16)}`;
  }
  return out;
}

/** Every file below `dir` (staging included) with its size and a digest of its content. */
export function fileDigests(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const content = fs.readFileSync(full);
    out[path.relative(dir, full)] = `${content.length}:${createHash('sha256').update(content).digest('hex').slice(0, 16)}`;
  }
  return out;
}
