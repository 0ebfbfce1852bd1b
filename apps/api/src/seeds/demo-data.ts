import type { Audience, OrgUnitKind, Role } from '@bdhv/contracts';

/** The province tree for demos and tests: real names, a few units of each kind. */
export const demoOrgUnits: { code: string; name: string; kind: OrgUnitKind; parent: string | null }[] = [
  { code: 'LS', name: 'Tỉnh Lạng Sơn', kind: 'province', parent: null },
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', kind: 'department', parent: 'LS' },
  { code: 'SNV', name: 'Sở Nội vụ', kind: 'department', parent: 'LS' },
  { code: 'SVHTTDL', name: 'Sở Văn hoá, Thể thao và Du lịch', kind: 'department', parent: 'LS' },
  { code: 'BLS', name: 'Báo và Phát thanh, Truyền hình Lạng Sơn', kind: 'press', parent: 'LS' },
  { code: 'P-DONGKINH', name: 'Phường Đông Kinh', kind: 'commune', parent: 'LS' },
  { code: 'P-TAMTHANH', name: 'Phường Tam Thanh', kind: 'commune', parent: 'LS' },
  { code: 'X-MAUSON', name: 'Xã Mẫu Sơn', kind: 'commune', parent: 'LS' },
  { code: 'X-BACSON', name: 'Xã Bắc Sơn', kind: 'commune', parent: 'LS' },
];

/** One account per role. Demo-only passwords, listed in the README; never use them in production. */
export const demoUsers: { fullName: string; email: string; phone: string; password: string; roles: Role[]; audiences: Audience[]; unit: string }[] = [
  { fullName: 'Nguyễn Thị Quản Trị', email: 'admin@demo.hocvuso.vn', phone: '+84912000001', password: 'QuanTri@2025', roles: ['admin', 'learner'], audiences: ['official'], unit: 'SKHCN' },
  { fullName: 'Hoàng Văn Quản Lý', email: 'quanly@demo.hocvuso.vn', phone: '+84912000002', password: 'QuanLy@2025', roles: ['unit_manager', 'learner'], audiences: ['official'], unit: 'P-DONGKINH' },
  { fullName: 'Lương Thị Giảng Viên', email: 'giangvien@demo.hocvuso.vn', phone: '+84912000003', password: 'GiangVien@2025', roles: ['trainer', 'learner'], audiences: ['official', 'communications'], unit: 'SKHCN' },
  { fullName: 'Vi Văn Cán Bộ', email: 'canbo@demo.hocvuso.vn', phone: '+84912000004', password: 'CanBo@2025', roles: ['learner'], audiences: ['official', 'communications'], unit: 'P-TAMTHANH' },
  { fullName: 'Hà Thị Người Dân', email: 'nguoidan@demo.hocvuso.vn', phone: '+84912000005', password: 'NguoiDan@2025', roles: ['learner'], audiences: ['resident'], unit: 'X-MAUSON' },
];
