import { injector } from './test-app';

type Inject = ReturnType<typeof injector>;

export interface TestSession {
  accessToken: string;
  /** `bdhv_refresh=<token>`, ready for a Cookie header. */
  refreshCookie: string;
  auth: { authorization: string };
}

export function refreshCookieFrom(setCookie: string | string[] | undefined): string {
  const all = [setCookie ?? []].flat();
  const c = all.find((v) => v.startsWith('bdhv_refresh='));
  if (!c) throw new Error(`no refresh cookie in ${JSON.stringify(all)}`);
  return c.split(';')[0];
}

export async function signIn(inject: Inject, identifier: string, password: string): Promise<TestSession> {
  const res = await inject({ method: 'POST', url: '/api/auth/login', payload: { identifier, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const body = JSON.parse(res.body);
  return { accessToken: body.accessToken, refreshCookie: refreshCookieFrom(res.headers['set-cookie']), auth: { authorization: `Bearer ${body.accessToken}` } };
}
