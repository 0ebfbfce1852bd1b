import { containsPattern, escapeLike, startsWithPattern } from './sql';

describe('portable SQL helpers', () => {
  it('escapes LIKE wildcards with !', () => {
    expect(escapeLike('50%_off!')).toBe('50!%!_off!!');
    expect(startsWithPattern('/a_b/')).toBe('/a!_b/%');
    expect(containsPattern('loi_an%x')).toBe('%loi!_an!%x%');
  });
});
