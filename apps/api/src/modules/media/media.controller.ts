import { Body, Controller, Get, Head, HttpCode, Options, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { attachLessonMediaSchema, attachmentUploadQuerySchema, ErrorCode, MediaAsset, MediaPlayback } from '@bdhv/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { AppException } from '../../common/app-exception';
import { AuthUser, CurrentUser, Roles } from '../../common/auth-user';
import { Public } from '../../common/public.decorator';
import { SecretsService } from '../../common/secrets.service';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Inject } from '@nestjs/common';
import { MediaService, TUS_VERSION } from './media.service';
import { STREAM_TOKEN_PATTERN, verifyStreamToken } from './stream-token';
import { Consumes, PathParams } from '../../common/http/route-options';

class AttachLessonMediaDto extends createZodDto(attachLessonMediaSchema) {}
class AttachmentUploadQueryDto extends createZodDto(attachmentUploadQuerySchema) {}

/**
 * Resumable video uploads, tus 1.0.0 (core + creation). Creation metadata: `filename`, and
 * `lessonId` (a video lesson) or `courseId`. The final PATCH answers 415 when the content is not a video.
 */
@ApiTags('media')
@Roles('trainer', 'admin')
@Controller('media/uploads')
export class MediaUploadsController {
  constructor(
    private readonly media: MediaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Options()
  @HttpCode(204)
  options(@Res({ passthrough: true }) reply: FastifyReply): void {
    reply.header('tus-resumable', TUS_VERSION).header('tus-version', TUS_VERSION).header('tus-extension', 'creation').header('tus-max-size', String(this.config.media.maxBytes));
  }

  @Post()
  @HttpCode(201)
  async create(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentUser() user: AuthUser): Promise<void> {
    const asset = await this.media.createUpload(request, user);
    reply.header('tus-resumable', TUS_VERSION).header('location', `/api/media/uploads/${asset.id}`).header('upload-offset', '0').header('x-media-id', asset.id);
  }

  @Head(':id')
  @HttpCode(200)
  async offset(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    const { offset, length } = await this.media.uploadOffset(request, user, id);
    reply.header('tus-resumable', TUS_VERSION).header('upload-offset', String(offset)).header('upload-length', String(length)).header('cache-control', 'no-store');
  }

  @Patch(':id')
  @HttpCode(204)
  @Consumes('application/offset+octet-stream')
  @ApiBody({ description: 'The next bytes of the file, from Upload-Offset.', schema: { type: 'string', format: 'binary' } })
  async append(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    const { offset, asset } = await this.media.appendUpload(request, user, id);
    reply.header('tus-resumable', TUS_VERSION).header('upload-offset', String(offset)).header('x-media-status', asset.status);
  }
}

@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(
    private readonly media: MediaService,
    private readonly secrets: SecretsService,
  ) {}

  /** Multipart field `file`: a PDF or office document (≤ ATTACHMENT_MAX_BYTES) for `?courseId=`. */
  @Post('attachments')
  @Roles('trainer', 'admin')
  @Consumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  attachment(@Req() request: FastifyRequest, @CurrentUser() user: AuthUser, @Query() query: AttachmentUploadQueryDto): Promise<MediaAsset> {
    return this.media.uploadAttachment(request, user, query.courseId);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<MediaAsset> {
    return this.media.get(user, id);
  }

  @Get(':id/playback')
  playback(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<MediaPlayback> {
    return this.media.playback(user, id);
  }

  /** Body: the WebVTT file, `Content-Type: text/vtt`. */
  @Post(':id/captions')
  @HttpCode(200)
  @Consumes('text/vtt')
  @ApiBody({ description: 'The WebVTT file.', schema: { type: 'string' } })
  @Roles('trainer', 'admin')
  captions(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown): Promise<MediaAsset> {
    return this.media.uploadCaptions(user, id, body);
  }

  /**
   * Files of a processed asset. Public, but the signed token in the path names the asset and
   * expires; only known file types below the asset's directory are served.
   */
  @Public()
  @Get('stream/:token/*')
  @PathParams({ token: STREAM_TOKEN_PATTERN })
  async stream(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const assetId = verifyStreamToken(this.secrets.jwtSecret, token);
    if (!assetId) throw AppException.unauthenticated('Liên kết phát đã hết hạn hoặc không hợp lệ. Hãy tải lại trang.');
    const relative = (request.params as Record<string, string>)['*'] ?? '';
    const target = await this.media.streamFile(assetId, relative);
    if (!target) throw AppException.notFound('Không tìm thấy tệp.');
    const ext = target.key.slice(target.key.lastIndexOf('.') + 1);
    reply.header('content-type', target.type);
    reply.header('cache-control', ext === 'm3u8' ? 'private, max-age=60' : ext === 'ts' ? 'public, max-age=31536000, immutable' : 'private, max-age=86400');
    reply.header('accept-ranges', 'bytes');
    const range = parseRange(request.headers.range, target.size);
    if (range === 'invalid') {
      reply.header('content-range', `bytes */${target.size}`);
      throw new AppException(416, ErrorCode.RANGE_NOT_SATISFIABLE, 'Đoạn dữ liệu yêu cầu nằm ngoài tệp.');
    }
    if (range) {
      reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${target.size}`).header('content-length', String(range.end - range.start + 1));
      await reply.send(await this.media.openStreamFile(target.key, range));
      return;
    }
    reply.header('content-length', String(target.size));
    await reply.send(await this.media.openStreamFile(target.key));
  }
}

@ApiTags('media')
@Roles('trainer', 'admin')
@Controller('courses/:courseId/lessons/:lessonId/media')
export class LessonMediaController {
  constructor(private readonly media: MediaService) {}

  /** Attaches an uploaded asset of the same course to the lesson (video → video lesson, file → attachment lesson). */
  @Post()
  @HttpCode(200)
  attach(@CurrentUser() user: AuthUser, @Param('courseId') courseId: string, @Param('lessonId') lessonId: string, @Body() body: AttachLessonMediaDto) {
    return this.media.attachToLesson(user, courseId, lessonId, body.mediaId);
  }
}

/** One `bytes=a-b` range (or a suffix `bytes=-n`); multiple ranges are answered whole. */
export function parseRange(value: string | undefined, size: number): { start: number; end: number } | 'invalid' | null {
  if (!value) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'invalid';
  return { start, end };
}
