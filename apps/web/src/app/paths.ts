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
} as const;

export function adminUserPath(id: string): string {
  return `/quan-tri/nguoi-dung/${encodeURIComponent(id)}`;
}
