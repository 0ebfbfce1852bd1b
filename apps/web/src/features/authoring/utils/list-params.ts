import { pageFromSearch } from '@/lib/use-url-filters';
import type { MyCoursesParams } from '../api/keys';
import { isCourseStatus } from './labels';

export const MY_COURSES_PAGE_SIZE = 20;

/**
 * The trainer's course list query for an address (?q=&status=&page=): what the list asks for,
 * and what its route prefetches (same params, same query key).
 */
export function myCoursesParamsFromSearch(searchParams: URLSearchParams): MyCoursesParams {
  const status = searchParams.get('status');
  return {
    page: pageFromSearch(searchParams),
    pageSize: MY_COURSES_PAGE_SIZE,
    q: searchParams.get('q') || undefined,
    status: isCourseStatus(status) ? status : undefined,
  };
}
