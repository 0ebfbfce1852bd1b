import { escapeLike, simpleArrayPatterns, startsWithPattern } from './sql';

describe('portable SQL helpers', () => {
  it('escapes LIKE wildcards with !', () => {
    expect(escapeLike('50%_off!')).toBe('50!%!_off!!');
    expect(startsWithPattern('/a_b/')).toBe('/a!_b/%');
    expect(simpleArrayPatterns('unit_manager')).toEqual({ exact: 'unit_manager', first: 'unit!_manager,%', last: '%,unit!_manager', middle: '%,unit!_manager,%' });
  });
});
