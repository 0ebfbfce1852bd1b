import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CourseDetail, ErrorCode, ID_MESSAGE, isId, MediaAsset as MediaAssetDto, MediaPlayback } from '@bdhv/contracts';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppException } from '../../common/app-exception';
import { AuthUser } from '../../common/auth-user';
import { SecretsService } from '../../common/secrets.service';
import { receiveMultipartFile } from '../../common/http/multipart-upload';
import { FILE_STORAGE, FileStorage, isStorageKey, StorageLimitError, StorageNotFoundError } from '../../common/storage/file-storage';
import { LOGGER } from '../../common/tokens';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { JobContext } from '../../queue/job-map';
import { QueueService } from '../../queue/queue.service';
import { AccessPolicy } from '../../common/access/access-policy';
import { Course } from '../courses/course.entity';
import { Lesson } from '../courses/lesson.entity';
import { CoursesService } from '../courses/courses.service';
import { toDate } from '../../database/dates';
import { MediaAsset } from './media-asset.entity';
import { MIME, sniffFile } from '../../common/files/sniff';
import { signStreamToken } from './stream-token';
import { TranscodeError, transcodeToHls } from './transcode';

export const TUS_VERSION = '1.0.0';
export const NOT_A_VIDEO_MESSAGE = 'Tệp tải lên không phải là video hợp lệ. Hãy chọn một tệp video (ví dụ MP4, MOV, WebM).';
const NOT_AN_ATTACHMENT_MESSAGE = 'Chỉ nhận tài liệu PDF hoặc tài liệu văn phòng (Word, Excel, PowerPoint).';
const MAX_CAPTIONS_BYTES = 1024 * 1024;
const PROGRESS_STEP = 5;

const ATTACHMENT_EXT: Record<string, string> = {
  [MIME.pdf]: 'pdf',
  [MIME.docx]: 'docx',
  [MIME.xlsx]: 'xlsx',
  [MIME.pptx]: 'pptx',
};
const OLE_EXT = new Set(['doc', 'xls', 'ppt']);

interface UploadSidecar {
  lessonId: string | null;
}

/**
 * Lesson media: resumable video uploads (tus 1.0.0 core + creation), attachments, transcoding jobs
 * and signed playback URLs. Files are stored (FileStorage) under `media/`: uploads in progress in
 * `uploads/<id>.part`, processed output in `<id>/hls/`, captions in `<id>/captions.vtt`,
 * attachments in `<id>/attachment.<ext>`.
 */
@Injectable()
export class MediaService {
  /** Uploads with a PATCH in flight in this process (a second concurrent PATCH gets 409). */
  private readonly busy = new Set<string>();
  /** The last sweep of abandoned uploads started in this process. */
  private sweeping: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly queue: QueueService,
    private readonly secrets: SecretsService,
    private readonly courses: CoursesService,
    private readonly access: AccessPolicy,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  // ---- tus ------------------------------------------------------------------------------------

