import type { CourseDetail, FieldError } from '@bdhv/contracts';

/** Where a publishing problem can be fixed. */
export type ProblemTarget =
  | { kind: 'info'; field: string }
  | { kind: 'content'; moduleId: string | null; lessonId: string | null };

export interface PublishProblem {
  message: string;
  target: ProblemTarget | null;
}

const MODULE_PATH = /^modules(?:\.(\d+)(?:\.lessons(?:\.(\d+))?)?)?(?:\.|$)/;

/**
 * Maps the server's field paths (`title`, `modules`, `modules.1.lessons`,
 * `modules.1.lessons.0.mediaId`) to the part of the editor that fixes them, using the course as
 * it was when publishing was refused.
 */
export function toPublishProblems(errors: readonly FieldError[], course: CourseDetail | undefined): PublishProblem[] {
  return errors.map(({ field, message }) => {
    if (field === 'title' || field === 'summary' || field === 'slug') return { message, target: { kind: 'info', field } };
    const match = MODULE_PATH.exec(field);
    if (!match) return { message, target: null };
    const module = match[1] !== undefined ? course?.modules[Number(match[1])] : undefined;
    const lesson = module && match[2] !== undefined ? module.lessons[Number(match[2])] : undefined;
    return { message, target: { kind: 'content', moduleId: module?.id ?? null, lessonId: lesson?.id ?? null } };
  });
}
