import { z } from 'zod';
import { idSchema } from './ids';
import { audienceSchema } from './identity';
import { pageOf, paginationQuerySchema } from './pagination';

export const courseStatusSchema = z.enum(['draft', 'published', 'archived']);
export type CourseStatus = z.infer<typeof courseStatusSchema>;

export const lessonTypeSchema = z.enum(['video', 'text', 'attachment', 'quiz']);
export type LessonType = z.infer<typeof lessonTypeSchema>;

export const courseOwnerRoleSchema = z.enum(['owner', 'co_owner']);
export type CourseOwnerRole = z.infer<typeof courseOwnerRoleSchema>;

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A course slug as it may appear in a path (`/api/catalog/:slug`): the format and length below. */
export const COURSE_SLUG_PATTERN = /^(?=.{3,100}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** URL name of a course: lower case, no diacritics, digits and dashes ("ky-nang-so-co-ban"). */
export const courseSlugSchema = z
  .string()
  .trim()
  .min(3, 'Đường dẫn cần ít nhất 3 ký tự.')
  .max(100, 'Đường dẫn tối đa 100 ký tự.')
  .regex(slugPattern, 'Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.');

/** A tag such as `nq57` or `ky-nang-so-co-ban` (stored comma-joined, so no commas). */
export const courseTagSchema = z
  .string()
  .trim()
  .min(1)
  .max(50, 'Thẻ tối đa 50 ký tự.')
  .regex(slugPattern, 'Thẻ chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.');

const titleSchema = z.string().trim().min(1, 'Cần nhập tiêu đề.').max(255, 'Tiêu đề tối đa 255 ký tự.');
const summarySchema = z.string().trim().max(2000, 'Mô tả tối đa 2000 ký tự.');
const categorySchema = z.string().trim().max(100, 'Chủ đề tối đa 100 ký tự.');
const estimatedMinutesSchema = z.number().int().min(0).max(100_000);
/** Rich text as the editor sends it; the server sanitizes it before storing. */
const textHtmlSchema = z.string().max(100_000, 'Nội dung bài học quá dài.');

export const createCourseRequestSchema = z
  .object({
    title: titleSchema,
    /** Generated from the title when omitted. */
    slug: courseSlugSchema.optional(),
    summary: summarySchema.default(''),
    category: categorySchema.default(''),
    tags: z.array(courseTagSchema).max(20).default([]),
    targetAudiences: z.array(audienceSchema).max(10).default([]),
    targetUnitIds: z.array(idSchema()).max(200).default([]),
    estimatedMinutes: estimatedMinutesSchema.nullable().default(null),
    strictOrder: z.boolean().default(false),
  })
  .strict();
export type CreateCourseRequest = z.infer<typeof createCourseRequestSchema>;

export const updateCourseRequestSchema = z
  .object({
    title: titleSchema.optional(),
    slug: courseSlugSchema.optional(),
    summary: summarySchema.optional(),
    category: categorySchema.optional(),
    tags: z.array(courseTagSchema).max(20).optional(),
    targetAudiences: z.array(audienceSchema).max(10).optional(),
    targetUnitIds: z.array(idSchema()).max(200).optional(),
    estimatedMinutes: estimatedMinutesSchema.nullable().optional(),
    strictOrder: z.boolean().optional(),
  })
  .strict();
export type UpdateCourseRequest = z.infer<typeof updateCourseRequestSchema>;

export const courseSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  coverImageKey: z.string().nullable(),
  /** Public URL of the cover image (covers are not secret), or null. */
  coverUrl: z.string().nullable(),
  category: z.string(),
  tags: z.array(z.string()),
  targetAudiences: z.array(audienceSchema),
  targetUnitIds: z.array(z.string()),
  estimatedMinutes: z.number().int().nullable(),
  status: courseStatusSchema,
  strictOrder: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type CourseSummary = z.infer<typeof courseSummarySchema>;

export const lessonSchema = z.object({
  id: z.string(),
  moduleId: z.string(),
  title: z.string(),
  type: lessonTypeSchema,
  position: z.number().int(),
  required: z.boolean(),
  textHtml: z.string().nullable(),
  mediaId: z.string().nullable(),
  attachmentKey: z.string().nullable(),
  durationSeconds: z.number().int().nullable(),
});
export type LessonDetail = z.infer<typeof lessonSchema>;

export const courseModuleSchema = z.object({
  id: z.string(),
  title: z.string(),
  position: z.number().int(),
  lessons: z.array(lessonSchema),
});
export type CourseModuleDetail = z.infer<typeof courseModuleSchema>;

export const courseOwnerSchema = z.object({ userId: z.string(), fullName: z.string(), role: courseOwnerRoleSchema });
export type CourseOwnerEntry = z.infer<typeof courseOwnerSchema>;

/** What owners, co-owners and administrators see while authoring. */
export const courseDetailSchema = courseSummarySchema.extend({
  owners: z.array(courseOwnerSchema),
  modules: z.array(courseModuleSchema),
});
export type CourseDetail = z.infer<typeof courseDetailSchema>;

/** Authoring list: the courses the caller owns or co-owns (all of them for administrators). */
export const myCoursesQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  status: courseStatusSchema.optional(),
});
export type MyCoursesQuery = z.infer<typeof myCoursesQuerySchema>;

