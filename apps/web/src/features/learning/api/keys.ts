import type { Audience } from '@bdhv/contracts';

/** Root of this feature's query keys (not in lib/query-keys: nothing outside learning invalidates it yet). */
const root = ['learning'] as const;

export interface CatalogParams {
  page: number;
  pageSize: number;
  /** Title, summary, category and tags; the server ignores diacritics and case. */
  q?: string;
  category?: string;
  audience?: Audience;
}

export const learningQueryKeys = {
  all: root,
  catalogs: () => [...root, 'catalog'] as const,
  catalog: (params: CatalogParams) => [...root, 'catalog', params] as const,
  catalogCategories: () => [...root, 'catalog-categories'] as const,
  courses: () => [...root, 'course'] as const,
  course: (slug: string) => [...root, 'course', slug] as const,
  progresses: () => [...root, 'progress'] as const,
  progress: (courseId: string) => [...root, 'progress', courseId] as const,
  lesson: (lessonId: string) => [...root, 'lesson', lessonId] as const,
  playback: (mediaId: string) => [...root, 'playback', mediaId] as const,
  myLearning: () => [...root, 'my-learning'] as const,
  preview: (courseId: string) => [...root, 'preview', courseId] as const,
};
