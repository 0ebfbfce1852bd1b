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
import { MIME, sniffFile } from '../media/sniff';
import { COVER_DIR, COVER_TYPES, coverPath, removeCoverFile } from './cover-files';
import { CoursesService } from './courses.service';

/** Multipart framing around the file (boundaries, part headers). */
const MULTIPART_OVERHEAD = 16 * 1024;
const EXT_BY_MIME: Record<string, string> = { [MIME.jpeg]: 'jpg', [MIME.png]: 'png', [MIME.webp]: 'webp' };
const NOT_AN_IMAGE_MESSAGE = 'Ảnh bìa phải là tệp ảnh JPEG, PNG hoặc WebP.';
const TOO_LARGE_MESSAGE = `Ảnh bìa quá lớn: tối đa ${COVER_IMAGE_MAX_BYTES / (1024 * 1024)} MB.`;

/**
 * Course cover images: upload (checked by content, stored under a random name), removal, and the
 * files for the public `GET /api/covers/:file`.
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
    await this.courses.assertEditable(caller, courseId);
    if (!request.isMultipart()) {
      throw new AppException(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Hãy gửi ảnh bìa dưới dạng multipart/form-data, trong trường "file".');
    }
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
    let stored: string | null = null;
    try {
      // Over the limit, the part stream either errors (FST_REQ_FILE_TOO_LARGE) or ends truncated.
      await pipeline(part.file, fs.createWriteStream(tmp, { mode: 0o600 })).catch((err: { code?: string }) => {
        throw err?.code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge() : err;
      });
      if (part.file.truncated) throw tooLarge();
      const ext = EXT_BY_MIME[(await sniffFile(tmp)).mime];
      if (!ext) throw new AppException(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, NOT_AN_IMAGE_MESSAGE);
      stored = `${name}.${ext}`;
      await fs.promises.rename(tmp, path.join(dir, stored));
      await fs.promises.chmod(path.join(dir, stored), 0o644);
      const { detail, previousKey } = await this.courses.setCover(caller, courseId, `${COVER_DIR}/${stored}`);
      await this.removeFile(previousKey);
      return detail;
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      if (stored) await fs.promises.rm(path.join(dir, stored), { force: true });
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

function tooLarge(): AppException {
  return new AppException(413, ErrorCode.PAYLOAD_TOO_LARGE, TOO_LARGE_MESSAGE);
}
