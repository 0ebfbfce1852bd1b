import type { DetailedError, HttpRequest, HttpResponse, PreviousUpload, Upload } from 'tus-js-client';
import { apiErrorSchema } from '@bdhv/contracts';
import { getAccessToken, refreshSession } from '@/lib/session';

/** tus 1.0 (core + creation) endpoint of the API. */
export const VIDEO_UPLOAD_PATH = '/api/media/uploads';
/** Small enough to lose little on a dropped rural connection, large enough to keep requests few. */
export const VIDEO_CHUNK_SIZE = 5 * 1024 * 1024;
/** Waits before each retry of a failed request (then the upload stops and offers "continue"). */
export const VIDEO_RETRY_DELAYS = [0, 1_000, 3_000, 5_000, 10_000, 20_000, 30_000];

/**
 * Why an upload stopped:
 * - `network`: no answer (offline, connection dropped) after the retries; resumable from the offset the server holds;
 * - `rejected`: the server refused the file (not a video, too large, lesson gone…); `message` says why;
 * - `auth`: the session ended.
 */
export type VideoUploadErrorKind = 'network' | 'rejected' | 'auth';

export class VideoUploadError extends Error {
  override readonly name = 'VideoUploadError';
  readonly kind: VideoUploadErrorKind;
  readonly status: number | null;
  /** The API's own explanation (Vietnamese), when it sent one. */
  readonly serverMessage: string | null;

