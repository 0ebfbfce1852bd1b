import type { RouteObject } from 'react-router';
import { Navigate } from 'react-router';
import { ADMIN_AREA_ROLES, TEACH_AREA_ROLES } from '@/lib/session';
import { RequireAuth } from './guards/require-auth';
import { RequireRole } from './guards/require-role';
import { AdminLayout } from './layout/admin-layout';
import { AppLayout } from './layout/app-layout';
import { paths } from './paths';
import { AboutPage } from './routes/about-page';
import { AccountPage } from './routes/account-page';
import { AuditPage } from './routes/admin/audit-page';
import { ImportsPage } from './routes/admin/imports-page';
import { OrgUnitsPage } from './routes/admin/org-units-page';
import { UserCreatePage } from './routes/admin/user-create-page';
import { UserDetailPage } from './routes/admin/user-detail-page';
import { UsersPage } from './routes/admin/users-page';
import { CatalogPage } from './routes/learn/catalog-page';
import { CoursePage } from './routes/learn/course-page';
import { LessonPage } from './routes/learn/lesson-page';
import { MyLearningPage } from './routes/learn/my-learning-page';
import { CourseEditorPage } from './routes/teach/course-editor-page';
import { CourseNewPage } from './routes/teach/course-new-page';
import { CoursePreviewPage } from './routes/teach/course-preview-page';
import { MyCoursesPage } from './routes/teach/my-courses-page';
import { ForgotPasswordPage } from './routes/forgot-password-page';
import { HomePage } from './routes/home-page';
import { NotFoundPage } from './routes/not-found-page';
import { RegisterPage } from './routes/register-page';
import { ResetPasswordPage } from './routes/reset-password-page';
import { RouteErrorPage } from './routes/route-error-page';
import { SignInPage } from './routes/sign-in-page';
import { StatusPage } from './routes/status-page';

/**
 * Route tree. Page errors render inside the layout (header and navigation stay usable);
 * a failure of the layout itself falls back to the standalone error page.
 * Signed-in pages sit under RequireAuth; the administration area also needs a role, and the
 * audit log needs an administrator.
 */
export const appRoutes: RouteObject[] = [
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteErrorPage standalone />,
    children: [
      {
        errorElement: <RouteErrorPage />,
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
              { path: paths.catalog, element: <CatalogPage /> },
              { path: paths.course, element: <CoursePage /> },
              { path: paths.lesson, element: <LessonPage /> },
              { path: paths.myLearning, element: <MyLearningPage /> },
              {
                element: <RequireRole roles={TEACH_AREA_ROLES} />,
                children: [
                  { path: paths.teach, element: <MyCoursesPage /> },
                  { path: paths.teachNew, element: <CourseNewPage /> },
                  { path: paths.teachCourse, element: <CourseEditorPage /> },
                  { path: paths.teachPreview, element: <CoursePreviewPage /> },
                  { path: paths.teachPreviewLesson, element: <CoursePreviewPage /> },
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
                  { path: paths.adminUsers, element: <UsersPage /> },
                  { path: paths.adminUserNew, element: <UserCreatePage /> },
                  { path: paths.adminUser, element: <UserDetailPage /> },
                  { path: paths.adminUnits, element: <OrgUnitsPage /> },
                  { path: paths.adminImports, element: <ImportsPage /> },
                  {
                    path: paths.adminAudit,
                    element: (
                      <RequireRole roles={['admin']}>
                        <AuditPage />
                      </RequireRole>
                    ),
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
