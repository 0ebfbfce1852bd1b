import { pageFromSearch } from '@/lib/use-url-filters';
import type { UserListParams } from '../api/keys';
import { isAudience, isRole, isStatus } from './labels';

export const USERS_PAGE_SIZE = 20;

/**
 * The users query for an address (?q=&unit=&audience=&role=&status=&page=): what the list asks
 * for, and what its route prefetches (same params, same query key).
 */
export function userListParamsFromSearch(searchParams: URLSearchParams): UserListParams {
  const audience = searchParams.get('audience');
  const role = searchParams.get('role');
  const status = searchParams.get('status');
  return {
    page: pageFromSearch(searchParams),
    pageSize: USERS_PAGE_SIZE,
    q: searchParams.get('q') || undefined,
    orgUnitId: searchParams.get('unit') || undefined,
    audience: isAudience(audience) ? audience : undefined,
    role: isRole(role) ? role : undefined,
    status: isStatus(status) ? status : undefined,
  };
}
