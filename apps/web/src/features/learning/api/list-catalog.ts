import { catalogCategoriesSchema, catalogListSchema, type CatalogList } from '@bdhv/contracts';
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

/** GET /api/catalog-categories: the distinct categories of published courses, sorted. */
export function getCatalogCategoriesQueryOptions() {
  return queryOptions({
    queryKey: learningQueryKeys.catalogCategories(),
    queryFn: async ({ signal }) => (await apiClient.get('/catalog-categories', { schema: catalogCategoriesSchema, signal })).items,
    staleTime: 10 * 60_000,
  });
}

export function useCatalogCategories() {
  return useQuery(getCatalogCategoriesQueryOptions());
}
