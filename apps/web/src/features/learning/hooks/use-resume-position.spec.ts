import { describe, expect, it } from 'vitest';
import { shouldResume } from './use-resume-position';

describe('shouldResume', () => {
  it('resumes from a saved position that is neither at the start nor at the end', () => {
    expect(shouldResume(83, 600)).toBe(true);
    expect(shouldResume(0.4, 600)).toBe(false);
    expect(shouldResume(597, 600)).toBe(false);
    expect(shouldResume(120, null)).toBe(true);
  });

  it('keeps a proportionate margin for short videos', () => {
    expect(shouldResume(7, 16)).toBe(true);
    expect(shouldResume(3, 7)).toBe(true);
    expect(shouldResume(6.5, 7)).toBe(false);
  });
});
