import type { RouteObject } from 'react-router';
import { AppLayout } from './layout/app-layout';
import { paths } from './paths';
import { AboutPage } from './routes/about-page';
import { HomePage } from './routes/home-page';
import { NotFoundPage } from './routes/not-found-page';
import { RouteErrorPage } from './routes/route-error-page';
import { StatusPage } from './routes/status-page';

/**
 * Route tree. Page errors render inside the layout (header and navigation stay usable);
 * a failure of the layout itself falls back to the standalone error page.
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
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
