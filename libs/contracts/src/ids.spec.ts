import { z } from 'zod';
import * as contracts from './index';
import { ID_PATTERN, idSchema, isId } from './ids';

const id = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** Request schemas named outside the convention below. */
const ALSO_REQUESTS = ['attachLessonMediaSchema'];

/** Every request body and query schema, found by the naming convention (`…RequestSchema`, `…QuerySchema`). */
const requestSchemas = (Object.entries(contracts) as [string, unknown][]).filter(
  (entry): entry is [string, z.ZodType] => (/(Request|Query)Schema$/.test(entry[0]) || ALSO_REQUESTS.includes(entry[0])) && entry[1] instanceof z.ZodType,
);

/** Top-level keys of an object schema (through refinements and pipes). */
function keysOf(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
  return Object.keys(json.properties ?? {});
}

describe('ids', () => {
  it('accepts only the canonical form', () => {
    expect(isId(id)).toBe(true);
    expect(isId('00000000-0000-0000-0000-000000000000')).toBe(true);
    for (const alias of [`${id}\u0000`, `${id} `, `${id}\u200b`, id.toUpperCase(), `{${id}}`, id.replace(/-/g, ''), `${id}0`, '', 'khong-phai-uuid']) {
      expect({ alias, ok: isId(alias) }).toEqual({ alias, ok: false });
      expect(idSchema().safeParse(alias).success).toBe(false);
    }
    expect(ID_PATTERN.test(id)).toBe(true);
  });

  it('finds the request schemas (the convention holds)', () => {
    expect(requestSchemas.map(([name]) => name)).toEqual(expect.arrayContaining(['addCoOwnerRequestSchema', 'userListQuerySchema', ...ALSO_REQUESTS]));
    expect(requestSchemas.length).toBeGreaterThan(15);
  });

  // A field named `id`, `…Id` or `…Ids` in a request is an object id and must refuse every alias.
  it.each(requestSchemas)('%s refuses id aliases in every id field', (_name, schema) => {
    for (const key of keysOf(schema).filter((k) => /^(id|ids)$|Ids?$/.test(k))) {
      for (const alias of [`${id}\u0000`, `${id} `, `${id}\u200b`, id.toUpperCase(), 'x'.repeat(36)]) {
        const value = key.endsWith('s') ? [alias] : alias;
        const result = schema.safeParse({ [key]: value });
        const issues = result.success ? [] : result.error.issues.filter((i) => i.path[0] === key);
        expect({ key, alias, refused: issues.length > 0 }).toEqual({ key, alias, refused: true });
      }
    }
  });

  it('a loose id field would let aliases through (what the check above guards against)', () => {
    const loose = z.object({ courseId: z.string().min(1).max(37) });
    expect(loose.safeParse({ courseId: `${id}\u0000` }).success).toBe(true);
    expect(z.object({ courseId: idSchema() }).safeParse({ courseId: `${id}\u0000` }).success).toBe(false);
  });
});
