import type { QueryRunner } from 'typeorm';

/**
 * The hand-written data moves of the RelationalAudiences migration (both dialects): the comma-joined
 * list columns (TypeORM `simple-array`) of users, courses and course assignments move into join
 * tables, and back on revert. Frozen with that migration: later code must not change what it does.
 */

/** A comma-joined list column and the join table its values move to. */
interface ListMove {
  from: { table: string; column: string };
  /** `owner` holds the id of the row the list belonged to; `position` (tags only) keeps the list's order. */
  to: { table: string; owner: string; value: string; position?: string; maxLength: number };
}

export const LIST_MOVES: readonly ListMove[] = [
  { from: { table: 'users', column: 'roles' }, to: { table: 'user_roles', owner: 'userId', value: 'role', maxLength: 32 } },
  { from: { table: 'users', column: 'audiences' }, to: { table: 'user_audiences', owner: 'userId', value: 'audience', maxLength: 32 } },
  { from: { table: 'courses', column: 'tags' }, to: { table: 'course_tags', owner: 'courseId', value: 'tag', position: 'position', maxLength: 50 } },
  { from: { table: 'courses', column: 'targetAudiences' }, to: { table: 'course_target_audiences', owner: 'courseId', value: 'audience', maxLength: 32 } },
  { from: { table: 'courses', column: 'targetUnitIds' }, to: { table: 'course_target_units', owner: 'courseId', value: 'orgUnitId', maxLength: 36 } },
  { from: { table: 'course_assignments', column: 'audiences' }, to: { table: 'assignment_audiences', owner: 'assignmentId', value: 'audience', maxLength: 32 } },
];

const READ_BATCH = 1000;
const INSERT_BATCH = 500;

/**
 * The values of a stored list: split at commas, trimmed, empty parts dropped, each value once (the
 * first spelling and position win; values differing only in letter case count as one, as MySQL's
 * case-insensitive collation would refuse the second as a duplicate key).
 */
export function listValues(text: string | null | undefined): string[] {
  const seen = new Set<string>();
  const values: string[] = [];
  for (const part of (text ?? '').split(',')) {
    const value = part.trim();
    if (!value || seen.has(value.toLowerCase())) continue;
    seen.add(value.toLowerCase());
    values.push(value);
  }
  return values;
}

const q = (qr: QueryRunner, name: string) => qr.connection.driver.escape(name);

/** Every row's list, a batch at a time, in id order (keyset pagination: constant cost per batch). */
async function* listBatches(qr: QueryRunner, from: ListMove['from']): AsyncGenerator<Array<{ id: string; values: string[] }>> {
  let after = '';
  for (;;) {
    const rows: Array<{ id: string; list: string | null }> = await qr.query(
      `SELECT ${q(qr, 'id')} AS id, ${q(qr, from.column)} AS list FROM ${q(qr, from.table)} WHERE ${q(qr, 'id')} > ? ORDER BY ${q(qr, 'id')} LIMIT ${READ_BATCH}`,
      [after],
    );
    if (!rows.length) return;
    yield rows.map((r) => ({ id: r.id, values: listValues(r.list) }));
    after = rows[rows.length - 1].id;
    if (rows.length < READ_BATCH) return;
  }
}

/**
 * Refuses the migration, before it changes anything, when a value would not fit its new column or
 * a course targets a unit that does not exist (the new table keeps unit references by a foreign
 * key; dropping such a target silently would open the course to everybody). Names what to fix.
 */
export async function checkListsBeforeMove(qr: QueryRunner): Promise<void> {
  const problems: string[] = [];
  const unitIds = new Map<string, string>();
  for (const move of LIST_MOVES) {
    for await (const batch of listBatches(qr, move.from)) {
      for (const { id, values } of batch) {
        for (const value of values) {
          if (value.length > move.to.maxLength) problems.push(`${move.from.table}.${move.from.column} of ${id}: "${value}" is longer than ${move.to.maxLength} characters`);
          if (move.to.table === 'course_target_units') unitIds.set(value, id);
        }
      }
    }
  }
  const ids = [...unitIds.keys()];
  for (let i = 0; i < ids.length; i += INSERT_BATCH) {
    const chunk = ids.slice(i, i + INSERT_BATCH);
    const found: Array<{ id: string }> = await qr.query(`SELECT ${q(qr, 'id')} AS id FROM ${q(qr, 'org_units')} WHERE ${q(qr, 'id')} IN (${chunk.map(() => '?').join(', ')})`, chunk);
    const known = new Set(found.map((r) => r.id));
    for (const id of chunk) if (!known.has(id)) problems.push(`courses.targetUnitIds of ${unitIds.get(id)}: no unit has the id "${id}"`);
  }
  if (problems.length) {
    const shown = problems.slice(0, 50).map((p) => `  - ${p}`);
    if (problems.length > shown.length) shown.push(`  … and ${problems.length - shown.length} more`);
    throw new Error(`RelationalAudiences: nothing was changed; fix these values first:\n${shown.join('\n')}`);
  }
}

/** Copies every list value into its join table (after checkListsBeforeMove, before the old columns are dropped). */
export async function moveListsToRows(qr: QueryRunner): Promise<void> {
  for (const move of LIST_MOVES) {
    const { table, owner, value, position } = move.to;
    const columns = [owner, value, ...(position ? [position] : [])];
    const insert = async (rows: unknown[][]) => {
      if (!rows.length) return;
      const marks = `(${columns.map(() => '?').join(', ')})`;
      await qr.query(`INSERT INTO ${q(qr, table)} (${columns.map((c) => q(qr, c)).join(', ')}) VALUES ${rows.map(() => marks).join(', ')}`, rows.flat());
    };
    let pending: unknown[][] = [];
    for await (const batch of listBatches(qr, move.from)) {
      for (const { id, values } of batch) {
        values.forEach((v, i) => pending.push(position ? [id, v, i] : [id, v]));
      }
      while (pending.length >= INSERT_BATCH) {
        await insert(pending.slice(0, INSERT_BATCH));
        pending = pending.slice(INSERT_BATCH);
      }
    }
    await insert(pending);
  }
}

/**
 * Writes the join tables' values back into the re-created list columns (revert, before the join
 * tables are dropped): comma-joined, tags in their order, other values sorted; '' for none.
 */
export async function restoreListsFromRows(qr: QueryRunner): Promise<void> {
  const mysql = qr.connection.driver.options.type === 'mysql' || qr.connection.driver.options.type === 'mariadb';
  // MySQL cuts GROUP_CONCAT at 1,024 bytes by default; 200 target units take about 7,400.
  if (mysql) await qr.query('SET SESSION group_concat_max_len = 1048576');
  for (const move of LIST_MOVES) {
    const { table, owner, value, position } = move.to;
    const order = q(qr, position ?? value);
    const joined = mysql ? `GROUP_CONCAT(j.${q(qr, value)} ORDER BY j.${order} SEPARATOR ',')` : `group_concat(j.${q(qr, value)}, ',' ORDER BY j.${order})`;
    const from = q(qr, move.from.table);
    await qr.query(
      `UPDATE ${from} SET ${q(qr, move.from.column)} = COALESCE((SELECT ${joined} FROM ${q(qr, table)} j WHERE j.${q(qr, owner)} = ${from}.${q(qr, 'id')}), '')`,
    );
  }
}
