import { inDeclaredOrder } from './declared-order';

describe('inDeclaredOrder', () => {
  const declared = ['learner', 'trainer', 'unit_manager', 'admin'] as const;

  it('lists values in the declared order, once each', () => {
    expect(inDeclaredOrder(['admin', 'learner', 'admin', 'trainer'], declared)).toEqual(['learner', 'trainer', 'admin']);
  });

  it('puts unknown values last, sorted, rather than dropping them', () => {
    expect(inDeclaredOrder(['zeta', 'admin', 'alpha'], declared)).toEqual(['admin', 'alpha', 'zeta']);
  });
});
