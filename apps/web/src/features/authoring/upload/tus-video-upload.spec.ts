import type { HttpRequest, HttpResponse, PreviousUpload, UploadOptions } from 'tus-js-client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { makeSession, mockApi, route } from '@/test/api-mock';
import { jsonResponse } from '@/test/render';
import {
  mediaIdFromUploadUrl,
  shouldRetryVideoRequest,
  startVideoUpload,
  toVideoUploadError,
  VIDEO_CHUNK_SIZE,
  videoUploadFingerprint,
  type VideoUploadOptions,
} from './tus-video-upload';

// tus-js-client itself is replaced: these tests cover what the wrapper decides around it.
const tus = vi.hoisted(() => {
  const removeUpload = vi.fn(async () => undefined);
  const state = { previous: [] as unknown[], instances: [] as FakeUpload[] };
  class FakeUpload {
    url: string | null = null;
    file: File;
    options: Record<string, unknown>;
    findPreviousUploads = vi.fn(async () => state.previous);
    resumeFromPreviousUpload = vi.fn((previous: { uploadUrl: string | null }) => {
      this.url = previous.uploadUrl;
    });
    start = vi.fn();
    abort = vi.fn(async () => undefined);
    constructor(file: File, options: Record<string, unknown>) {
      this.file = file;
      this.options = { urlStorage: { removeUpload }, ...options };
      state.instances.push(this);
    }
  }
  return { FakeUpload, state, removeUpload };
});

vi.mock('tus-js-client', () => ({ Upload: tus.FakeUpload }));

const LESSON = '42000000-0000-4000-8000-000000000001';
const NOT_A_VIDEO = 'Tệp tải lên không phải là video hợp lệ. Hãy chọn một tệp video (ví dụ MP4, MOV, WebM).';

function request(method: string): HttpRequest & { headers: Map<string, string> } {
  const headers = new Map<string, string>();
  return {
    headers,
    getMethod: () => method,
    getURL: () => '/api/media/uploads',
    setHeader: (name, value) => void headers.set(name, value),
    getHeader: (name) => headers.get(name),
    setProgressHandler: () => undefined,
    send: async () => response(200),
    abort: async () => undefined,
    getUnderlyingObject: () => null,
  };
}

function response(status: number, headers: Record<string, string> = {}, body = ''): HttpResponse {
  return { getStatus: () => status, getHeader: (name) => headers[name.toLowerCase()], getBody: () => body, getUnderlyingObject: () => null };
}

/** What tus-js-client reports: a DetailedError with the request and (maybe) the response. */
function detailedError(res: HttpResponse | null) {
  return Object.assign(new Error('tus: failed'), { originalRequest: request('PATCH'), originalResponse: res, causingError: null });
}

function previousUpload(creationTime: string, uploadUrl: string): PreviousUpload {
  return { size: 10, metadata: {}, creationTime, urlStorageKey: `tus::${uploadUrl}`, uploadUrl, parallelUploadUrls: null };
}

async function start(overrides: Partial<VideoUploadOptions> = {}) {
  const callbacks = { onProgress: vi.fn(), onSuccess: vi.fn(), onError: vi.fn() };
  const file = new File(['video bytes'], 'bai-giang.mp4', { type: 'video/mp4', lastModified: 1_700_000_000_000 });
  const handle = await startVideoUpload({ file, lessonId: LESSON, ...callbacks, ...overrides });
  const upload = tus.state.instances.at(-1)!;
  return { handle, upload, options: upload.options as UploadOptions, callbacks, file };
}

