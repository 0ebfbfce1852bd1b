import { maskCitizenId, searchTerm } from './user-search';

describe('searchTerm', () => {
  it('folds accents, case and repeated spaces', () => {
    expect(searchTerm('  Nguyễn  Văn A ')).toBe('nguyen van a');
    expect(searchTerm('ĐÔNG')).toBe('dong');
  });

  it('keeps only digits (and +) of a phone-like query', () => {
    expect(searchTerm('0912 345')).toBe('0912345');
    expect(searchTerm('+84 912.345-678')).toBe('+84912345678');
  });

  it('returns nothing for an empty query', () => {
    expect(searchTerm(undefined)).toBeNull();
    expect(searchTerm('   ')).toBeNull();
  });
});

describe('maskCitizenId', () => {
  it('shows only the last four digits', () => {
    expect(maskCitizenId('1234')).toBe('********1234');
    expect(maskCitizenId(null)).toBeNull();
  });
});
