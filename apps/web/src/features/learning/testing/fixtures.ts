import type { CatalogCourse, CourseProgress, CourseSummary, LearnerLesson, LessonProgressDto, ProgressUpdate } from '@bdhv/contracts';

/** Test data for the learning feature's specs. */
export const COURSE_ID = '30000000-0000-4000-8000-000000000001';
export const MODULE_ID = '31000000-0000-4000-8000-000000000001';
export const LESSON = {
  video: '32000000-0000-4000-8000-000000000001',
  text: '32000000-0000-4000-8000-000000000002',
  attachment: '32000000-0000-4000-8000-000000000003',
} as const;

export function makeSummary(index: number, overrides: Partial<CourseSummary> = {}): CourseSummary {
  return {
    id: `30000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    slug: `khoa-hoc-${index}`,
    title: `Kỹ năng số cơ bản ${index}`,
    summary: 'Sử dụng điện thoại thông minh an toàn.',
    coverImageKey: null,
    coverUrl: null,
    category: 'Kỹ năng số',
    tags: ['ky-nang-so'],
    targetAudiences: ['resident'],
    targetUnitIds: [],
    estimatedMinutes: 90,
    status: 'published',
    strictOrder: false,
    createdAt: '2026-01-05T08:00:00.000Z',
    updatedAt: '2026-01-05T08:00:00.000Z',
    publishedAt: '2026-01-06T08:00:00.000Z',
    ...overrides,
  };
}

export function makeCatalogCourse(overrides: Partial<CatalogCourse> = {}): CatalogCourse {
  return {
    ...makeSummary(1, { id: COURSE_ID, slug: 'an-toan-tren-mang', title: 'An toàn trên mạng' }),
    modules: [
      {
        id: MODULE_ID,
        title: 'Nhận biết lừa đảo',
        position: 0,
        lessons: [
          { id: LESSON.video, title: 'Video: các chiêu lừa đảo', type: 'video', position: 0, required: true, durationSeconds: 300 },
          { id: LESSON.text, title: 'Đọc: năm dấu hiệu', type: 'text', position: 1, required: true, durationSeconds: null },
          { id: LESSON.attachment, title: 'Tài liệu tham khảo', type: 'attachment', position: 2, required: false, durationSeconds: null },
        ],
      },
    ],
    myEnrolment: null,
    openToMe: true,
    ...overrides,
  };
}

export function lessonProgress(lessonId: string, status: LessonProgressDto['status'], lastPositionSeconds = 0): LessonProgressDto {
  return { lessonId, status, watchedSeconds: 0, lastPositionSeconds, completedAt: status === 'completed' ? '2026-02-01T08:00:00.000Z' : null };
}

export function makeProgress(overrides: Partial<CourseProgress> = {}): CourseProgress {
  return {
    courseId: COURSE_ID,
    enrolmentId: '33000000-0000-4000-8000-000000000001',
    status: 'active',
    progressPercent: 0,
    completedLessons: 0,
    requiredLessons: 2,
    completedAt: null,
    lessons: [],
    ...overrides,
  };
}

export function makeLearnerLesson(overrides: Partial<LearnerLesson> = {}): LearnerLesson {
  return {
    id: LESSON.text,
    courseId: COURSE_ID,
    courseSlug: 'an-toan-tren-mang',
    moduleId: MODULE_ID,
    title: 'Đọc: năm dấu hiệu',
    type: 'text',
    required: true,
    durationSeconds: null,
    textHtml: '<p>Không bao giờ cung cấp mã OTP cho bất kỳ ai.</p>',
    media: null,
    preview: false,
    ...overrides,
  };
}

export function makeUpdate(lesson: LessonProgressDto, courseProgressPercent: number): ProgressUpdate {
  return { lesson, clampedSeconds: 0, courseProgressPercent, courseCompleted: false };
}
