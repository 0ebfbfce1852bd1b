import { afterEach, describe, expect, it, vi } from 'vitest';
import { startVideoUpload, VideoUploadError, type VideoUploadHandle, type VideoUploadOptions } from './tus-video-upload';
import {
  dismissLessonVideoUpload,
  getVideoUpload,
  hasActiveVideoUploads,
  pauseLessonVideoUpload,
  resetVideoUploads,
  resumeLessonVideoUpload,
  startLessonVideoUpload,
} from './video-upload-store';

vi.mock('./tus-video-upload', async (importOriginal) => ({ ...(await importOriginal<typeof import('./tus-video-upload')>()), startVideoUpload: vi.fn() }));

const LESSON = 'lesson-1';

function fakeUpload(resumed = false) {
  let callbacks: VideoUploadOptions | null = null;
  const handle: VideoUploadHandle = { resumed, pause: vi.fn(async () => undefined), resume: vi.fn() };
  vi.mocked(startVideoUpload).mockImplementation(async (options) => {
    callbacks = options;
    return handle;
  });
  return { handle, callbacks: () => callbacks! };
}

const file = new File(['0123456789'], 'bai-giang.mp4', { type: 'video/mp4' });

describe('video upload store', () => {
  afterEach(() => resetVideoUploads());

  it('follows an upload to the end and forgets it once the lesson has its video', async () => {
    const upload = fakeUpload();
    let finishWith: (() => void) | null = null;
    const finish = vi.fn((mediaId: string) => {
      void mediaId;
      return new Promise<void>((resolve) => (finishWith = resolve));
    });
    startLessonVideoUpload(LESSON, file, finish);
    expect(getVideoUpload(LESSON)).toMatchObject({ phase: 'starting', fileName: 'bai-giang.mp4', bytesTotal: 10 });
    expect(hasActiveVideoUploads()).toBe(true);
    await vi.waitFor(() => expect(getVideoUpload(LESSON)?.phase).toBe('uploading'));
    expect(vi.mocked(startVideoUpload).mock.calls[0]![0]).toMatchObject({ file, lessonId: LESSON });

    upload.callbacks().onProgress(4, 10);
    expect(getVideoUpload(LESSON)).toMatchObject({ phase: 'uploading', bytesUploaded: 4 });

    upload.callbacks().onSuccess('media-1');
    expect(getVideoUpload(LESSON)?.phase).toBe('finishing');
    expect(finish).toHaveBeenCalledWith('media-1');
    finishWith!();
    await vi.waitFor(() => expect(getVideoUpload(LESSON)).toBeNull());
    expect(hasActiveVideoUploads()).toBe(false);
  });

  it('pauses and continues the same tus upload', async () => {
    const upload = fakeUpload();
    startLessonVideoUpload(LESSON, file, vi.fn(async () => undefined));
    await vi.waitFor(() => expect(getVideoUpload(LESSON)?.phase).toBe('uploading'));

    await pauseLessonVideoUpload(LESSON);
    expect(upload.handle.pause).toHaveBeenCalledOnce();
    expect(getVideoUpload(LESSON)?.phase).toBe('paused');
    // Late progress events do not undo the pause.
    upload.callbacks().onProgress(6, 10);
    expect(getVideoUpload(LESSON)?.phase).toBe('paused');

    resumeLessonVideoUpload(LESSON);
    expect(upload.handle.resume).toHaveBeenCalledOnce();
    expect(getVideoUpload(LESSON)?.phase).toBe('uploading');
  });

  it('continues after a lost connection, but not after a refusal', async () => {
    const upload = fakeUpload();
    startLessonVideoUpload(LESSON, file, vi.fn(async () => undefined));
    await vi.waitFor(() => expect(getVideoUpload(LESSON)?.phase).toBe('uploading'));

    upload.callbacks().onError(new VideoUploadError({ kind: 'network', status: null, serverMessage: null }));
    expect(getVideoUpload(LESSON)).toMatchObject({ phase: 'error', error: { kind: 'network' } });
    expect(hasActiveVideoUploads()).toBe(false);
    resumeLessonVideoUpload(LESSON);
    expect(upload.handle.resume).toHaveBeenCalledOnce();
    expect(getVideoUpload(LESSON)).toMatchObject({ phase: 'uploading', error: null });

    upload.callbacks().onError(new VideoUploadError({ kind: 'rejected', status: 415, serverMessage: 'Không phải video.' }));
    resumeLessonVideoUpload(LESSON);
    expect(upload.handle.resume).toHaveBeenCalledOnce();
    expect(getVideoUpload(LESSON)).toMatchObject({ phase: 'error', error: { serverMessage: 'Không phải video.' } });

    dismissLessonVideoUpload(LESSON);
    expect(getVideoUpload(LESSON)).toBeNull();
  });

  it('reports a finishing step that fails', async () => {
    const upload = fakeUpload();
    startLessonVideoUpload(LESSON, file, () => Promise.reject(new Error('Tệp không dùng được: lỗi xử lý.')));
    await vi.waitFor(() => expect(getVideoUpload(LESSON)?.phase).toBe('uploading'));
    upload.callbacks().onSuccess('media-1');
    await vi.waitFor(() => expect(getVideoUpload(LESSON)).toMatchObject({ phase: 'error', error: { kind: 'rejected', serverMessage: 'Tệp không dùng được: lỗi xử lý.' } }));
  });
});
