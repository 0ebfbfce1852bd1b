/** Interval arithmetic for watched video ranges ([start, end] seconds). Pure functions. */
export type Range = [number, number];

/** Union of intervals, sorted, touching/overlapping ones merged. Idempotent: union(union(a) ∪ a) = union(a). */
export function unionRanges(ranges: Range[]): Range[] {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Range[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export function coveredSeconds(ranges: Range[]): number {
  return ranges.reduce((sum, [s, e]) => sum + (e - s), 0);
}

/**
 * Limits newly reported ranges to what could really have been played: their total length may not
 * exceed `budgetSeconds` (wall-clock time since the previous report plus slack). Ranges are taken in
 * the order reported; the part of a range beyond the budget is cut off (clamped, not refused).
 */
export function clampToBudget(ranges: Range[], budgetSeconds: number): { ranges: Range[]; clampedSeconds: number } {
  let left = Math.max(0, budgetSeconds);
  let clamped = 0;
  const out: Range[] = [];
  for (const [s, e] of ranges) {
    const take = Math.min(e - s, left);
    clamped += e - s - take;
    left -= take;
    if (take > 0) out.push([s, s + take]);
  }
  return { ranges: out, clampedSeconds: Math.round(clamped * 10) / 10 };
}

/** One decimal is plenty and keeps the stored JSON short. */
export function roundRanges(ranges: Range[]): Range[] {
  return ranges.map(([s, e]) => [Math.floor(s * 10) / 10, Math.ceil(e * 10) / 10]);
}
