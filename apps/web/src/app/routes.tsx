import type { QueryClient } from '@tanstack/react-query';
import type { RouteObject } from 'react-router';
import { Navigate } from 'react-router';
import { ADMIN_AREA_ROLES, TEACH_AREA_ROLES } from '@/lib/session';
import { RequireAuth } from './guards/require-auth';
import { RequireRole } from './guards/require-role';
import { AdminLayout } from './layout/admin-layout';
import { AppLayout } from './layout/app-layout';
import { paths } from './paths';
import { createRouteLoaders } from './route-loaders';
import { AboutPage } from './routes/about-page';
import { AccountPage } from './routes/account-page';
import { ForgotPasswordPage } from './routes/forgot-password-page';
import { HomePage } from './routes/home-page';
import { NotFoundPage } from './routes/not-found-page';
import { RegisterPage } from './routes/register-page';
import { ResetPasswordPage } from './routes/reset-password-page';
import { RouteErrorPage } from './routes/route-error-page';
import { RouteLoading } from './routes/route-loading';
import { SignInPage } from './routes/sign-in-page';
import { StatusPage } from './routes/status-page';

/**
 * Route tree. Page errors render inside the layout (header and navigation stay usable);
 * a failure of the layout itself falls back to the standalone error page.
 * Signed-in pages sit under RequireAuth; the administration area also needs a role, and the
 * audit log needs an administrator.
 *
 * The shell (layout, home, sign-in, registration, account, error pages) is in the entry chunk;
 * the learner, teaching and administration pages load with `lazy` when a navigation reaches them
 * (the current page stays, with the layout's progress bar; a first visit shows RouteLoading).
 * A chunk that fails to load is a route error, shown by the error page.
 *
 * Each lazy page has a loader that prefetches its main queries into `queryClient` (route-loaders.ts),
 * so its data and its code download side by side.
 */
export function createAppRoutes(queryClient: QueryClient): RouteObject[] {
  const loaders = createRouteLoaders(queryClient);
  return [
    {
      path: '/',
      element: <AppLayout />,
      errorElement: <RouteErrorPage standalone />,
      children: [
        {
          errorElement: <RouteErrorPage />,
          // First visit to a lazy page: the layout renders, the page's place shows a loading status.
          hydrateFallbackElement: <RouteLoading />,
          children: [
            { index: true, element: <HomePage /> },
            { path: paths.about, element: <AboutPage /> },
            { path: paths.status, element: <StatusPage /> },
            { path: paths.signIn, element: <SignInPage /> },
            { path: paths.register, element: <RegisterPage /> },
            { path: paths.forgotPassword, element: <ForgotPasswordPage /> },
            { path: paths.resetPassword, element: <ResetPasswordPage /> },
            {
              element: <RequireAuth />,
              children: [
                { path: paths.account, element: <AccountPage /> },
                { path: paths.catalog, loader: loaders.catalog, lazy: () => import('./routes/learn/catalog-page').then((m) => ({ Component: m.CatalogPage })) },
                { path: paths.course, loader: loaders.course, lazy: () => import('./routes/learn/course-page').then((m) => ({ Component: m.CoursePage })) },
                { path: paths.lesson, loader: loaders.lesson, lazy: () => import('./routes/learn/lesson-page').then((m) => ({ Component: m.LessonPage })) },
                { path: paths.myLearning, loader: loaders.myLearning, lazy: () => import('./routes/learn/my-learning-page').then((m) => ({ Component: m.MyLearningPage })) },
                {
                  element: <RequireRole roles={TEACH_AREA_ROLES} />,
                  children: [
                    { path: paths.teach, loader: loaders.myCourses, lazy: () => import('./routes/teach/my-courses-page').then((m) => ({ Component: m.MyCoursesPage })) },
                    { path: paths.teachNew, lazy: () => import('./routes/teach/course-new-page').then((m) => ({ Component: m.CourseNewPage })) },
                    { path: paths.teachCourse, loader: loaders.courseEditor, lazy: () => import('./routes/teach/course-editor-page').then((m) => ({ Component: m.CourseEditorPage })) },
                    { path: paths.teachPreview, loader: loaders.coursePreview, lazy: () => import('./routes/teach/course-preview-page').then((m) => ({ Component: m.CoursePreviewPage })) },
                    { path: paths.teachPreviewLesson, loader: loaders.coursePreview, lazy: () => import('./routes/teach/course-preview-page').then((m) => ({ Component: m.CoursePreviewPage })) },
                  ],
                },
                {
                  path: paths.admin,
                  element: (
                    <RequireRole roles={ADMIN_AREA_ROLES}>
                      <AdminLayout />
                    </RequireRole>
                  ),
                  children: [
                    { index: true, element: <Navigate to={paths.adminUsers} replace /> },
                    { path: paths.adminUsers, loader: loaders.users, lazy: () => import('./routes/admin/users-page').then((m) => ({ Component: m.UsersPage })) },
                    { path: paths.adminUserNew, loader: loaders.userNew, lazy: () => import('./routes/admin/user-create-page').then((m) => ({ Component: m.UserCreatePage })) },
                    { path: paths.adminUser, loader: loaders.user, lazy: () => import('./routes/admin/user-detail-page').then((m) => ({ Component: m.UserDetailPage })) },
                    { path: paths.adminUnits, loader: loaders.orgUnits, lazy: () => import('./routes/admin/org-units-page').then((m) => ({ Component: m.OrgUnitsPage })) },
                    { path: paths.adminImports, loader: loaders.imports, lazy: () => import('./routes/admin/imports-page').then((m) => ({ Component: m.ImportsPage })) },
                    {
                      element: <RequireRole roles={['admin']} />,
                      children: [{ path: paths.adminAudit, loader: loaders.audit, lazy: () => import('./routes/admin/audit-page').then((m) => ({ Component: m.AuditPage })) }],
                    },
                  ],
                },
              ],
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ];
}
