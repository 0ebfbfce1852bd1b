/**
 * A same-origin path to go to after signing in, or `fallback`. Rejects absolute and
 * protocol-relative URLs so that `?next=` cannot send people to another site.
 */
export function safeNextPath(raw: string | null | undefined, fallback: string): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  return raw;
}

/** `/dang-nhap?next=<current path>` for a page that needs sign-in. */
export function signInPathFor(signInPath: string, location: { pathname: string; search?: string; hash?: string }): string {
  const next = `${location.pathname}${location.search ?? ''}${location.hash ?? ''}`;
  return `${signInPath}?${new URLSearchParams({ next }).toString()}`;
}
