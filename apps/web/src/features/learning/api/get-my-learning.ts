import { myLearningSchema, type MyLearningItem } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { learningQueryKeys } from './keys';

/** GET /api/me/learning: the caller's enrolments with their course and progress. */
export async function getMyLearning(signal?: AbortSignal): Promise<MyLearningItem[]> {
  const { items } = await apiClient.get('/me/learning', { schema: myLearningSchema, signal });
  return items;
}

export function getMyLearningQueryOptions() {
  return queryOptions({ queryKey: learningQueryKeys.myLearning(), queryFn: ({ signal }) => getMyLearning(signal) });
}

export function useMyLearning() {
  return useQuery(getMyLearningQueryOptions());
}
