/**
 * Course cover images. Files are stored under the key `covers/<file>`, with random names (32 hex
 * characters + the extension of the detected type), so a name never serves two contents and can
 * be cached forever. `courses.coverImageKey` holds `covers/<file>`; the public URL is
 * `/api/covers/<file>`.
 */
export const COVER_DIR = 'covers';

/** The only file names `GET /api/covers/:file` serves. */
export const COVER_FILE_PATTERN = /^[a-f0-9]{32}\.(jpg|png|webp)$/;

export const COVER_TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** `covers/<file>` → `<file>`, or null when the key is not a cover we stored. */
export function coverFileOf(key: string | null | undefined): string | null {
  if (!key || !key.startsWith(`${COVER_DIR}/`)) return null;
  const file = key.slice(COVER_DIR.length + 1);
  return COVER_FILE_PATTERN.test(file) ? file : null;
}

/** Public URL of a course cover (covers are not secret), or null. */
export function coverUrlOf(key: string | null | undefined): string | null {
  const file = coverFileOf(key);
  return file ? `/api/covers/${file}` : null;
}

/** Storage key of a cover file name (`<file>` → `covers/<file>`), or null when the name does not match the pattern. */
export function coverKeyOf(file: string): string | null {
  return COVER_FILE_PATTERN.test(file) ? `${COVER_DIR}/${file}` : null;
}