describe('startVideoUpload', () => {
  beforeEach(() => {
    tus.state.instances.length = 0;
    tus.state.previous = [];
    tus.removeUpload.mockClear();
    setSession(makeSession(undefined, 'access-1'));
  });

  it('creates a tus upload for the lesson in 5 MiB chunks, with retries and the bearer token on each request', async () => {
    const { upload, options, file, handle } = await start();

    expect(upload.file).toBe(file);
    expect(options.endpoint).toBe(`${window.location.origin}/api/media/uploads`);
    expect(options.chunkSize).toBe(VIDEO_CHUNK_SIZE);
    expect(VIDEO_CHUNK_SIZE).toBe(5 * 1024 * 1024);
    expect(options.retryDelays?.length).toBeGreaterThan(3);
    expect(options.metadata).toEqual({ filename: 'bai-giang.mp4', lessonId: LESSON });
    // Set per request (below), never also as a static header: XHR would send it twice.
    expect(options.headers?.Authorization).toBeUndefined();
    const req = request('POST');
    await options.onBeforeRequest!(req);
    expect(req.headers.get('Authorization')).toBe('Bearer access-1');
    expect(options.removeFingerprintOnSuccess).toBe(true);
    // The same file for another lesson is another upload.
    expect(await options.fingerprint!(file, options)).toBe(videoUploadFingerprint(file, LESSON));
    expect(videoUploadFingerprint(file, LESSON)).not.toBe(videoUploadFingerprint(file, 'another-lesson'));
    expect(upload.resumeFromPreviousUpload).not.toHaveBeenCalled();
    expect(upload.start).toHaveBeenCalledOnce();
    expect(handle.resumed).toBe(false);
  });

  it('sends the current access token with every request', async () => {
    const { options } = await start();
    setSession(makeSession(undefined, 'access-2'));
    const req = request('PATCH');
    await options.onBeforeRequest!(req);
    expect(req.headers.get('Authorization')).toBe('Bearer access-2');
  });

  it('continues the newest earlier upload of the same file', async () => {
    tus.state.previous = [
      previousUpload('2026-03-01T08:00:00.000Z', 'http://localhost/api/media/uploads/old'),
      previousUpload('2026-03-02T08:00:00.000Z', 'http://localhost/api/media/uploads/newest'),
    ];
    const { upload, handle, options, callbacks } = await start();

    expect(upload.resumeFromPreviousUpload).toHaveBeenCalledWith(expect.objectContaining({ uploadUrl: 'http://localhost/api/media/uploads/newest' }));
    expect(upload.start).toHaveBeenCalledOnce();
    expect(handle.resumed).toBe(true);
    // No creation request: the media id is the upload URL's last segment.
    options.onUploadUrlAvailable!();
    options.onSuccess!({ lastResponse: response(204) });
    expect(callbacks.onSuccess).toHaveBeenCalledWith('newest');
  });

  it('reports the media id from the creation response', async () => {
    const { options, callbacks, upload } = await start();
    await options.onAfterResponse!(request('POST'), response(201, { 'x-media-id': 'media-from-header', location: '/api/media/uploads/media-from-header' }));
    upload.url = 'http://localhost/api/media/uploads/media-from-header';
    options.onUploadUrlAvailable!();
    options.onProgress!(5, 10);
    options.onSuccess!({ lastResponse: response(204) });
    expect(callbacks.onProgress).toHaveBeenCalledWith(5, 10);
    expect(callbacks.onSuccess).toHaveBeenCalledWith('media-from-header');
  });

  it('pauses and resumes the same upload', async () => {
    const { upload, handle } = await start();
    await handle.pause();
    expect(upload.abort).toHaveBeenCalledWith(false);
    handle.resume();
    expect(upload.start).toHaveBeenCalledTimes(2);
  });

  it('a disguised non-video (415 at the last PATCH) is refused with the server’s words and forgotten', async () => {
    tus.state.previous = [previousUpload('2026-03-02T08:00:00.000Z', 'http://localhost/api/media/uploads/bad')];
    const { options, callbacks } = await start();
    const body = JSON.stringify({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: NOT_A_VIDEO, requestId: 'req-1' });

    options.onError!(detailedError(response(415, {}, body)));

    expect(callbacks.onError).toHaveBeenCalledOnce();
    const error = callbacks.onError.mock.calls[0]![0];
    expect(error).toMatchObject({ kind: 'rejected', status: 415, serverMessage: NOT_A_VIDEO });
    // The next attempt must start afresh, not "continue" a refused upload.
    await vi.waitFor(() => expect(tus.removeUpload).toHaveBeenCalledWith('tus::http://localhost/api/media/uploads/bad'));
  });

  it('keeps a network failure resumable', async () => {
    const { options, callbacks } = await start();
    options.onError!(detailedError(null));
    expect(callbacks.onError.mock.calls[0]![0]).toMatchObject({ kind: 'network', status: null });
    expect(tus.removeUpload).not.toHaveBeenCalled();
  });

  it('refreshes the session after a 401 and retries once', async () => {
    mockApi(route('POST', '/api/auth/refresh', () => jsonResponse(makeSession(undefined, 'access-refreshed'))));
    const { options } = await start();

    await options.onAfterResponse!(request('PATCH'), response(401));
    expect(options.onShouldRetry!(detailedError(response(401)) as never, 0, options)).toBe(true);
    const req = request('PATCH');
    await options.onBeforeRequest!(req);
    expect(req.headers.get('Authorization')).toBe('Bearer access-refreshed');
    // A second 401 without a new refresh is final.
    expect(options.onShouldRetry!(detailedError(response(401)) as never, 1, options)).toBe(false);
  });
});

describe('upload error handling helpers', () => {
  it('retries what may succeed later and not what the server refused', () => {
    const state = { tokenRefreshed: false };
    expect(shouldRetryVideoRequest(detailedError(null), state)).toBe(true);
    expect(shouldRetryVideoRequest(detailedError(response(500)), state)).toBe(true);
    expect(shouldRetryVideoRequest(detailedError(response(409)), state)).toBe(true);
    expect(shouldRetryVideoRequest(detailedError(response(415)), state)).toBe(false);
    expect(shouldRetryVideoRequest(detailedError(response(413)), state)).toBe(false);
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    expect(shouldRetryVideoRequest(detailedError(null), state)).toBe(false);
    online.mockRestore();
  });

  it('classifies failures', () => {
    expect(toVideoUploadError(detailedError(response(503)))).toMatchObject({ kind: 'network', status: 503 });
    expect(toVideoUploadError(detailedError(response(401)))).toMatchObject({ kind: 'auth' });
    expect(toVideoUploadError(detailedError(response(413, {}, 'not json')))).toMatchObject({ kind: 'rejected', status: 413, serverMessage: null });
    expect(toVideoUploadError(new Error('tus: no file'))).toMatchObject({ kind: 'network' });
  });

  it('reads the media id from the upload URL', () => {
    expect(mediaIdFromUploadUrl('http://localhost/api/media/uploads/abc-123')).toBe('abc-123');
    expect(mediaIdFromUploadUrl('/api/media/uploads/abc-123?x=1')).toBe('abc-123');
    expect(mediaIdFromUploadUrl(null)).toBeNull();
  });
});
