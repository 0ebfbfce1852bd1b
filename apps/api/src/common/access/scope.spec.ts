import { inScope } from './scope';

describe('unit scope', () => {
  it('lets administrators see everything and managers only their subtree', () => {
    const manager = { roles: ['unit_manager' as const], orgUnitPath: '/root/a/' };
    expect(inScope(manager, '/root/a/')).toBe(true);
    expect(inScope(manager, '/root/a/b/')).toBe(true);
    expect(inScope(manager, '/root/ab/')).toBe(false);
    expect(inScope(manager, '/root/')).toBe(false);
    expect(inScope({ roles: ['admin'], orgUnitPath: '/root/a/' }, '/root/')).toBe(true);
  });
});
