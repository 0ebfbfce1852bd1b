import type { CourseDetail, LessonDetail } from '@bdhv/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeMe, makeSession, mockApi, route } from '@/test/api-mock';
import { jsonResponse, renderWithProviders } from '@/test/render';
import { course, COURSE_ID, LESSON_VIDEO, media, MEDIA_ID } from '../testing/fixtures';
import { startVideoUpload, VideoUploadError, type VideoUploadHandle, type VideoUploadOptions } from '../upload/tus-video-upload';
import { resetVideoUploads } from '../upload/video-upload-store';
import { CourseEditor } from './course-editor';
import { VideoLessonPanel } from './video-lesson-panel';

vi.mock('../upload/tus-video-upload', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../upload/tus-video-upload')>()),
  startVideoUpload: vi.fn(),
}));

const NOT_A_VIDEO = 'Tệp tải lên không phải là video hợp lệ. Hãy chọn một tệp video (ví dụ MP4, MOV, WebM).';

function videoLesson(detail: CourseDetail): LessonDetail {
  return detail.modules[0]!.lessons.find((l) => l.id === LESSON_VIDEO)!;
}

function withVideo(mediaId: string | null): CourseDetail {
  const detail = course();
  return { ...detail, modules: detail.modules.map((m) => ({ ...m, lessons: m.lessons.map((l) => (l.id === LESSON_VIDEO ? { ...l, mediaId } : l)) })) };
}

function renderPanel(detail: CourseDetail) {
  return renderWithProviders(<VideoLessonPanel course={detail} lesson={videoLesson(detail)} readOnly={false} />, {
    session: makeSession(makeMe({ roles: ['trainer'] })),
  });
}

function fakeUpload() {
  let options: VideoUploadOptions | null = null;
  const handle: VideoUploadHandle = { resumed: false, pause: vi.fn(async () => undefined), resume: vi.fn() };
  vi.mocked(startVideoUpload).mockImplementation(async (given) => {
    options = given;
    return handle;
  });
  return { handle, options: () => options! };
}

/** jsdom's Blob has no text(). */
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

const videoFile = () => new File([new Uint8Array(2048)], 'bai-giang.mp4', { type: 'video/mp4' });

