/**
 * Lower-case, without Vietnamese diacritics ("Nguyễn Văn Ánh" → "nguyen van anh"), for search
 * that ignores accents on every database (SQLite has no accent-insensitive collation).
 */
export function foldVietnamese(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
