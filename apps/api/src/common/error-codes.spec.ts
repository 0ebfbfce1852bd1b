import { ErrorCode, isErrorCode } from '@bdhv/contracts';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Every error code the API can send is declared in libs/contracts (errors.ts), so the web app can
 * turn it into a message. AppException's type already refuses an undeclared code; this also
 * catches codes written as text or reached through a cast.
 */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'seeds' ? [] : sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [full] : [];
  });
}

describe('error codes', () => {
  const files = sources(path.join(__dirname, '..'));

  it('scans the API sources', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('throws only declared codes', () => {
    const undeclared: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      // new AppException(400, 'SOME_CODE', …) and { code: 'SOME_CODE' } error bodies.
      for (const m of text.matchAll(/new AppException\(\s*\d+\s*,\s*'([^']+)'|\bcode:\s*'([A-Z][A-Z0-9_]+)'/g)) {
        const code = m[1] ?? m[2];
        if (!isErrorCode(code)) undeclared.push(`${path.relative(process.cwd(), file)}: ${code}`);
      }
      for (const m of text.matchAll(/\bErrorCode\.([A-Z0-9_]+)/g)) {
        if (!(m[1] in ErrorCode)) undeclared.push(`${path.relative(process.cwd(), file)}: ErrorCode.${m[1]}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('recognises a code that is not declared', () => {
    expect(isErrorCode('NOT_A_DECLARED_CODE')).toBe(false);
    expect(isErrorCode(ErrorCode.NOT_FOUND)).toBe(true);
  });
});
