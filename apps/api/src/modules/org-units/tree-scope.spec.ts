import { escapeLike, inScope, simpleArrayPatterns, startsWithPattern } from './tree-scope';

describe('tree scope', () => {
  it('lets administrators see everything and managers only their subtree', () => {
    const manager = { roles: ['unit_manager' as const], orgUnitPath: '/root/a/' };
    expect(inScope(manager, '/root/a/')).toBe(true);
    expect(inScope(manager, '/root/a/b/')).toBe(true);
    expect(inScope(manager, '/root/ab/')).toBe(false);
    expect(inScope(manager, '/root/')).toBe(false);
    expect(inScope({ roles: ['admin'], orgUnitPath: '/root/a/' }, '/root/')).toBe(true);
  });

  it('escapes LIKE wildcards with !', () => {
    expect(escapeLike('50%_off!')).toBe('50!%!_off!!');
    expect(startsWithPattern('/a_b/')).toBe('/a!_b/%');
    expect(simpleArrayPatterns('unit_manager')).toEqual({ exact: 'unit_manager', first: 'unit!_manager,%', last: '%,unit!_manager', middle: '%,unit!_manager,%' });
  });
});
