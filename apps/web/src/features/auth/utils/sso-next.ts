/** Where to return after single sign-on: the provider round trip loses the page's `?next=`. */
const SSO_NEXT_KEY = 'bdhv.sso.next';

export function rememberSsoNext(next: string): void {
  try {
    window.sessionStorage.setItem(SSO_NEXT_KEY, next);
  } catch {
    // Without storage the user lands on the default page; acceptable.
  }
}

/** The remembered destination (unvalidated: pass it through `safeNextPath`). */
export function readSsoNext(): string | null {
  try {
    return window.sessionStorage.getItem(SSO_NEXT_KEY);
  } catch {
    return null;
  }
}
