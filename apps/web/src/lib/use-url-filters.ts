import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** The list page in the address (?page=): a positive integer, else the first page. */
export function pageFromSearch(searchParams: URLSearchParams): number {
  return Math.max(1, Number.parseInt(searchParams.get('page') ?? '1', 10) || 1);
}

/**
 * Filters and the page number kept in the URL, so a filtered list survives a reload and can be
 * shared. Setting a value to null or '' removes it; any change other than the page itself starts
 * again from the first page.
 */
export function useUrlFilters<K extends string>() {
  const [searchParams, setSearchParams] = useSearchParams();
  const update = useCallback(
    (changes: Partial<Record<K | 'page', string | null>>) =>
      setSearchParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes) as [string, string | null | undefined][]) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );
  return [searchParams, update] as const;
}
