import { describe, expect, it } from 'vitest';
import { resources } from './i18n';

const vi = resources.vi.translation;
const en = resources.en.translation;
import { changeLanguage, detectInitialLanguage, i18n, LANGUAGE_STORAGE_KEY } from './i18n';

/** Flattens to dotted keys, folding i18next plural suffixes (Vietnamese has no "_one"). */
function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe('locales', () => {
  it('English translates every Vietnamese key and nothing else', () => {
    expect(new Set(keysOf(en))).toEqual(new Set(keysOf(vi)));
  });

  it('has no empty translations', () => {
    const values = (obj: unknown): unknown[] =>
      typeof obj === 'object' && obj !== null ? Object.values(obj).flatMap(values) : [obj];
    for (const value of [...values(vi), ...values(en)]) expect(value).toEqual(expect.stringMatching(/\S/));
  });
});

describe('language selection', () => {
  it('defaults to Vietnamese', () => {
    expect(detectInitialLanguage()).toBe('vi');
    expect(i18n.language).toBe('vi');
    expect(document.documentElement.lang).toBe('vi');
  });

  it('restores a saved choice and ignores unsupported values', () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    expect(detectInitialLanguage()).toBe('en');
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    expect(detectInitialLanguage()).toBe('vi');
  });

  it('persists the choice and updates the document language', async () => {
    await changeLanguage('en');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(i18n.t('nav.about')).toBe('About');
  });
});
