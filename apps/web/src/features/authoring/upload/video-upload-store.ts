import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { startVideoUpload, VideoUploadError, type VideoUploadHandle } from './tus-video-upload';

/**
 * - `starting`: looking for an earlier upload of the same file and creating or resuming it;
 * - `uploading`, `paused`: bytes are (not) being sent;
 * - `finishing`: the file is on the server; making sure the lesson points at it;
 * - `error`: stopped; `error.kind` tells whether continuing makes sense.
 */
export type VideoUploadPhase = 'starting' | 'uploading' | 'paused' | 'finishing' | 'error';

export interface VideoUploadState {
  lessonId: string;
  phase: VideoUploadPhase;
  fileName: string;
  bytesUploaded: number;
  bytesTotal: number;
  /** Continues an upload begun earlier (another visit, same file). */
  resumed: boolean;
  error: VideoUploadError | null;
}

/** Runs after the bytes are all sent, e.g. to check the lesson points at the new media. */
export type VideoUploadFinisher = (mediaId: string) => Promise<void>;

interface Entry {
  state: VideoUploadState;
  file: File;
  finish: VideoUploadFinisher;
  handle: VideoUploadHandle | null;
}

/**
 * Uploads in progress, by lesson. They live outside React so that opening another lesson (or tab
 * of the editor) does not stop an upload, and coming back shows its progress.
 */
const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

function update(lessonId: string, change: Partial<VideoUploadState>): void {
  const entry = entries.get(lessonId);
  if (!entry) return;
  entry.state = { ...entry.state, ...change };
  emit();
}

export function subscribeVideoUploads(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getVideoUpload(lessonId: string): VideoUploadState | null {
  return entries.get(lessonId)?.state ?? null;
}

/** Whether any upload is still sending or about to (leaving the page would interrupt it). */
export function hasActiveVideoUploads(): boolean {
  for (const entry of entries.values()) {
    if (entry.state.phase === 'starting' || entry.state.phase === 'uploading' || entry.state.phase === 'finishing') return true;
  }
  return false;
}

async function run(lessonId: string): Promise<void> {
  const entry = entries.get(lessonId);
  if (!entry) return;
  update(lessonId, { phase: 'starting', error: null });
  try {
    entry.handle = await startVideoUpload({
      file: entry.file,
      lessonId,
      onProgress: (bytesUploaded, bytesTotal) => {
        if (entries.get(lessonId) !== entry || entry.state.phase === 'paused') return;
        update(lessonId, { phase: 'uploading', bytesUploaded, bytesTotal });
      },
      onSuccess: (mediaId) => {
        if (entries.get(lessonId) !== entry) return;
        update(lessonId, { phase: 'finishing', bytesUploaded: entry.file.size });
        entry
          .finish(mediaId)
          .then(() => {
            if (entries.get(lessonId) !== entry) return;
            entries.delete(lessonId);
            emit();
          })
          .catch((error: unknown) => {
            const failure = new VideoUploadError({ kind: 'rejected', status: null, serverMessage: error instanceof Error ? error.message : null, cause: error });
            update(lessonId, { phase: 'error', error: failure });
          });
      },
      onError: (error) => {
        if (entries.get(lessonId) !== entry) return;
        update(lessonId, { phase: 'error', error });
      },
    });
    if (entries.get(lessonId) !== entry) return;
    update(lessonId, entry.state.phase === 'starting' ? { phase: 'uploading', resumed: entry.handle.resumed } : { resumed: entry.handle.resumed });
  } catch (error) {
    // Loading tus-js-client, reading the resume storage or constructing the upload failed before any request.
    update(lessonId, { phase: 'error', error: new VideoUploadError({ kind: 'network', status: null, serverMessage: null, cause: error }) });
  }
}

/** Starts uploading `file` as the lesson's video (replacing an upload that stopped with an error). */
export function startLessonVideoUpload(lessonId: string, file: File, finish: VideoUploadFinisher): void {
  const current = entries.get(lessonId);
  if (current && current.state.phase !== 'error') return;
  entries.set(lessonId, {
    file,
    finish,
    handle: null,
    state: { lessonId, phase: 'starting', fileName: file.name, bytesUploaded: 0, bytesTotal: file.size, resumed: false, error: null },
  });
  emit();
  void run(lessonId);
}

export async function pauseLessonVideoUpload(lessonId: string): Promise<void> {
  const entry = entries.get(lessonId);
  if (!entry?.handle || entry.state.phase !== 'uploading') return;
  update(lessonId, { phase: 'paused' });
  await entry.handle.pause();
}

/** Continues a paused upload, or one a network failure stopped, from the offset the server holds. */
export function resumeLessonVideoUpload(lessonId: string): void {
  const entry = entries.get(lessonId);
  if (!entry) return;
  const stoppedByNetwork = entry.state.phase === 'error' && entry.state.error?.kind === 'network';
  if (entry.handle && (entry.state.phase === 'paused' || stoppedByNetwork)) {
    // The same tus upload asks the server for its offset and sends the rest.
    update(lessonId, { phase: 'uploading', error: null });
    entry.handle.resume();
  } else if (stoppedByNetwork) {
    void run(lessonId);
  }
}

/** Forgets a stopped upload (after an error, to choose another file). */
export function dismissLessonVideoUpload(lessonId: string): void {
  const entry = entries.get(lessonId);
  if (!entry) return;
  void entry.handle?.pause();
  entries.delete(lessonId);
  emit();
}

/** Tests only. */
export function resetVideoUploads(): void {
  for (const entry of entries.values()) void entry.handle?.pause();
  entries.clear();
  emit();
}

export function useVideoUpload(lessonId: string) {
  const state = useSyncExternalStore(
    subscribeVideoUploads,
    () => getVideoUpload(lessonId),
    () => getVideoUpload(lessonId),
  );
  const pause = useCallback(() => void pauseLessonVideoUpload(lessonId), [lessonId]);
  const resume = useCallback(() => resumeLessonVideoUpload(lessonId), [lessonId]);
  const dismiss = useCallback(() => dismissLessonVideoUpload(lessonId), [lessonId]);
  const start = useCallback((file: File, finish: VideoUploadFinisher) => startLessonVideoUpload(lessonId, file, finish), [lessonId]);
  return { state, start, pause, resume, dismiss };
}

/**
 * While an upload runs: the browser asks before the page is closed or reloaded, and an upload
 * stopped by a lost connection continues when the browser is back online.
 */
export function useVideoUploadLifecycle(): void {
  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasActiveVideoUploads()) return;
      event.preventDefault();
      // Older browsers need a return value to show the prompt.
      event.returnValue = '';
    };
    const online = () => {
      for (const entry of entries.values()) {
        if (entry.state.phase === 'error' && entry.state.error?.kind === 'network') resumeLessonVideoUpload(entry.state.lessonId);
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      window.removeEventListener('online', online);
    };
  }, []);
}
