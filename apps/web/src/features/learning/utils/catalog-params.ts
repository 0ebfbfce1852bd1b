import { audienceSchema, type Audience } from '@bdhv/contracts';
import { pageFromSearch } from '@/lib/use-url-filters';
import type { CatalogParams } from '../api/keys';

export const CATALOG_PAGE_SIZE = 12;

const audiences: readonly Audience[] = audienceSchema.options;

function isAudience(value: string | null): value is Audience {
  return value !== null && (audiences as readonly string[]).includes(value);
}

/**
 * The catalog query for an address (?q=&category=&audience=&page=): what the catalog asks for,
 * and what its route prefetches (same params, same query key).
 */
export function catalogParamsFromSearch(searchParams: URLSearchParams): CatalogParams {
  const audience = searchParams.get('audience');
  return {
    page: pageFromSearch(searchParams),
    pageSize: CATALOG_PAGE_SIZE,
    q: searchParams.get('q') || undefined,
    category: searchParams.get('category') || undefined,
    audience: isAudience(audience) ? audience : undefined,
  };
}
