import { Inject, Injectable } from '@nestjs/common';
import { COVER_IMAGE_MAX_BYTES, CourseDetail, ErrorCode } from '@bdhv/contracts';
import type { FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import { AppException } from '../../common/app-exception';
import { AuthUser } from '../../common/auth-user';
import { receiveMultipartFile } from '../../common/http/multipart-upload';
import { FILE_STORAGE, FileStorage } from '../../common/storage/file-storage';
import { LOGGER } from '../../common/tokens';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { MIME, sniffFile } from '../../common/files/sniff';
import { COVER_DIR, COVER_TYPES, coverFileOf, coverKeyOf, coverUrlOf } from './cover-files';
import { CoursesService } from './courses.service';

const EXT_BY_MIME: Record<string, string> = { [MIME.jpeg]: 'jpg', [MIME.png]: 'png', [MIME.webp]: 'webp' };
const MAX_MB = COVER_IMAGE_MAX_BYTES / (1024 * 1024);
/** What the trainer is told, for a cover and for a picture inside a text lesson. */
const MESSAGES = {
  cover: { notAnImage: 'Ảnh bìa phải là tệp ảnh JPEG, PNG hoặc WebP.', tooLarge: `Ảnh bìa quá lớn: tối đa ${MAX_MB} MB.`, notMultipart: 'Hãy gửi ảnh bìa dưới dạng multipart/form-data, trong trường "file".' },
  lesson: { notAnImage: 'Hình ảnh phải là tệp JPEG, PNG hoặc WebP.', tooLarge: `Hình ảnh quá lớn: tối đa ${MAX_MB} MB.`, notMultipart: 'Hãy gửi hình ảnh dưới dạng multipart/form-data, trong trường "file".' },
} as const;
type ImagePurpose = keyof typeof MESSAGES;

/**
 * Course images: covers and the pictures of text lessons. Uploads are checked by content and stored
 * under a random name; covers can be replaced and removed; the files are served by the public
 * `GET /api/covers/:file`.
 */
@Injectable()
export class CourseCoversService {
  constructor(
    private readonly courses: CoursesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  /** Multipart field `file`. Replaces the previous cover, whose file is deleted after the commit. */
  async upload(request: FastifyRequest, caller: AuthUser, courseId: string): Promise<CourseDetail> {
    const stored = await this.store(request, caller, courseId, 'cover');
    try {
      const { detail, previousKey } = await this.courses.setCover(caller, courseId, `${COVER_DIR}/${stored}`);
      await this.removeFile(previousKey);
      return detail;
    } catch (err) {
      await this.storage.delete(`${COVER_DIR}/${stored}`);
      throw err;
    }
  }

  /**
   * A picture for a text lesson of a course the caller may edit (multipart field `file`). Answers
   * its public URL, which the rich-text editor puts in an `<img>`. The file is kept as long as the
   * storage: lesson HTML may point at it from several lessons or revisions.
   */
  async uploadLessonImage(request: FastifyRequest, caller: AuthUser, courseId: string): Promise<{ url: string }> {
    const stored = await this.store(request, caller, courseId, 'lesson');
    return { url: coverUrlOf(`${COVER_DIR}/${stored}`)! };
  }

  /** Receives the multipart image into staging, checks its content and publishes it under its random name. */
  private async store(request: FastifyRequest, caller: AuthUser, courseId: string, purpose: ImagePurpose): Promise<string> {
    const messages = MESSAGES[purpose];
    await this.courses.assertEditable(caller, courseId);
    const { staged } = await receiveMultipartFile(request, {
      storage: this.storage,
      maxBytes: COVER_IMAGE_MAX_BYTES,
      idleTimeoutMs: this.config.uploadIdleTimeoutMs,
      messages: { notMultipart: messages.notMultipart, tooLarge: messages.tooLarge, missingFile: 'Hãy chọn một ảnh.' },
    });
    try {
      const ext = EXT_BY_MIME[(await sniffFile(staged.localPath)).mime];
      if (!ext) throw new AppException(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, messages.notAnImage);
      const stored = `${randomBytes(16).toString('hex')}.${ext}`;
      await staged.commit(`${COVER_DIR}/${stored}`);
      return stored;
    } finally {
      await staged.discard();
    }
  }

  async remove(caller: AuthUser, courseId: string): Promise<CourseDetail> {
    const { detail, previousKey } = await this.courses.setCover(caller, courseId, null);
    await this.removeFile(previousKey);
    return detail;
  }

  /** The image behind `/api/covers/<file>`, or null (unknown name or no such file). */
  async file(file: string): Promise<{ stream: Readable; type: string; size: number } | null> {
    const key = coverKeyOf(file);
    const stat = key ? await this.storage.stat(key) : null;
    if (!key || !stat) return null;
    return { stream: await this.storage.read(key), type: COVER_TYPES[file.slice(file.lastIndexOf('.') + 1)], size: stat.size };
  }

  /** Deletes a replaced or removed cover. Never throws: a leftover file is not worth failing the request that replaced it. */
  private async removeFile(key: string | null): Promise<void> {
    const file = key ? coverFileOf(key) : null;
    if (!file) return;
    await this.storage.delete(`${COVER_DIR}/${file}`).catch((err: unknown) => this.logger.warn({ key, err }, 'could not delete a replaced cover image'));
  }
}
