/**
 * Values of a closed set (roles, audiences) in the order the contract declares them, whatever order
 * the database returned them in: a set stored as rows has no order of its own, and answers must not
 * change from one read to the next. Values the contract does not know (old data) come last, sorted.
 */
export function inDeclaredOrder<T extends string>(values: Iterable<string>, declared: readonly T[]): T[] {
  const rank = (v: string) => {
    const i = (declared as readonly string[]).indexOf(v);
    return i === -1 ? declared.length : i;
  };
  return [...new Set(values)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)) as T[];
}