export const courseListSchema = pageOf(courseSummarySchema);
export type CourseList = z.infer<typeof courseListSchema>;

/** Learner catalog: published courses only. */
export const catalogQuerySchema = paginationQuerySchema.extend({
  /** Matches title, summary, category and tags; ignores diacritics and case ("ky nang so" finds "Kỹ năng số"). */
  q: z.string().trim().max(100).optional(),
  category: z.string().trim().max(100).optional(),
  audience: audienceSchema.optional(),
});
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

export const catalogListSchema = pageOf(courseSummarySchema);

/** `GET /api/catalog/categories`: the distinct categories of published courses, sorted. */
export const catalogCategoriesSchema = z.object({ items: z.array(z.string()) });
export type CatalogCategories = z.infer<typeof catalogCategoriesSchema>;
export type CatalogList = z.infer<typeof catalogListSchema>;

/** A published course's outline for learners: structure only, no lesson content. */
export const catalogLessonSchema = lessonSchema.pick({ id: true, title: true, type: true, position: true, required: true, durationSeconds: true });
export const catalogCourseSchema = courseSummarySchema.extend({
  modules: z.array(courseModuleSchema.pick({ id: true, title: true, position: true }).extend({ lessons: z.array(catalogLessonSchema) })),
  /** The caller's enrolment in this course (withdrawn counts as none), or null. */
  myEnrolment: z
    .object({
      status: z.enum(['active', 'completed']),
      progressPercent: z.number().int(),
      dueAt: z.string().nullable(),
    })
    .nullable(),
  /** Whether the caller may enrol themselves (the course targets their audience and unit, or nobody in particular). */
  openToMe: z.boolean(),
});
export type CatalogCourse = z.infer<typeof catalogCourseSchema>;

export const createModuleRequestSchema = z.object({ title: titleSchema }).strict();
export type CreateModuleRequest = z.infer<typeof createModuleRequestSchema>;

export const updateModuleRequestSchema = z.object({ title: titleSchema }).strict();
export type UpdateModuleRequest = z.infer<typeof updateModuleRequestSchema>;

/** The complete new order: every id of the list exactly once. */
export const reorderRequestSchema = z
  .object({ ids: z.array(idSchema()).max(500) })
  .strict()
  .refine((v) => new Set(v.ids).size === v.ids.length, { message: 'Danh sách có mục bị lặp lại.', path: ['ids'] });
export type ReorderRequest = z.infer<typeof reorderRequestSchema>;

export const createLessonRequestSchema = z
  .object({
    title: titleSchema,
    type: lessonTypeSchema,
    required: z.boolean().default(true),
    /** Text lessons only. */
    textHtml: textHtmlSchema.optional(),
    durationSeconds: z.number().int().min(0).max(86_400).nullable().optional(),
  })
  .strict()
  .refine((v) => v.textHtml === undefined || v.type === 'text', { message: 'Chỉ bài học dạng văn bản mới có nội dung văn bản.', path: ['textHtml'] });
export type CreateLessonRequest = z.infer<typeof createLessonRequestSchema>;

export const updateLessonRequestSchema = z
  .object({
    title: titleSchema.optional(),
    required: z.boolean().optional(),
    textHtml: textHtmlSchema.nullable().optional(),
    durationSeconds: z.number().int().min(0).max(86_400).nullable().optional(),
  })
  .strict();
export type UpdateLessonRequest = z.infer<typeof updateLessonRequestSchema>;

export const addCoOwnerRequestSchema = z.object({ userId: idSchema() }).strict();
export type AddCoOwnerRequest = z.infer<typeof addCoOwnerRequestSchema>;

/** `POST /api/courses/:id/images`: a picture for a text lesson, and the public URL to put in its `<img>`. */
export const courseImageSchema = z.object({ url: z.string() });
export type CourseImage = z.infer<typeof courseImageSchema>;

/** Cover and lesson image uploads (multipart field `file`): JPEG, PNG or WebP, checked by content. */
export const COVER_IMAGE_MAX_BYTES = 2 * 1024 * 1024;