describe('VideoLessonPanel', () => {
  beforeEach(() => vi.mocked(startVideoUpload).mockReset());
  afterEach(() => resetVideoUploads());

  it('polls a processing video until it is ready, then shows its qualities and poster', async () => {
    let polls = 0;
    const stages = [
      media({ status: 'processing', progress: 40 }),
      media({ status: 'ready', progress: 100, durationSeconds: 16, renditions: [240, 360, 720], posterUrl: '/api/media/stream/tok/hls/poster.jpg' }),
    ];
    const api = mockApi(route('GET', `/api/media/${MEDIA_ID}`, () => jsonResponse(stages[Math.min(polls++, stages.length - 1)])));
    renderPanel(withVideo(MEDIA_ID));

    const processing = await screen.findByRole('progressbar', { name: 'Tiến độ xử lý video' });
    expect(processing).toHaveAttribute('aria-valuenow', '40');
    expect(screen.getByText('Đang xử lý')).toBeInTheDocument();

    // Polled every 2 s while processing.
    expect(await screen.findByText('Sẵn sàng', {}, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByText('240p · 360p · 720p')).toBeInTheDocument();
    expect(screen.getByText('0:16')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Khung hình đại diện của video' })).toHaveAttribute('src', '/api/media/stream/tok/hls/poster.jpg');
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Chọn tệp phụ đề (.vtt)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Thay video' })).toBeInTheDocument();

    const pollsWhenReady = api.find('GET', `/api/media/${MEDIA_ID}`).length;
    await new Promise((resolve) => setTimeout(resolve, 2300));
    expect(api.find('GET', `/api/media/${MEDIA_ID}`)).toHaveLength(pollsWhenReady);
  }, 10_000);

  it('shows why processing failed and offers to upload again', async () => {
    mockApi(route('GET', `/api/media/${MEDIA_ID}`, () => jsonResponse(media({ status: 'failed', progress: 0, error: 'Không đọc được luồng hình của tệp.' }))));
    const { user } = renderPanel(withVideo(MEDIA_ID));

    expect(await screen.findByText('Xử lý thất bại')).toBeInTheDocument();
    const alert = screen.getByRole('alert', { name: 'Không xử lý được video' });
    expect(within(alert).getByText('Không đọc được luồng hình của tệp.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Tải lên lại' }));
    await waitFor(() => expect(screen.getByLabelText('Chọn tệp video')).toHaveFocus());
    expect(screen.getByRole('button', { name: 'Giữ video hiện tại' })).toBeInTheDocument();
  });

  it('uploads WebVTT captions for a ready video as text/vtt', async () => {
    const ready = media({ status: 'ready', progress: 100, durationSeconds: 16, renditions: [240, 360] });
    const api = mockApi(
      route('GET', `/api/media/${MEDIA_ID}`, () => jsonResponse(ready)),
      route('POST', `/api/media/${MEDIA_ID}/captions`, () => jsonResponse({ ...ready, hasCaptions: true })),
    );
    const { user } = renderPanel(withVideo(MEDIA_ID));
    expect(await screen.findByText('Chưa có phụ đề')).toBeInTheDocument();

    const vtt = 'WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào\n';
    await user.upload(screen.getByLabelText('Chọn tệp phụ đề (.vtt)'), new File([vtt], 'phu-de.vtt', { type: 'text/vtt' }));

    expect(await screen.findByText('Đã có phụ đề')).toBeInTheDocument();
    expect(screen.getByText('Đã tải phụ đề lên.')).toBeInTheDocument();
    const sent = api.find('POST', `/api/media/${MEDIA_ID}/captions`)[0]!;
    expect(sent.headers.get('Content-Type')).toBe('text/vtt');
    expect(sent.headers.get('Authorization')).toBe('Bearer access-1');
    const body = sent.init?.body as Blob;
    expect(body).toBeInstanceOf(Blob);
    expect(await readBlob(body)).toBe(vtt);
  });

  it('checks the file type before uploading', async () => {
    mockApi();
    renderPanel(withVideo(null));
    // The picker's `accept` is only a hint: a browser (or a test) can still hand over any file.
    fireEvent.change(screen.getByLabelText('Chọn tệp video'), { target: { files: [new File(['x'], 'ghi-chu.txt', { type: 'text/plain' })] } });
    expect(await screen.findByText('Tệp này không phải video. Hãy chọn tệp MP4, MOV hoặc WebM.')).toBeInTheDocument();
    expect(startVideoUpload).not.toHaveBeenCalled();
  });

  it('shows upload progress in percent and bytes, then the server’s refusal of a disguised file', async () => {
    const upload = fakeUpload();
    mockApi();
    const { user } = renderPanel(withVideo(null));

    await user.upload(screen.getByLabelText('Chọn tệp video'), videoFile());
    await waitFor(() => expect(startVideoUpload).toHaveBeenCalledOnce());
    expect(vi.mocked(startVideoUpload).mock.calls[0]![0]).toMatchObject({ lessonId: LESSON_VIDEO });

    upload.options().onProgress(1024, 2048);
    const bar = await screen.findByRole('progressbar', { name: 'Tiến độ tải lên' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '50'));
    expect(bar).toHaveAttribute('aria-valuetext', '1 KB / 2 KB (50%)');
    expect(screen.getByText('Đang tải lên…')).toBeInTheDocument();
    expect(screen.getByText('bai-giang.mp4')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Tạm dừng' }));
    expect(upload.handle.pause).toHaveBeenCalledOnce();
    expect(await screen.findByText('Đã tạm dừng tải lên.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Tiếp tục tải lên' }));
    expect(upload.handle.resume).toHaveBeenCalledOnce();

    upload.options().onError(new VideoUploadError({ kind: 'rejected', status: 415, serverMessage: NOT_A_VIDEO }));
    const alert = await screen.findByRole('alert', { name: 'Tải video lên không thành công' });
    expect(within(alert).getByText(NOT_A_VIDEO)).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Tải lên lại' }));
    expect(await screen.findByLabelText('Chọn tệp video')).toBeInTheDocument();
  });

  it('after the last byte, finds the video on the lesson and follows its processing', async () => {
    const upload = fakeUpload();
    let uploaded = false;
    const api = mockApi(
      route('GET', `/api/media/${MEDIA_ID}`, () => jsonResponse(media({ status: 'processing', progress: 10 }))),
      // The server attaches the finished upload to the lesson itself.
      route('GET', `/api/courses/${COURSE_ID}`, () => jsonResponse(withVideo(uploaded ? MEDIA_ID : null))),
    );
    const { user } = renderWithProviders(
      <CourseEditor courseId={COURSE_ID} backHref="/giang-day" previewHref={() => '/xem-truoc'} onDeleted={() => undefined} canAssign={false} unitOptions={[]} />,
      { path: `/giang-day/khoa-hoc/${COURSE_ID}?tab=noi-dung&bai=${LESSON_VIDEO}`, session: makeSession(makeMe({ roles: ['trainer'] })) },
    );
    await user.upload(await screen.findByLabelText('Chọn tệp video'), videoFile());
    await waitFor(() => expect(startVideoUpload).toHaveBeenCalledOnce());

    upload.options().onProgress(2048, 2048);
    expect(await screen.findByRole('progressbar', { name: 'Tiến độ tải lên' })).toHaveAttribute('aria-valuenow', '100');
    uploaded = true;
    upload.options().onSuccess(MEDIA_ID);

    const processing = await screen.findByRole('progressbar', { name: 'Tiến độ xử lý video' });
    expect(processing).toHaveAttribute('aria-valuenow', '10');
    expect(screen.queryByRole('progressbar', { name: 'Tiến độ tải lên' })).not.toBeInTheDocument();
    expect(screen.queryByText('Chưa có video')).not.toBeInTheDocument();
    expect(api.find('POST', `/api/courses/${COURSE_ID}/lessons/${LESSON_VIDEO}/media`)).toHaveLength(0);
  });

  it('attaches the video itself when the server could not', async () => {
    const upload = fakeUpload();
    const api = mockApi(
      route('GET', `/api/media/${MEDIA_ID}`, () => jsonResponse(media({ status: 'processing', progress: 0 }))),
      route('GET', `/api/courses/${COURSE_ID}`, () => jsonResponse(withVideo(null))),
      route('POST', `/api/courses/${COURSE_ID}/lessons/${LESSON_VIDEO}/media`, () => jsonResponse(withVideo(MEDIA_ID))),
    );
    const { user } = renderPanel(withVideo(null));
    await user.upload(screen.getByLabelText('Chọn tệp video'), videoFile());
    await waitFor(() => expect(startVideoUpload).toHaveBeenCalledOnce());
    upload.options().onSuccess(MEDIA_ID);

    await waitFor(() => expect(api.find('POST', `/api/courses/${COURSE_ID}/lessons/${LESSON_VIDEO}/media`)).toHaveLength(1));
    expect(api.find('POST', `/api/courses/${COURSE_ID}/lessons/${LESSON_VIDEO}/media`)[0]!.json).toEqual({ mediaId: MEDIA_ID });
  });
});
