import { clampToBudget, coveredSeconds, unionRanges } from './watched-ranges';

describe('watched ranges', () => {
  it('merges overlapping and touching ranges and is idempotent', () => {
    const u = unionRanges([[10, 20], [0, 10], [15, 30], [40, 50]]);
    expect(u).toEqual([[0, 30], [40, 50]]);
    expect(unionRanges([...u, [0, 10], [40, 50]])).toEqual(u);
    expect(coveredSeconds(u)).toBe(40);
  });
  it('counts a seek to the end as what was actually played', () => {
    expect(coveredSeconds(unionRanges([[0, 1], [595, 600]]))).toBe(6);
  });
  it('clamps ranges longer than the budget', () => {
    expect(clampToBudget([[0, 300]], 25)).toEqual({ ranges: [[0, 25]], clampedSeconds: 275 });
    expect(clampToBudget([[0, 10], [20, 40]], 25)).toEqual({ ranges: [[0, 10], [20, 35]], clampedSeconds: 5 });
  });
});
