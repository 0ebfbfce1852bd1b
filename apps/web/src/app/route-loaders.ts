import type { Me, Role } from '@bdhv/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunction, LoaderFunctionArgs } from 'react-router';
import { auditParamsFromSearch, getAuditQueryOptions } from '@/features/audit';
import { getCourseQueryOptions, getMyCoursesQueryOptions, myCoursesParamsFromSearch } from '@/features/authoring';
import { getImportsQueryOptions } from '@/features/imports';
import {
  catalogParamsFromSearch,
  getCatalogCategoriesQueryOptions,
  getCatalogCourseQueryOptions,
  getCatalogQueryOptions,
  getCoursePreviewQueryOptions,
  getMyLearningQueryOptions,
} from '@/features/learning';
import { getOrgUnitsQueryOptions } from '@/features/org-units';
import { getUserQueryOptions, getUsersQueryOptions, userListParamsFromSearch } from '@/features/users';
import { ADMIN_AREA_ROLES, getSession, hasAnyRole, subscribeSession, TEACH_AREA_ROLES } from '@/lib/session';

/** Starts a page's queries (`queryClient.prefetchQuery`, not awaited) for a signed-in user. */
export type PagePrefetch = (queryClient: QueryClient, args: LoaderFunctionArgs, user: Me) => void;

/**
 * A route loader that prefetches (architecture rule: routes prefetch): it starts the page's main
 * queries and returns null at once, so the requests run while the page's code downloads and the
 * navigation waits for the code only. The page's hooks then find the queries in flight or done.
 *
 * Only for a signed-in user with one of `roles` (when given): for anyone else the page is not shown
 * (sign-in redirect, "no access"), and a 401 or 403 would only add a failed request, which the
 * browser logs as an error. While the session is being restored (a reload of a signed-in page),
 * the queries start as soon as it turns out signed in; an anonymous or unknown session gets none.
 */
export function prefetchLoader(queryClient: QueryClient, prefetch: PagePrefetch, roles?: readonly Role[]): LoaderFunction {
  return (args) => {
    const start = (user: Me) => {
      if (args.request.signal.aborted) return;
      if (!roles || hasAnyRole(user, roles)) prefetch(queryClient, args, user);
    };
    const session = getSession();
    if (session.status === 'authenticated' && session.user) {
      start(session.user);
    } else if (session.status === 'loading') {
      const unsubscribe = subscribeSession(() => {
        const settled = getSession();
        if (settled.status === 'loading') return;
        unsubscribe();
        if (settled.status === 'authenticated' && settled.user) start(settled.user);
      });
    }
    return null;
  };
}

const searchOf = (request: Request) => new URL(request.url).searchParams;
/** Who may assign a course to a unit in the editor (and so needs the unit list there). */
const ASSIGN_ROLES: readonly Role[] = ['admin', 'unit_manager'];

/** The loaders of the lazily loaded pages: each prefetches what its page asks for first, with the same query keys. */
export function createRouteLoaders(queryClient: QueryClient) {
  const loader = (prefetch: PagePrefetch, roles?: readonly Role[]) => prefetchLoader(queryClient, prefetch, roles);
  const orgUnits = (client: QueryClient) => void client.prefetchQuery(getOrgUnitsQueryOptions());
  const catalogCourse: PagePrefetch = (client, { params }) => void client.prefetchQuery(getCatalogCourseQueryOptions(params.slug ?? ''));

  return {
    catalog: loader((client, { request }) => {
      void client.prefetchQuery(getCatalogQueryOptions(catalogParamsFromSearch(searchOf(request))));
      void client.prefetchQuery(getCatalogCategoriesQueryOptions());
    }),
    course: loader(catalogCourse),
    // The lesson's own content waits for the outline (enrolled, not locked), like the page.
    lesson: loader(catalogCourse),
    myLearning: loader((client) => void client.prefetchQuery(getMyLearningQueryOptions())),
    myCourses: loader((client, { request }) => void client.prefetchQuery(getMyCoursesQueryOptions(myCoursesParamsFromSearch(searchOf(request)))), TEACH_AREA_ROLES),
    courseEditor: loader((client, { params }, user) => {
      void client.prefetchQuery(getCourseQueryOptions(params.courseId ?? ''));
      if (hasAnyRole(user, ASSIGN_ROLES)) orgUnits(client);
    }, TEACH_AREA_ROLES),
    coursePreview: loader((client, { params }) => void client.prefetchQuery(getCoursePreviewQueryOptions(params.courseId ?? '')), TEACH_AREA_ROLES),
    users: loader((client, { request }) => {
      void client.prefetchQuery(getUsersQueryOptions(userListParamsFromSearch(searchOf(request))));
      orgUnits(client);
    }, ADMIN_AREA_ROLES),
    userNew: loader(orgUnits, ADMIN_AREA_ROLES),
    user: loader((client, { params }) => {
      void client.prefetchQuery(getUserQueryOptions(params.userId ?? ''));
      orgUnits(client);
    }, ADMIN_AREA_ROLES),
    orgUnits: loader(orgUnits, ADMIN_AREA_ROLES),
    imports: loader((client) => void client.prefetchQuery(getImportsQueryOptions()), ADMIN_AREA_ROLES),
    audit: loader((client, { request }) => void client.prefetchQuery(getAuditQueryOptions(auditParamsFromSearch(searchOf(request)))), ['admin']),
  };
}
