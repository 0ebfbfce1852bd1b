import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
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

/**
 * A search box whose settled text is kept in the address as `?q=`: typing waits `debounceMs`,
 * Enter searches at once. `current` is the `q` the list is showing; `setQuery` writes it.
 */
export function useUrlSearch(current: string | undefined, setQuery: (q: string | null) => void, debounceMs: number) {
  const [search, setSearch] = useState(current ?? '');
  const [debounced] = useDebouncedValue(search.trim(), debounceMs);

  useEffect(() => {
    if (debounced !== (current ?? '')) setQuery(debounced || null);
    // Only a settled search writes to the address.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (search.trim() !== (current ?? '')) setQuery(search.trim() || null);
  };

  return { search, setSearch, submit };
}
