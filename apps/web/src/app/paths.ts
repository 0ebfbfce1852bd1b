/** Route paths. Slugs stay Vietnamese in every UI language. */
export const paths = {
  home: '/',
  about: '/gioi-thieu',
  status: '/trang-thai',
  signIn: '/dang-nhap',
  register: '/dang-ky',
  forgotPassword: '/quen-mat-khau',
  resetPassword: '/dat-lai-mat-khau',
  account: '/tai-khoan',
  admin: '/quan-tri',
  adminUsers: '/quan-tri/nguoi-dung',
  adminUserNew: '/quan-tri/nguoi-dung/moi',
  adminUser: '/quan-tri/nguoi-dung/:userId',
  adminUnits: '/quan-tri/don-vi',
  adminImports: '/quan-tri/nhap-du-lieu',
  adminAudit: '/quan-tri/nhat-ky',
  // Learner
  catalog: '/khoa-hoc',
  course: '/khoa-hoc/:slug',
  lesson: '/khoa-hoc/:slug/bai/:lessonId',
  myLearning: '/hoc-tap-cua-toi',
  // Trainer
  teach: '/giang-day',
  teachNew: '/giang-day/khoa-hoc/moi',
  teachCourse: '/giang-day/khoa-hoc/:courseId',
  teachPreview: '/giang-day/khoa-hoc/:courseId/xem-truoc',
  teachPreviewLesson: '/giang-day/khoa-hoc/:courseId/xem-truoc/:lessonId',
} as const;

export function adminUserPath(id: string): string {
  return `/quan-tri/nguoi-dung/${encodeURIComponent(id)}`;
}

export function coursePath(slug: string): string {
  return `/khoa-hoc/${encodeURIComponent(slug)}`;
}

export function lessonPath(slug: string, lessonId: string): string {
  return `/khoa-hoc/${encodeURIComponent(slug)}/bai/${encodeURIComponent(lessonId)}`;
}

export function teachCoursePath(courseId: string): string {
  return `/giang-day/khoa-hoc/${encodeURIComponent(courseId)}`;
}

export function teachPreviewPath(courseId: string, lessonId?: string): string {
  const base = `/giang-day/khoa-hoc/${encodeURIComponent(courseId)}/xem-truoc`;
  return lessonId ? `${base}/${encodeURIComponent(lessonId)}` : base;
}
