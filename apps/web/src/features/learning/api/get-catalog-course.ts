import { catalogCourseSchema, type CatalogCourse } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { learningQueryKeys } from './keys';

/** GET /api/catalog/:slug: a published course's outline, the caller's enrolment and whether they may enrol. */
export function getCatalogCourse(slug: string, signal?: AbortSignal): Promise<CatalogCourse> {
  return apiClient.get(`/catalog/${encodeURIComponent(slug)}`, { schema: catalogCourseSchema, signal });
}

export function getCatalogCourseQueryOptions(slug: string) {
  return queryOptions({ queryKey: learningQueryKeys.course(slug), queryFn: ({ signal }) => getCatalogCourse(slug, signal) });
}

export function useCatalogCourse(slug: string) {
  return useQuery(getCatalogCourseQueryOptions(slug));
}
