import type { CatalogCourse, CourseProgress, ProgressUpdate } from '@bdhv/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { learningQueryKeys } from './keys';

/**
 * Folds a heartbeat or completion answer into the cached course progress. A plain heartbeat only
 * moves the lesson's resume point (no refetch every 10 seconds); when the lesson becomes completed
 * the course's counts change, so the progress, the course page and "my learning" are refetched.
 */
export async function applyProgressUpdate(queryClient: QueryClient, courseId: string, update: ProgressUpdate): Promise<void> {
  const key = learningQueryKeys.progress(courseId);
  const before = queryClient.getQueryData<CourseProgress>(key);
  const wasCompleted = before?.lessons.find((lesson) => lesson.lessonId === update.lesson.lessonId)?.status === 'completed';
  if (before) {
    const others = before.lessons.filter((lesson) => lesson.lessonId !== update.lesson.lessonId);
    queryClient.setQueryData<CourseProgress>(key, {
      ...before,
      progressPercent: update.courseProgressPercent,
      status: update.courseCompleted ? 'completed' : before.status,
      lessons: [...others, update.lesson],
    });
  }
  if (update.lesson.status === 'completed' && !wasCompleted) {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: key }),
      queryClient.invalidateQueries({ queryKey: learningQueryKeys.courses() }),
      queryClient.invalidateQueries({ queryKey: learningQueryKeys.myLearning() }),
    ]);
  }
}

/** Sets the enrolment shown on a cached course page (after enrolling or leaving). */
export function setCachedEnrolment(queryClient: QueryClient, courseId: string, enrolment: CatalogCourse['myEnrolment']): void {
  for (const [key, course] of queryClient.getQueriesData<CatalogCourse>({ queryKey: learningQueryKeys.courses() })) {
    if (course?.id === courseId) queryClient.setQueryData<CatalogCourse>(key, { ...course, myEnrolment: enrolment });
  }
}
