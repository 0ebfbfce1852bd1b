import type { LessonType } from '@bdhv/contracts';

export type LessonStatus = 'not_started' | 'in_progress' | 'completed';

/** A lesson as the outline shows it, from the learner's catalog or the trainer's course detail. */
export interface OutlineLesson {
  id: string;
  title: string;
  type: LessonType;
  required: boolean;
  durationSeconds: number | null;
}

export interface OutlineModule {
  id: string;
  title: string;
  lessons: readonly OutlineLesson[];
}

/** What the outline knows about the learner, per lesson id. */
export interface OutlineState {
  status: LessonStatus;
  locked: boolean;
}

/** The lessons in course order (modules, then lessons; the API sends both sorted by position). */
export function flattenLessons(modules: readonly OutlineModule[]): OutlineLesson[] {
  return modules.flatMap((module) => module.lessons);
}

/**
 * Each lesson's status and whether strict order locks it. Mirrors the API: under strict order a
 * lesson that is not completed yet is locked while any earlier required lesson is not completed.
 */
export function lessonStates(
  modules: readonly OutlineModule[],
  statuses: ReadonlyMap<string, LessonStatus>,
  strictOrder: boolean,
): Map<string, OutlineState> {
  const states = new Map<string, OutlineState>();
  let blocked = false;
  for (const lesson of flattenLessons(modules)) {
    const status = statuses.get(lesson.id) ?? 'not_started';
    states.set(lesson.id, { status, locked: strictOrder && blocked && status !== 'completed' });
    if (lesson.required && status !== 'completed') blocked = true;
  }
  return states;
}

/** Where "continue" leads: the first lesson not completed yet, else the first lesson. */
export function nextLessonToStudy(modules: readonly OutlineModule[], states: ReadonlyMap<string, OutlineState>): OutlineLesson | undefined {
  const lessons = flattenLessons(modules);
  return lessons.find((lesson) => states.get(lesson.id)?.status !== 'completed' && !states.get(lesson.id)?.locked) ?? lessons[0];
}

/** The lessons before and after `lessonId` in course order. */
export function neighbours(modules: readonly OutlineModule[], lessonId: string): { previous?: OutlineLesson; next?: OutlineLesson } {
  const lessons = flattenLessons(modules);
  const index = lessons.findIndex((lesson) => lesson.id === lessonId);
  if (index < 0) return {};
  return { previous: lessons[index - 1], next: lessons[index + 1] };
}

/** The module holding `lessonId`. */
export function moduleOf(modules: readonly OutlineModule[], lessonId: string): OutlineModule | undefined {
  return modules.find((module) => module.lessons.some((lesson) => lesson.id === lessonId));
}
