import { useEffect } from 'react';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { reportClientError } from '@/lib/report-client-error';
import { ErrorPage } from './error-page';
import { NotFoundPage } from './not-found-page';

/** React Router `errorElement`: 404 responses get the not-found page, anything else the error page. */
export function RouteErrorPage({ standalone = false }: { standalone?: boolean }) {
  const error = useRouteError();
  const notFound = !standalone && isRouteErrorResponse(error) && error.status === 404;
  useEffect(() => {
    if (!notFound) reportClientError(error);
  }, [error, notFound]);
  if (notFound) return <NotFoundPage />;
  return <ErrorPage error={error} standalone={standalone} />;
}
