/**
 * Turns what a trainer types into a tag the API accepts: lower case, no diacritics, words joined
 * by dashes ("Kỹ năng số" → "ky-nang-so").
 */
export function toTag(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
}

/** Normalized, without empties and duplicates, order kept. */
export function toTags(values: readonly string[]): string[] {
  return [...new Set(values.map(toTag).filter(Boolean))];
}
