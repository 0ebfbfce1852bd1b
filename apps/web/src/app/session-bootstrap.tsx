import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { restoreSession, useSession } from '@/lib/session';

/**
 * Restores the session once when the app starts (POST /api/auth/refresh with the cookie), and
 * forgets every cached query when the signed-in user changes, so nobody sees the previous
 * user's data.
 */
export function SessionBootstrap({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { user } = useSession();
  const userId = user?.id ?? null;
  const previousUserId = useRef(userId);

  useEffect(() => {
    restoreSession();
  }, []);

  useEffect(() => {
    if (previousUserId.current !== null && previousUserId.current !== userId) queryClient.clear();
    previousUserId.current = userId;
  }, [userId, queryClient]);

  return children;
}