  /** tus creation: records an `uploading` asset for a course (and optionally a lesson) the caller manages. */
  async createUpload(request: FastifyRequest, caller: AuthUser): Promise<MediaAsset> {
    assertTusResumable(request);
    const rawLength = header(request, 'upload-length');
    if (rawLength === undefined || !/^\d{1,15}$/.test(rawLength)) {
      throw new AppException(400, ErrorCode.BAD_REQUEST, 'Thiếu hoặc sai tiêu đề Upload-Length (kích thước tệp).');
    }
    const length = Number(rawLength);
    if (length > this.config.media.maxBytes) throw this.tooLarge(this.config.media.maxBytes);
    if (length === 0) throw new AppException(400, ErrorCode.BAD_REQUEST, 'Tệp tải lên đang trống.');
    const meta = parseTusMetadata(header(request, 'upload-metadata') ?? '');
    let courseId = meta.courseId ?? null;
    const lessonId = meta.lessonId ?? null;
    // Checked before any lookup: on MariaDB an id with trailing bytes would find the real row.
    for (const [field, value] of [['lessonId', lessonId], ['courseId', courseId]] as const) {
      if (value !== null && !isId(value)) throw AppException.validation([{ field, message: ID_MESSAGE }]);
    }
    if (lessonId) {
      const lesson = await this.db.getRepository(Lesson).findOneBy({ id: lessonId });
      if (!lesson || (courseId && lesson.courseId !== courseId)) throw AppException.notFound('Không tìm thấy bài học trong khóa học này.');
      courseId = lesson.courseId;
      await this.assertManages(caller, courseId);
      if (lesson.type !== 'video') throw AppException.validation([{ field: 'lessonId', message: 'Chỉ bài học dạng video mới nhận tệp video.' }]);
    } else if (courseId) {
      await this.assertManages(caller, courseId);
    } else {
      throw AppException.validation([{ field: 'courseId', message: 'Hãy cho biết tệp thuộc khóa học hoặc bài học nào.' }]);
    }
    const id = randomUUID();
    const sourceKey = `media/uploads/${id}.part`;
    await this.storage.put(sourceKey, '');
    await this.storage.put(`media/uploads/${id}.json`, JSON.stringify({ lessonId } satisfies UploadSidecar));
    const asset = this.db.getRepository(MediaAsset).create({
      id,
      kind: 'video',
      status: 'uploading',
      ownerId: caller.id,
      courseId,
      originalName: cleanFileName(meta.filename, 'video'),
      mime: null,
      sizeBytes: String(length),
      sourceKey,
      hlsKey: null,
      posterKey: null,
      fallbackKey: null,
      captionsKey: null,
      durationSeconds: null,
      renditions: null,
      progress: 0,
      error: null,
    });
    await this.db.getRepository(MediaAsset).insert(asset);
    return asset;
  }

  /** tus HEAD: how much of the upload the server holds. */
  async uploadOffset(request: FastifyRequest, caller: AuthUser, id: string): Promise<{ offset: number; length: number }> {
    assertTusResumable(request);
    const asset = await this.findManaged(caller, id);
    return { offset: await this.heldBytes(asset), length: Number(asset.sizeBytes) };
  }

