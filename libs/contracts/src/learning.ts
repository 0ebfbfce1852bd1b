import { z } from 'zod';
import { idSchema } from './ids';
import { audienceSchema } from './identity';
import { lessonTypeSchema } from './courses';
import { mediaStatusSchema } from './media';
import { pageOf, paginationQuerySchema } from './pagination';

export const enrolmentStatusSchema = z.enum(['active', 'completed', 'withdrawn']);
export type EnrolmentStatus = z.infer<typeof enrolmentStatusSchema>;

export const enrolmentSchema = z.object({
  id: z.string(),
  courseId: z.string(),
  userId: z.string(),
  orgUnitId: z.string(),
  source: z.enum(['self', 'assignment']),
  status: enrolmentStatusSchema,
  dueAt: z.string().nullable(),
  progressPercent: z.number().int(),
  completedLessons: z.number().int(),
  completedAt: z.string().nullable(),
  lastActivityAt: z.string().nullable(),
  createdAt: z.string(),
});
export type EnrolmentDto = z.infer<typeof enrolmentSchema>;

/** One row of "My learning". */
export const myLearningItemSchema = enrolmentSchema.extend({
  course: z.object({ id: z.string(), slug: z.string(), title: z.string(), coverImageKey: z.string().nullable(), coverUrl: z.string().nullable() }),
  completed: z.boolean(),
});
export type MyLearningItem = z.infer<typeof myLearningItemSchema>;
export const myLearningSchema = z.object({ items: z.array(myLearningItemSchema) });

/**
 * A video heartbeat: the parts actually played since the last report, as [startSec, endSec]
 * ranges (at most 20, end > start), and the current position (for resume).
 */
export const heartbeatRequestSchema = z.object({
  ranges: z
    .array(
      z
        .tuple([z.number().min(0).max(86_400), z.number().min(0).max(86_400)])
        .refine(([s, e]) => e > s, 'Mỗi đoạn đã xem phải kết thúc sau khi bắt đầu.'),
    )
    .max(20, 'Tối đa 20 đoạn mỗi lần báo cáo.'),
  position: z.number().min(0).max(86_400),
}).strict();
export type HeartbeatRequest = z.infer<typeof heartbeatRequestSchema>;

export const lessonProgressStatusSchema = z.enum(['not_started', 'in_progress', 'completed']);

export const lessonProgressSchema = z.object({
  lessonId: z.string(),
  status: lessonProgressStatusSchema,
  watchedSeconds: z.number().int(),
  lastPositionSeconds: z.number().int(),
  completedAt: z.string().nullable(),
});
export type LessonProgressDto = z.infer<typeof lessonProgressSchema>;

/** Answer to a heartbeat or a completion: the lesson's progress and the course's. */
export const progressUpdateSchema = z.object({
  lesson: lessonProgressSchema,
  /** How many seconds of the reported ranges were dropped because they were longer than the time elapsed. */
  clampedSeconds: z.number(),
  courseProgressPercent: z.number().int(),
  courseCompleted: z.boolean(),
});
export type ProgressUpdate = z.infer<typeof progressUpdateSchema>;

export const courseProgressSchema = z.object({
  courseId: z.string(),
  enrolmentId: z.string(),
  status: enrolmentStatusSchema,
  progressPercent: z.number().int(),
  completedLessons: z.number().int(),
  requiredLessons: z.number().int(),
  completedAt: z.string().nullable(),
  lessons: z.array(lessonProgressSchema),
});
export type CourseProgress = z.infer<typeof courseProgressSchema>;

export const createAssignmentRequestSchema = z.object({
  orgUnitId: idSchema(),
  audiences: z.array(audienceSchema).max(10).default([]),
  dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
}).strict();
export type CreateAssignmentRequest = z.infer<typeof createAssignmentRequestSchema>;

export const assignmentSchema = z.object({
  id: z.string(),
  courseId: z.string(),
  orgUnitId: z.string(),
  audiences: z.array(audienceSchema),
  dueAt: z.string().nullable(),
  createdById: z.string(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  enrolled: z.number().int(),
  createdAt: z.string(),
});
export type AssignmentDto = z.infer<typeof assignmentSchema>;
export const assignmentListSchema = z.object({ items: z.array(assignmentSchema) });

export const courseEnrolmentsQuerySchema = paginationQuerySchema.extend({ status: enrolmentStatusSchema.optional() });
export type CourseEnrolmentsQuery = z.infer<typeof courseEnrolmentsQuerySchema>;

export const courseEnrolmentRowSchema = enrolmentSchema.extend({ learner: z.object({ id: z.string(), fullName: z.string() }) });
export type CourseEnrolmentRow = z.infer<typeof courseEnrolmentRowSchema>;
export const courseEnrolmentListSchema = pageOf(courseEnrolmentRowSchema);

/**
 * `GET /api/learn/lessons/:lessonId`: one lesson's content for the learner who takes it (active or
 * completed enrolment, course published, unlocked under strict order), or for the course's owners,
 * co-owners and administrators as a preview (`preview: true`, drafts too). Playback URLs come from
 * `GET /api/media/:mediaId/playback`.
 */
export const learnerLessonSchema = z.object({
  id: z.string(),
  courseId: z.string(),
  courseSlug: z.string(),
  moduleId: z.string(),
  title: z.string(),
  type: lessonTypeSchema,
  required: z.boolean(),
  durationSeconds: z.number().int().nullable(),
  /** Text lessons: sanitized HTML. */
  textHtml: z.string().nullable(),
  /** Video and attachment lessons: the attached file and its processing state. */
  media: z
    .object({
      id: z.string(),
      status: mediaStatusSchema,
      originalName: z.string(),
      mime: z.string().nullable(),
      sizeBytes: z.number().int().nullable(),
      durationSeconds: z.number().int().nullable(),
      renditions: z.array(z.number().int()).nullable(),
      hasCaptions: z.boolean(),
    })
    .nullable(),
  preview: z.boolean(),
});
export type LearnerLesson = z.infer<typeof learnerLessonSchema>;
