import { Component, type ErrorInfo, type ReactNode } from 'react';
import { reportClientError } from '@/lib/report-client-error';
import { ErrorPage } from './routes/error-page';

interface AppErrorBoundaryProps {
  children: ReactNode;
}

interface AppErrorBoundaryState {
  error: unknown;
  hasError: boolean;
}

/** Last line of defence for render errors outside the router (providers, router itself). */
export class AppErrorBoundary extends Component<AppErrorBoundaryProps, AppErrorBoundaryState> {
  override state: AppErrorBoundaryState = { error: null, hasError: false };

  static getDerivedStateFromError(error: unknown): AppErrorBoundaryState {
    return { error, hasError: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Unhandled error in the application', error, info.componentStack);
    reportClientError(error, info.componentStack);
  }

  override render() {
    if (this.state.hasError) return <ErrorPage error={this.state.error} standalone />;
    return this.props.children;
  }
}
