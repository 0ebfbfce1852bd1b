import { describe, expect, it } from 'vitest';

/**
 * Architecture rule: features never import each other; app/ composes them.
 * Checks every source file under src/features at build-time via Vite's glob import.
 */
const featureSources = import.meta.glob<string>('/src/features/**/*.{ts,tsx}', {
  query: '?raw',
  import: 'default',
  eager: true,
});

// `import x from '…'`, `export … from '…'`, `import '…'` and `import('…')`.
const importPattern = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g;

function resolveFeature(fromFile: string, specifier: string): string | undefined {
  if (specifier.startsWith('@/features/')) return specifier.split('/')[2];
  if (!specifier.startsWith('.')) return undefined;
  const segments = fromFile.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') segments.pop();
    else if (part !== '.') segments.push(part);
  }
  const index = segments.indexOf('features');
  return index >= 0 ? segments[index + 1] : undefined;
}

describe('architecture', () => {
  it('has feature sources to check', () => {
    expect(Object.keys(featureSources).length).toBeGreaterThan(0);
  });

  it('features do not import other features or app/', () => {
    const violations: string[] = [];
    for (const [file, source] of Object.entries(featureSources)) {
      const ownFeature = file.split('/')[3];
      for (const match of source.matchAll(importPattern)) {
        const specifier = match[1] ?? match[2] ?? '';
        if (specifier.startsWith('@/app/')) violations.push(`${file} imports ${specifier}`);
        const target = resolveFeature(file, specifier);
        if (target !== undefined && target !== ownFeature) violations.push(`${file} imports ${specifier}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