  constructor(init: { kind: VideoUploadErrorKind; status: number | null; serverMessage: string | null; cause?: unknown }) {
    super(init.serverMessage ?? `video upload failed (${init.kind}${init.status ? `, status ${init.status}` : ''})`, { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.serverMessage = init.serverMessage;
  }
}

export interface VideoUploadOptions {
  file: File;
  lessonId: string;
  onProgress: (bytesUploaded: number, bytesTotal: number) => void;
  /** The whole file is on the server; `mediaId` names the new media asset. */
  onSuccess: (mediaId: string) => void;
  onError: (error: VideoUploadError) => void;
}

export interface VideoUploadHandle {
  /** Stops sending; `resume` continues from where the server is. */
  pause: () => Promise<void>;
  resume: () => void;
  /** Whether this upload continues one started earlier (same file, same lesson). */
  resumed: boolean;
}

/**
 * Identifies "this file for this lesson" across page loads, so choosing the same file again
 * continues the earlier upload instead of starting over. The lesson is part of it: the server
 * ties an upload to the lesson named at creation.
 */
export function videoUploadFingerprint(file: File, lessonId: string): string {
  return ['bdhv-video', lessonId, file.name, file.type, file.size, file.lastModified].join('-');
}

/** The media id is the last segment of the upload URL (`/api/media/uploads/<id>`). */
export function mediaIdFromUploadUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const path = url.split(/[?#]/)[0] ?? '';
  const last = path.split('/').filter(Boolean).pop();
  return last ? decodeURIComponent(last) : null;
}

/** The API's error message from a tus response body (`{ statusCode, code, message, … }`). */
export function serverMessageOf(response: HttpResponse | null | undefined): string | null {
  if (!response) return null;
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(response.getBody()));
    return parsed.success ? parsed.data.message : null;
  } catch {
    return null;
  }
}

function statusOf(error: unknown): number | null {
  const response = (error as Partial<DetailedError> | null)?.originalResponse;
  return response ? response.getStatus() : null;
}

/** Classifies what tus-js-client reported after its own retries. */
export function toVideoUploadError(error: unknown): VideoUploadError {
  const status = statusOf(error);
  const response = (error as Partial<DetailedError> | null)?.originalResponse ?? null;
  const serverMessage = serverMessageOf(response);
  if (status === null || status === 0) return new VideoUploadError({ kind: 'network', status: null, serverMessage: null, cause: error });
  if (status === 401) return new VideoUploadError({ kind: 'auth', status, serverMessage, cause: error });
  // 5xx after every retry: the partial upload is still on the server, so it can be continued.
  if (status >= 500) return new VideoUploadError({ kind: 'network', status, serverMessage, cause: error });
  return new VideoUploadError({ kind: 'rejected', status, serverMessage, cause: error });
}

function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/**
 * Whether tus-js-client should try a failed request again: once after a 401 that a session refresh
 * answered, and like tus-js-client's default otherwise (no answer, 5xx, 409 offset mismatch, 423
 * locked) while the browser is online.
 */
export function shouldRetryVideoRequest(error: unknown, state: { tokenRefreshed: boolean }): boolean {
  const status = statusOf(error) ?? 0;
  if (status === 401) {
    const retry = state.tokenRefreshed;
    state.tokenRefreshed = false;
    return retry;
  }
  const clientError = status >= 400 && status < 500;
  return (!clientError || status === 409 || status === 423) && isOnline();
}

function newestFirst(uploads: PreviousUpload[]): PreviousUpload[] {
  return [...uploads].sort((a, b) => Date.parse(b.creationTime) - Date.parse(a.creationTime));
}

/**
 * Starts (or continues) a resumable video upload for a video lesson over tus. The server attaches
 * the finished upload to the lesson named in the metadata and starts processing it.
 *
 * - The bearer token is read before every request, and a 401 refreshes the session once and retries.
 * - Failed requests are retried with growing delays; after that the upload stops with an error
 *   whose `kind` tells whether continuing makes sense.
 * - An earlier upload of the same file for the same lesson (remembered in localStorage by
 *   tus-js-client) is continued from the offset the server holds.
 */
export async function startVideoUpload({ file, lessonId, onProgress, onSuccess, onError }: VideoUploadOptions): Promise<VideoUploadHandle> {
  const endpoint = new URL(VIDEO_UPLOAD_PATH, window.location.origin).href;
  const retryState = { tokenRefreshed: false };
  let mediaId: string | null = null;
  const bearer = () => {
    const token = getAccessToken();
    return token ? `Bearer ${token}` : null;
  };

  // tus-js-client (with its dependencies) is downloaded with the first upload, not with the editor.
  const { Upload: TusUpload } = await import('tus-js-client');
  const upload: Upload = new TusUpload(file, {
    endpoint,
    chunkSize: VIDEO_CHUNK_SIZE,
    retryDelays: VIDEO_RETRY_DELAYS,
    metadata: { filename: file.name, lessonId },
    // No static `headers: { Authorization }`: XMLHttpRequest appends a header set twice
    // ("Bearer a, Bearer a"), which the API refuses. onBeforeRequest sets it, once, per request.
    fingerprint: (f) => Promise.resolve(videoUploadFingerprint(f as File, lessonId)),
    storeFingerprintForResuming: true,
    // A finished upload must not be "continued" (it would report success without sending anything).
    removeFingerprintOnSuccess: true,
    // The access token is short-lived: always send the current one.
    onBeforeRequest: (request: HttpRequest) => {
      const authorization = bearer();
      if (authorization) request.setHeader('Authorization', authorization);
    },
    onAfterResponse: async (request: HttpRequest, response: HttpResponse) => {
      if (request.getMethod() === 'POST') mediaId = response.getHeader('x-media-id') ?? mediaId;
      if (response.getStatus() === 401) retryState.tokenRefreshed = (await refreshSession()) !== null;
    },
    onShouldRetry: (error) => shouldRetryVideoRequest(error, retryState),
    onUploadUrlAvailable: () => {
      mediaId ??= mediaIdFromUploadUrl(upload.url);
    },
    onProgress,
    onSuccess: () => {
      const id = mediaId ?? mediaIdFromUploadUrl(upload.url);
      if (id) onSuccess(id);
      else onError(new VideoUploadError({ kind: 'rejected', status: null, serverMessage: null }));
    },
    onError: (error) => {
      const failure = toVideoUploadError(error);
      // A refused upload cannot be continued: forget it so the next attempt starts afresh.
      if (failure.kind === 'rejected') void forgetPreviousUploads(upload);
      onError(failure);
    },
  });

  const previous = newestFirst(await upload.findPreviousUploads());
  const resumed = previous.length > 0;
  if (resumed) upload.resumeFromPreviousUpload(previous[0]!);
  upload.start();

  return {
    resumed,
    pause: () => upload.abort(false),
    resume: () => upload.start(),
  };
}

async function forgetPreviousUploads(upload: Upload): Promise<void> {
  const storage = upload.options.urlStorage;
  if (!storage) return;
  try {
    const stored = await upload.findPreviousUploads();
    await Promise.all(stored.map((entry) => storage.removeUpload(entry.urlStorageKey)));
  } catch {
    // Storage may be unavailable; the server refuses a finished or failed upload anyway.
  }
}
