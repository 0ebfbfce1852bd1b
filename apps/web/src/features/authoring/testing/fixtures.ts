import type { CourseDetail, LessonDetail, MediaAsset } from '@bdhv/contracts';

// Test data for the authoring specs (never imported by the app).
export const COURSE_ID = '40000000-0000-4000-8000-000000000001';
export const MODULE_1 = '41000000-0000-4000-8000-000000000001';
export const MODULE_2 = '41000000-0000-4000-8000-000000000002';
export const LESSON_VIDEO = '42000000-0000-4000-8000-000000000001';
export const LESSON_TEXT = '42000000-0000-4000-8000-000000000002';
export const LESSON_FILE = '42000000-0000-4000-8000-000000000003';
export const MEDIA_ID = '43000000-0000-4000-8000-000000000001';

export function lesson(overrides: Partial<LessonDetail> & Pick<LessonDetail, 'id' | 'title' | 'type'>): LessonDetail {
  return { moduleId: MODULE_1, position: 0, required: true, textHtml: null, mediaId: null, attachmentKey: null, durationSeconds: null, ...overrides };
}

export function course(overrides: Partial<CourseDetail> = {}): CourseDetail {
  return {
    id: COURSE_ID,
    slug: 'an-toan-tren-mang',
    title: 'An toàn trên mạng cho người dân',
    summary: 'Nhận biết lừa đảo qua mạng.',
    coverImageKey: null,
    coverUrl: null,
    category: 'Kỹ năng số',
    tags: ['an-toan'],
    targetAudiences: ['resident'],
    targetUnitIds: [],
    estimatedMinutes: 90,
    status: 'draft',
    strictOrder: false,
    createdAt: '2026-03-01T02:00:00.000Z',
    updatedAt: '2026-03-02T02:00:00.000Z',
    publishedAt: null,
    owners: [{ userId: '10000000-0000-4000-8000-000000000009', fullName: 'Lương Thị Giảng Viên', role: 'owner' }],
    modules: [
      {
        id: MODULE_1,
        title: 'Nhận biết lừa đảo',
        position: 0,
        lessons: [
          lesson({ id: LESSON_VIDEO, title: 'Video: các chiêu lừa đảo', type: 'video', position: 0 }),
          lesson({ id: LESSON_TEXT, title: 'Đọc: năm dấu hiệu', type: 'text', position: 1, textHtml: '<p>Không cung cấp mã OTP.</p>' }),
          lesson({ id: LESSON_FILE, title: 'Tài liệu tham khảo', type: 'attachment', position: 2 }),
        ],
      },
      { id: MODULE_2, title: 'Giữ an toàn tài khoản', position: 1, lessons: [] },
    ],
    ...overrides,
  };
}

export function media(overrides: Partial<MediaAsset> = {}): MediaAsset {
  return {
    id: MEDIA_ID,
    kind: 'video',
    status: 'processing',
    courseId: COURSE_ID,
    originalName: 'bai-giang.mp4',
    mime: 'video/mp4',
    sizeBytes: 12_582_912,
    progress: 40,
    error: null,
    durationSeconds: null,
    renditions: null,
    hasCaptions: false,
    posterUrl: null,
    createdAt: '2026-03-02T02:00:00.000Z',
    updatedAt: '2026-03-02T02:00:00.000Z',
    ...overrides,
  };
}
