import { foldVietnamese } from '@bdhv/contracts';
import type { User } from './user.entity';

/**
 * What a user search looks for, as one substring of `users.searchText` (folded name, phone in both
 * spellings, email). Accents and case are folded away, so "nguyen van a" finds "Nguyễn Văn A" (and
 * "Nguyễn Văn Anh", but not "Nguyễn Văn Bình"). A query that looks like a phone number loses its
 * spaces, dots and dashes ("0912 345" → "0912345"), since the stored phones have none.
 */
export function searchTerm(q: string | undefined): string | null {
  if (!q) return null;
  const folded = foldVietnamese(q);
  if (!folded) return null;
  if (/\d/.test(folded) && /^[\d\s.+()-]+$/.test(folded)) return folded.replace(/[^\d+]/g, '');
  return folded;
}

/** ********1234 */
export function maskCitizenId(last4: string | null): string | null {
  return last4 ? `${'*'.repeat(8)}${last4}` : null;
}

/** Searchable, folded text for a user (name, phone in both spellings, email). */
export function userSearchText(u: Pick<User, 'fullName' | 'phone' | 'email'>): string {
  const phones = u.phone ? [u.phone, `0${u.phone.replace(/^\+84/, '')}`] : [];
  return foldVietnamese([u.fullName, ...phones, u.email ?? ''].join(' ')).slice(0, 600);
}
