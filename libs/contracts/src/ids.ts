import { z } from 'zod';

/**
 * Object ids are UUIDs in their canonical form: lower-case hex, 8-4-4-4-12. Nothing else may reach
 * the database as an id: MariaDB's `utf8mb4_unicode_ci` compares `<id>%00`, `<id>%20`,
 * `<id>%E2%80%8B` and the upper-case spelling as equal to `<id>`, so a looser check would let
 * aliases reach real records (and be written into 36-character columns). Every request schema that
 * carries an id uses `idSchema`; path ids are checked by the API's path-parameter guard with
 * `ID_PATTERN`.
 */
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const ID_MESSAGE = 'Mã định danh không hợp lệ.';

/** An object id (see ID_PATTERN). `message` replaces the default for forms that show it. */
export function idSchema(message: string = ID_MESSAGE) {
  return z.string().regex(ID_PATTERN, message).meta({ format: 'uuid' });
}

/** True when `value` is an id in canonical form. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
