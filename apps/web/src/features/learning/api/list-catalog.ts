import { catalogListSchema, type CatalogList } from '@bdhv/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { learningQueryKeys, type CatalogParams } from './keys';

/** GET /api/catalog: a page of published courses. */
export function listCatalog(params: CatalogParams, signal?: AbortSignal): Promise<CatalogList> {
  return apiClient.get('/catalog', { query: { ...params }, schema: catalogListSchema, signal });
}

export function getCatalogQueryOptions(params: CatalogParams) {
  return queryOptions({
    queryKey: learningQueryKeys.catalog(params),
    queryFn: ({ signal }) => listCatalog(params, signal),
    // Keep the current cards on screen while the next page or search loads.
    placeholderData: keepPreviousData,
  });
}

export function useCatalog(params: CatalogParams) {
  return useQuery(getCatalogQueryOptions(params));
}

/** How many published courses the category filter looks at (the API's largest page). */
export const CATEGORY_SAMPLE_SIZE = 100;

/**
 * The categories of published courses, for the filter. There is no categories endpoint, so this
 * reads the first 100 courses of the catalog once (cached for 10 minutes).
 */
export function getCatalogCategoriesQueryOptions() {
  return queryOptions({
    queryKey: learningQueryKeys.catalogCategories(),
    queryFn: async ({ signal }) => {
      const page = await listCatalog({ page: 1, pageSize: CATEGORY_SAMPLE_SIZE }, signal);
      const categories = new Set(page.items.map((course) => course.category.trim()).filter(Boolean));
      return [...categories].sort((a, b) => a.localeCompare(b, 'vi'));
    },
    staleTime: 10 * 60_000,
  });
}

export function useCatalogCategories() {
  return useQuery(getCatalogCategoriesQueryOptions());
}