  /**
   * tus PATCH: appends the body at `Upload-Offset`. What arrives before a dropped connection is
   * kept, so the client resumes from the offset HEAD reports. The last byte triggers `complete`.
   */
  async appendUpload(request: FastifyRequest, caller: AuthUser, id: string): Promise<{ offset: number; asset: MediaAsset }> {
    assertTusResumable(request);
    const type = (header(request, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/offset+octet-stream') {
      throw new AppException(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Dữ liệu tải lên phải có Content-Type: application/offset+octet-stream.');
    }
    const asset = await this.findManaged(caller, id);
    if (asset.status !== 'uploading' || !asset.sourceKey) throw AppException.conflict('Tệp này đã được tải lên xong.');
    const rawOffset = header(request, 'upload-offset');
    if (rawOffset === undefined || !/^\d{1,15}$/.test(rawOffset)) throw new AppException(400, ErrorCode.BAD_REQUEST, 'Thiếu hoặc sai tiêu đề Upload-Offset.');
    if (this.busy.has(id)) throw AppException.conflict('Tệp này đang được tải lên từ một kết nối khác.');
    this.busy.add(id);
    try {
      const held = await this.heldBytes(asset);
      if (Number(rawOffset) !== held) throw AppException.conflict(`Vị trí tải tiếp không khớp: máy chủ đang có ${held} byte.`);
      const length = Number(asset.sizeBytes);
      try {
        await this.storage.append(asset.sourceKey, request.raw, { maxBytes: length - held });
      } catch (err) {
        if (err instanceof StorageLimitError) {
          throw this.tooLarge(length, 'Dữ liệu gửi lên vượt quá kích thước đã khai báo (Upload-Length).');
        }
        // A dropped connection: keep what arrived; the client resumes from HEAD's offset.
        this.logger.info({ err, assetId: id }, 'media upload interrupted');
        throw new AppException(400, ErrorCode.BAD_REQUEST, 'Tải tệp lên bị gián đoạn. Hãy tiếp tục từ vị trí máy chủ đang có.');
      }
      const offset = await this.heldBytes(asset);
      if (offset < length) return { offset, asset };
      return { offset, asset: await this.complete(caller, asset) };
    } finally {
      this.busy.delete(id);
    }
  }

  /** The whole file is here: check its content, attach it to its lesson, enqueue processing. */
  private async complete(caller: AuthUser, asset: MediaAsset): Promise<MediaAsset> {
    const repo = this.db.getRepository(MediaAsset);
    const source = asset.sourceKey!;
    const sniffed = await this.storage.withLocalFile(source, sniffFile);
    if (sniffed.kind !== 'video') {
      await this.storage.delete(source);
      await this.removeSidecar(asset.id);
      await repo.update(asset.id, { status: 'failed', mime: sniffed.mime, sourceKey: null, error: NOT_A_VIDEO_MESSAGE });
      throw new AppException(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, NOT_A_VIDEO_MESSAGE);
    }
    const sidecar = await this.readSidecar(asset.id);
    await repo.update(asset.id, { status: 'processing', mime: sniffed.mime, progress: 0, error: null });
    if (sidecar.lessonId && asset.courseId) {
      try {
        await this.courses.attachLessonMedia(caller, asset.courseId, sidecar.lessonId, () => ({ mediaId: asset.id, durationSeconds: null }));
      } catch (err) {
        // The lesson may have gone meanwhile; the asset can still be attached by the attach endpoint.
        this.logger.warn({ err, assetId: asset.id }, 'could not attach uploaded video to its lesson');
      }
    }
    await this.removeSidecar(asset.id);
    await this.enqueue(asset.id);
    return repo.findOneByOrFail({ id: asset.id });
  }

  private async enqueue(assetId: string): Promise<void> {
    try {
      await this.queue.enqueue('media.process', { assetId }, { jobId: assetId });
    } catch (err) {
      this.logger.error({ err, assetId }, 'could not enqueue media processing');
      await this.db.getRepository(MediaAsset).update(assetId, { status: 'failed', error: 'Không đưa được video vào hàng đợi xử lý. Vui lòng tải lên lại.' });
      throw new AppException(503, ErrorCode.SERVICE_UNAVAILABLE, 'Hàng đợi xử lý tạm thời không sẵn sàng. Vui lòng thử lại sau.');
    }
  }

  // ---- Processing (queue job) -----------------------------------------------------------------

  /** Idempotent: a ready (or failed, or still uploading) asset is left alone; a retry starts clean. */
  async process(assetId: string, ctx: JobContext): Promise<void> {
    const repo = this.db.getRepository(MediaAsset);
    const asset = await repo.findOneBy({ id: assetId });
    if (!asset || asset.kind !== 'video' || asset.status !== 'processing' || !asset.sourceKey) return;
    const input = asset.sourceKey;
    const outKey = `media/${asset.id}/hls`;
    await repo.update(asset.id, { progress: 0, error: null });
    let last = 0;
    let writes: Promise<unknown> = Promise.resolve();
    const onProgress = (p: number) => {
      if (p >= last + PROGRESS_STEP || (p === 100 && last < 100)) {
        last = p;
        writes = writes.then(() => repo.update(asset.id, { progress: Math.min(p, 99) })).catch(() => undefined);
      }
    };
    // ffmpeg writes into a private scratch directory; the renditions are published in one step, so
    // a transcode that dies half-way never leaves a partial ladder under the asset's key.
    const scratch = await this.storage.scratchDir();
    try {
      const outDir = path.join(scratch.path, 'hls');
      const result = await this.storage.withLocalFile(input, (file) => transcodeToHls(file, outDir, { onProgress }));
      await writes;
      await this.storage.commitDirectory(outDir, outKey);
      const duration = Math.max(1, Math.round(result.durationSeconds));
      await this.db.transaction(async (em) => {
        await em.getRepository(MediaAsset).update(asset.id, {
          status: 'ready',
          progress: 100,
          error: null,
          hlsKey: `${outKey}/${result.masterPlaylist}`,
          posterKey: `${outKey}/${result.poster}`,
          fallbackKey: `${outKey}/${result.fallbackMp4}`,
          durationSeconds: duration,
          renditions: result.renditions.map((r) => r.height).sort((a, b) => a - b),
          sourceKey: null,
        });
        await em.getRepository(Lesson).update({ mediaId: asset.id }, { durationSeconds: duration });
      });
      await this.storage.delete(input);
    } catch (err) {
      await writes;
      const hopeless = (err instanceof TranscodeError && err.reason === 'invalid_input') || err instanceof StorageNotFoundError;
      if (hopeless || ctx.attempt >= this.config.queue.attempts) {
        const message =
          err instanceof TranscodeError
            ? err.message
            : err instanceof StorageNotFoundError
              ? 'Không tìm thấy tệp video đã tải lên. Vui lòng tải video lên lại.'
              : 'Không xử lý được video: lỗi không xác định.';
        this.logger.error({ err, assetId, attempt: ctx.attempt }, 'media processing failed');
        await repo.update(asset.id, { status: 'failed', error: message, progress: 0, sourceKey: null });
        await this.storage.delete(input);
        return;
      }
      throw err;
    } finally {
      await scratch.discard();
    }
  }

  // ---- Abandoned uploads ----------------------------------------------------------------------

  /**
   * Deletes resumable uploads that received no data for MEDIA_UPLOAD_ABANDON_HOURS (the partial
   * file's modification time, or the row's creation when the file is gone), with their files, and
   * leftover upload files that have no asset at all. Idempotent and safe to run concurrently with
   * another process's sweep: a row is deleted only while still `uploading` (one winner), files are
   * removed with `force`. Sweeps in one process are serialised; uploads with a PATCH in flight in
   * this process are skipped.
   */
  sweepAbandonedUploads(now = new Date()): Promise<{ removed: number }> {
    // Sweeps in this process run one after the other.
    const run = this.sweeping.then(() => this.sweep(now));
    this.sweeping = run.catch(() => undefined);
    return run;
  }

  private async sweep(now: Date): Promise<{ removed: number }> {
    const cutoff = now.getTime() - this.config.media.uploadAbandonHours * 3600_000;
    const repo = this.db.getRepository(MediaAsset);
    const uploading = await repo.find({ select: { id: true, sourceKey: true, createdAt: true }, where: { status: 'uploading' } });
    let removed = 0;
    for (const asset of uploading) {
      if (this.busy.has(asset.id)) continue;
      const stat = asset.sourceKey && isStorageKey(asset.sourceKey) ? await this.storage.stat(asset.sourceKey) : null;
      const lastActivity = stat ? Math.max(stat.modifiedAt.getTime(), toDate(asset.createdAt)?.getTime() ?? 0) : (toDate(asset.createdAt)?.getTime() ?? 0);
      if (lastActivity >= cutoff) continue;
      const result = await repo.createQueryBuilder().delete().from(MediaAsset).where('id = :id', { id: asset.id }).andWhere("status = 'uploading'").execute();
      if (result.affected !== 1) continue;
      await this.removeUploadFiles(asset.id);
      removed++;
    }
    // Files left by an upload whose row never came to be (or is already gone).
    const orphans = new Set<string>();
    for (const object of await this.storage.list('media/uploads')) {
      const m = /^media\/uploads\/([0-9a-f-]{36})\.(part|json)$/.exec(object.key);
      if (!m || this.busy.has(m[1])) continue;
      if (object.modifiedAt.getTime() < cutoff) orphans.add(m[1]);
    }
    for (const id of orphans) {
      if (!(await repo.exists({ where: { id } }))) await this.removeUploadFiles(id);
    }
    // Staged files of uploads whose process died mid-way (they never reached a key).
    const staging = await this.storage.sweepStaging(new Date(cutoff));
    if (removed || orphans.size || staging) this.logger.info({ removed, orphanFiles: orphans.size, stagingLeftovers: staging }, 'abandoned media uploads swept');
    return { removed };
  }

  private async removeUploadFiles(id: string): Promise<void> {
    await this.storage.delete(`media/uploads/${id}.part`);
    await this.removeSidecar(id);
  }

  /** Videos left `processing` (the inline queue forgets its jobs on restart). */
  async unfinishedIds(): Promise<string[]> {
    const rows = await this.db.getRepository(MediaAsset).find({ select: { id: true }, where: { status: 'processing', kind: 'video' } });
    return rows.map((r) => r.id);
  }

  // ---- Attachments, captions, attach ----------------------------------------------------------

  /** Multipart field `file`: a PDF or office document for a course the caller manages. */
  async uploadAttachment(request: FastifyRequest, caller: AuthUser, courseId: string): Promise<MediaAssetDto> {
    await this.assertManages(caller, courseId);
    const max = this.config.media.attachmentMaxBytes;
    const { staged, fileName } = await receiveMultipartFile(request, {
      storage: this.storage,
      maxBytes: max,
      idleTimeoutMs: this.config.uploadIdleTimeoutMs,
      messages: { notMultipart: 'Hãy gửi tệp dưới dạng multipart/form-data, trong trường "file".', tooLarge: `Tệp quá lớn: tối đa ${formatBytes(max)}.`, missingFile: 'Hãy chọn một tệp.' },
    });
    const id = randomUUID();
    let key: string | null = null;
    try {
      const sniffed = await sniffFile(staged.localPath);
      if (sniffed.kind !== 'pdf' && sniffed.kind !== 'office') throw new AppException(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, NOT_AN_ATTACHMENT_MESSAGE);
      const originalName = cleanFileName(fileName, 'tai-lieu');
      const nameExt = path.extname(originalName).slice(1).toLowerCase();
      const ext = ATTACHMENT_EXT[sniffed.mime] ?? (OLE_EXT.has(nameExt) ? nameExt : 'doc');
      key = `media/${id}/attachment.${ext}`;
      const size = staged.size;
      await staged.commit(key);
      const asset = this.db.getRepository(MediaAsset).create({
        id,
        kind: 'attachment',
        status: 'ready',
        ownerId: caller.id,
        courseId,
        originalName,
        mime: STREAM_TYPES[ext] ?? sniffed.mime,
        sizeBytes: String(size),
        sourceKey: key,
        hlsKey: null,
        posterKey: null,
        fallbackKey: null,
        captionsKey: null,
        durationSeconds: null,
        renditions: null,
        progress: 100,
        error: null,
      });
      await this.db.getRepository(MediaAsset).insert(asset);
      return this.toDto(await this.db.getRepository(MediaAsset).findOneByOrFail({ id }));
    } catch (err) {
      // No row points at the file: it must not stay behind.
      if (key) await this.storage.delete(key);
      throw err;
    } finally {
      await staged.discard();
    }
  }

  /** WebVTT captions for a video the caller manages. */
  async uploadCaptions(caller: AuthUser, id: string, body: unknown): Promise<MediaAssetDto> {
    const asset = await this.findManaged(caller, id);
    if (asset.kind !== 'video') throw AppException.validation([{ field: 'captions', message: 'Chỉ video mới có phụ đề.' }]);
    if (typeof body !== 'string') throw new AppException(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Phụ đề phải là tệp WebVTT (Content-Type: text/vtt).');
    const text = body.replace(/^\uFEFF/, '');
    if (!/^WEBVTT(?:[ \t\r\n]|$)/.test(text)) throw AppException.validation([{ field: 'captions', message: 'Tệp phụ đề không đúng định dạng WebVTT (phải bắt đầu bằng "WEBVTT").' }]);
    if (Buffer.byteLength(text) > MAX_CAPTIONS_BYTES) throw this.tooLarge(MAX_CAPTIONS_BYTES);
    const key = `media/${asset.id}/captions.vtt`;
    await this.storage.put(key, text);
    await this.db.getRepository(MediaAsset).update(asset.id, { captionsKey: key });
    return this.toDto(await this.db.getRepository(MediaAsset).findOneByOrFail({ id }));
  }

  /** Sets a lesson's video (video lessons) or file (attachment lessons) to an asset of the same course. */
  async attachToLesson(caller: AuthUser, courseId: string, lessonId: string, mediaId: string): Promise<CourseDetail> {
    await this.assertManages(caller, courseId);
    const asset = await this.db.getRepository(MediaAsset).findOneBy({ id: mediaId });
    if (!asset || asset.courseId !== courseId) throw AppException.notFound('Không tìm thấy tệp trong khóa học này.');
    if (asset.status === 'failed' || asset.status === 'uploading') {
      throw AppException.validation([{ field: 'mediaId', message: asset.status === 'failed' ? `Tệp không dùng được: ${asset.error ?? ''}`.trim() : 'Tệp chưa tải lên xong.' }]);
    }
    return this.courses.attachLessonMedia(caller, courseId, lessonId, (lesson) => {
      if (lesson.type === 'video' && asset.kind === 'video') return { mediaId: asset.id, durationSeconds: asset.status === 'ready' ? asset.durationSeconds : null };
      if (lesson.type === 'attachment' && asset.kind === 'attachment') return { mediaId: asset.id, attachmentKey: asset.sourceKey };
      throw AppException.validation([{ field: 'mediaId', message: 'Loại tệp không phù hợp với loại bài học.' }]);
    });
  }

  // ---- Reading and playback ---------------------------------------------------------------------

  async get(caller: AuthUser, id: string): Promise<MediaAssetDto> {
    const asset = await this.db.getRepository(MediaAsset).findOneBy({ id });
    if (!asset || !((await this.manages(caller, asset)) || (await this.canPlay(caller, asset)))) throw this.notFound();
    return this.toDto(asset);
  }

  async playback(caller: AuthUser, id: string): Promise<MediaPlayback> {
    const asset = await this.db.getRepository(MediaAsset).findOneBy({ id });
    if (!asset || !(await this.canPlay(caller, asset))) throw this.notFound();
    if (asset.status !== 'ready') throw AppException.conflict(asset.status === 'failed' ? (asset.error ?? 'Không xử lý được video.') : 'Video đang được xử lý, vui lòng đợi.');
    const expires = Date.now() / 1000 + this.config.media.urlTtlSeconds;
    const url = (key: string | null) => (key ? this.streamUrl(asset.id, key, expires) : null);
    return {
      hlsUrl: url(asset.hlsKey),
      mp4Url: url(asset.fallbackKey),
      posterUrl: url(asset.posterKey),
      captionsUrl: url(asset.captionsKey),
      fileUrl: asset.kind === 'attachment' ? url(asset.sourceKey) : null,
      expiresAt: new Date(Math.floor(expires) * 1000).toISOString(),
    };
  }

  /**
   * Who may get playback URLs (and read the asset). Owners, co-owners and administrators of the
   * asset's course always; a learner when the media is ready, its course is published and they
   * hold an active or completed enrolment in it (withdrawn learners lose access). Strict lesson
   * order is enforced by the lesson and progress endpoints, not here.
   */
  async canPlay(user: AuthUser, asset: MediaAsset): Promise<boolean> {
    if (await this.manages(user, asset)) return true;
    if (asset.status !== 'ready' || !asset.courseId) return false;
    return this.access.studiesCourse(user, asset.courseId);
  }

  /** `/api/media/stream/<token>/<path below media/<id>/>`. */
  streamUrl(assetId: string, key: string, expiresAt: number): string {
    const prefix = `media/${assetId}/`;
    if (!key.startsWith(prefix)) throw new Error(`key ${key} outside the asset directory`);
    return `/api/media/stream/${signStreamToken(this.secrets.jwtSecret, assetId, expiresAt)}/${key.slice(prefix.length)}`;
  }

  streamToken(assetId: string, expiresAt: number): string {
    return signStreamToken(this.secrets.jwtSecret, assetId, expiresAt);
  }

  /** A stored file below an asset's key, or null when the path is not a servable file name or there is no such file. */
  async streamFile(assetId: string, relative: string): Promise<{ key: string; type: string; size: number } | null> {
    const segments = relative.split('/');
    if (segments.length === 0 || segments.length > 3) return null;
    if (!segments.every((s) => /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$/.test(s) && !s.includes('..'))) return null;
    const type = STREAM_TYPES[path.extname(relative).slice(1).toLowerCase()];
    const key = `media/${assetId}/${segments.join('/')}`;
    if (!type || !isStorageKey(key)) return null;
    const stat = await this.storage.stat(key);
    return stat ? { key, type, size: stat.size } : null;
  }

  /** The bytes of a file found by `streamFile`, or a range of them (inclusive). */
  openStreamFile(key: string, range?: { start: number; end: number }): Promise<Readable> {
    return this.storage.read(key, range);
  }

  // ---- Helpers --------------------------------------------------------------------------------

  toDto(a: MediaAsset): MediaAssetDto {
    const expires = Date.now() / 1000 + this.config.media.urlTtlSeconds;
    return {
      id: a.id,
      kind: a.kind,
      status: a.status,
      courseId: a.courseId,
      originalName: a.originalName,
      mime: a.mime,
      sizeBytes: a.sizeBytes === null ? null : Number(a.sizeBytes),
      progress: a.progress,
      error: a.error,
      durationSeconds: a.durationSeconds,
      renditions: a.renditions,
      hasCaptions: Boolean(a.captionsKey),
      posterUrl: a.posterKey ? this.streamUrl(a.id, a.posterKey, expires) : null,
      createdAt: new Date(a.createdAt).toISOString(),
      updatedAt: new Date(a.updatedAt).toISOString(),
    };
  }

  /** The course's managers manage its media; an upload not yet attached to a course belongs to its uploader (and administrators). */
  private async manages(caller: AuthUser, asset: MediaAsset): Promise<boolean> {
    if (!asset.courseId) return this.access.ownsRecord(caller, asset.ownerId);
    return this.access.managesCourse(caller, asset.courseId);
  }

  private async assertManages(caller: AuthUser, courseId: string): Promise<void> {
    const exists = await this.db.getRepository(Course).exists({ where: { id: courseId } });
    if (!exists || !(await this.access.managesCourse(caller, courseId))) throw AppException.notFound('Không tìm thấy khóa học.');
  }

  private async findManaged(caller: AuthUser, id: string): Promise<MediaAsset> {
    const asset = await this.db.getRepository(MediaAsset).findOneBy({ id });
    if (!asset || !(await this.manages(caller, asset))) throw this.notFound();
    return asset;
  }

  private async heldBytes(asset: MediaAsset): Promise<number> {
    if (asset.status !== 'uploading' || !asset.sourceKey) return Number(asset.sizeBytes ?? 0);
    return (await this.storage.stat(asset.sourceKey))?.size ?? 0;
  }

  private async readSidecar(id: string): Promise<UploadSidecar> {
    try {
      const text = await this.storage.readText(`media/uploads/${id}.json`);
      return text ? (JSON.parse(text) as UploadSidecar) : { lessonId: null };
    } catch {
      return { lessonId: null };
    }
  }

  private removeSidecar(id: string) {
    return this.storage.delete(`media/uploads/${id}.json`);
  }

  private notFound() {
    return AppException.notFound('Không tìm thấy tệp.');
  }

  private tooLarge(max: number, message?: string) {
    return new AppException(413, ErrorCode.PAYLOAD_TOO_LARGE, message ?? `Tệp quá lớn: tối đa ${formatBytes(max)}.`);
  }
}

export const STREAM_TYPES: Record<string, string> = {
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
  jpg: 'image/jpeg',
  mp4: 'video/mp4',
  vtt: 'text/vtt; charset=utf-8',
  pdf: 'application/pdf',
  docx: MIME.docx,
  xlsx: MIME.xlsx,
  pptx: MIME.pptx,
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function assertTusResumable(request: FastifyRequest): void {
  if (header(request, 'tus-resumable') !== TUS_VERSION) {
    throw new AppException(412, ErrorCode.PRECONDITION_FAILED, 'Máy chủ chỉ hỗ trợ giao thức tải lên tiếp tục tus phiên bản 1.0.0 (Tus-Resumable: 1.0.0).');
  }
}

/** `key base64,key2 base64` → { key: value }. */
export function parseTusMetadata(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    const [key, value] = pair.trim().split(' ');
    if (!key) continue;
    out[key] = value ? Buffer.from(value, 'base64').toString('utf8') : '';
  }
  return out;
}

function cleanFileName(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop()?.trim() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(-255) || fallback;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${Math.round((n / 1024 ** 3) * 10) / 10} GB`;
  if (n >= 1024 * 1024) return `${Math.round(n / 1024 ** 2)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}
