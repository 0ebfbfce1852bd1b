import { Inject, Injectable } from '@nestjs/common';
import { COVER_IMAGE_MAX_BYTES, CourseDetail, ErrorCode } from '@bdhv/contracts';
import type { FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { AppException } from '../../common/app-exception';
import { AuthUser } from '../../common/auth-user';
import { LOGGER } from '../../common/tokens';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { MIME, sniffFile } from '../../common/files/sniff';
import { COVER_DIR, COVER_TYPES, coverPath, coverUrlOf, removeCoverFile } from './cover-files';
import { CoursesService } from './courses.service';

/** Multipart framing around the file (boundaries, part headers). */
const MULTIPART_OVERHEAD = 16 * 1024;
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
  ) {}

  /** Multipart field `file`. Replaces the previous cover, whose file is deleted after the commit. */
  async upload(request: FastifyRequest, caller: AuthUser, courseId: string): Promise<CourseDetail> {
    const stored = await this.store(request, caller, courseId, 'cover');
    try {
      const { detail, previousKey } = await this.courses.setCover(caller, courseId, `${COVER_DIR}/${stored}`);
      await this.removeFile(previousKey);
      return detail;
    } catch (err) {
      await fs.promises.rm(path.join(this.config.storageDir, COVER_DIR, stored), { force: true });
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

  /** Streams the multipart image to a temporary file, checks its content and moves it to its random name. */
  private async store(request: FastifyRequest, caller: AuthUser, courseId: string, purpose: ImagePurpose): Promise<string> {
    const messages = MESSAGES[purpose];
    await this.courses.assertEditable(caller, courseId);
    if (!request.isMultipart()) throw new AppException(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, messages.notMultipart);
    const tooLarge = () => new AppException(413, ErrorCode.PAYLOAD_TOO_LARGE, messages.tooLarge);
    if (Number(request.headers['content-length']) > COVER_IMAGE_MAX_BYTES + MULTIPART_OVERHEAD) throw tooLarge();
    const part = await request.file({ limits: { fileSize: COVER_IMAGE_MAX_BYTES } });
    if (!part || part.fieldname !== 'file') {
      part?.file.resume();
      throw AppException.validation([{ field: 'file', message: 'Hãy chọn một ảnh.' }]);
    }
    const dir = path.join(this.config.storageDir, COVER_DIR);
    await fs.promises.mkdir(dir, { recursive: true });
    const name = randomBytes(16).toString('hex');
    const tmp = path.join(dir, `${name}.upload`);
    try {
      // Over the limit, the part stream either errors (FST_REQ_FILE_TOO_LARGE) or ends truncated.
      await pipeline(part.file, fs.createWriteStream(tmp, { mode: 0o600 })).catch((err: { code?: string }) => {
        throw err?.code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge() : err;
      });
      if (part.file.truncated) throw tooLarge();
      const ext = EXT_BY_MIME[(await sniffFile(tmp)).mime];
      if (!ext) throw new AppException(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, messages.notAnImage);
      const stored = `${name}.${ext}`;
      await fs.promises.rename(tmp, path.join(dir, stored));
      await fs.promises.chmod(path.join(dir, stored), 0o644);
      return stored;
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
  }

  async remove(caller: AuthUser, courseId: string): Promise<CourseDetail> {
    const { detail, previousKey } = await this.courses.setCover(caller, courseId, null);
    await this.removeFile(previousKey);
    return detail;
  }

  /** The file behind `/api/covers/<file>`, or null (unknown name or no such file). */
  async file(file: string): Promise<{ path: string; type: string; size: number } | null> {
    const target = coverPath(this.config.storageDir, file);
    if (!target) return null;
    const stat = await fs.promises.stat(target).catch(() => null);
    if (!stat?.isFile()) return null;
    return { path: target, type: COVER_TYPES[path.extname(file).slice(1)], size: stat.size };
  }

  private async removeFile(key: string | null): Promise<void> {
    if (!(await removeCoverFile(this.config.storageDir, key))) this.logger.warn({ key }, 'could not delete a replaced cover image');
  }
}
