import type { AuthSession, Me, OrgUnitDto } from '@bdhv/contracts';
import { vi } from 'vitest';
import { resetSession } from '@/lib/session';
import { healthyResponse, jsonResponse } from './render';

export interface MockRequest {
  method: string;
  url: URL;
  path: string;
  headers: Headers;
  init: RequestInit | undefined;
  /** Parsed JSON body, when there is one. */
  json: unknown;
}

export type MockHandler = (request: MockRequest) => Response | Promise<Response> | undefined;

export const UUID = {
  province: '00000000-0000-4000-8000-000000000001',
  department: '00000000-0000-4000-8000-000000000002',
  commune: '00000000-0000-4000-8000-000000000003',
  commune2: '00000000-0000-4000-8000-000000000004',
  admin: '10000000-0000-4000-8000-000000000001',
  learner: '10000000-0000-4000-8000-000000000002',
} as const;

export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    id: UUID.admin,
    fullName: 'Nguyễn Văn Quản',
    phone: '+84912345678',
    email: 'quan.nv@langson.gov.vn',
    roles: ['admin'],
    audiences: ['official'],
    orgUnit: { id: UUID.province, code: 'LS', name: 'Tỉnh Lạng Sơn', kind: 'province' },
    mustChangePassword: false,
    ...overrides,
  };
}

export function makeSession(user: Me = makeMe(), accessToken = 'access-1'): AuthSession {
  return { accessToken, expiresIn: 900, user };
}

export const orgUnits: OrgUnitDto[] = [
  { id: UUID.province, code: 'LS', name: 'Tỉnh Lạng Sơn', kind: 'province', parentId: null, active: true, mergedIntoId: null, userCount: 3 },
  { id: UUID.department, code: 'SO-NOI-VU', name: 'Sở Nội vụ', kind: 'department', parentId: UUID.province, active: true, mergedIntoId: null, userCount: 12 },
  { id: UUID.commune, code: 'XA-TAN-LIEN', name: 'Xã Tân Liên', kind: 'commune', parentId: UUID.province, active: true, mergedIntoId: null, userCount: 40 },
];

export function apiError(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return jsonResponse({ statusCode: status, code, message, requestId: `req-${status}`, ...extra }, { status });
}

/**
 * Stubs fetch with an API double: each handler may answer a request or pass (undefined).
 * Unanswered requests get sensible defaults (no session to restore, no single sign-on,
 * a healthy system) or a 404.
 */
export function mockApi(...handlers: MockHandler[]) {
  const calls: MockRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(href, 'http://localhost');
    const body = init?.body;
    let json: unknown;
    if (typeof body === 'string') {
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
    }
    const request: MockRequest = {
      method: init?.method ?? 'GET',
      url,
      path: url.pathname,
      headers: new Headers(init?.headers),
      init,
      json,
    };
    calls.push(request);
    for (const handler of handlers) {
      const response = await handler(request);
      if (response) return response;
    }
    if (request.path === '/api/auth/refresh') return apiError(401, 'UNAUTHENTICATED', 'No session');
    if (request.path === '/api/auth/oidc') return jsonResponse({ enabled: false, displayName: null });
    if (request.path === '/api/health') return jsonResponse(healthyResponse);
    if (request.path === '/api/telemetry/client-errors') return new Response(null, { status: 202 });
    return apiError(404, 'ROUTE_NOT_FOUND', `No mock for ${request.method} ${request.path}`);
  });
  vi.stubGlobal('fetch', fetchMock);
  const find = (method: string, path: string) => calls.filter((call) => call.method === method && call.path === path);
  return { fetchMock, calls, find };
}

/** Answers one method + path. */
export function route(method: string, path: string | RegExp, respond: (request: MockRequest) => Response | Promise<Response>): MockHandler {
  return (request) => {
    if (request.method !== method) return undefined;
    const matches = typeof path === 'string' ? request.path === path : path.test(request.path);
    return matches ? respond(request) : undefined;
  };
}

/** A browser that signed in before: the app asks the server for the session at start. */
export function returningVisitor(): void {
  window.localStorage.setItem('bdhv.session', '1');
  resetSession();
}
