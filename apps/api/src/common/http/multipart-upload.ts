import { ErrorCode } from '@bdhv/contracts';
import Busboy, { BusboyFileStream } from '@fastify/busboy';
import type { FastifyRequest } from 'fastify';
import { AppException } from '../app-exception';
import { FileStorage, StagedUpload, StorageLimitError } from '../storage/file-storage';

/** Room for the multipart framing (boundaries, part headers) around the file itself. */
export const MULTIPART_OVERHEAD = 64 * 1024;

export interface MultipartUploadOptions {
  storage: FileStorage;
  /** Largest file accepted: 413 from the announced Content-Length, or while streaming. */
  maxBytes: number;
  /** No byte received for this long: the upload is refused (400) and discarded. */
  idleTimeoutMs: number;
  /** What the user is told; `tooLarge` and `notMultipart` name the limit and the field. */
  messages: { notMultipart: string; tooLarge: string; missingFile: string };
  /** Checks the file name as soon as the part starts (before its bytes are stored); answers the error to refuse it with. */
  checkFileName?: (fileName: string) => AppException | null;
}

export interface ReceivedFile {
  /** The file's bytes, staged: commit them under a key, or discard them. */
  staged: StagedUpload;
  /** As the browser sent it (may be empty). */
  fileName: string;
}

const interrupted = () => new AppException(400, ErrorCode.BAD_REQUEST, 'Tải tệp lên bị gián đoạn hoặc dữ liệu gửi lên không đúng định dạng. Vui lòng thử lại.');

/**
 * Receives the one file of a `multipart/form-data` request (field `file`) into staging. Every way
 * a body can go wrong ends in a 4xx in the one error shape, soon, with nothing left on disk: no
 * boundary (400), a body that ends before the closing boundary or inside the file (400, as soon
 * as it ends), a sender that stops sending (400 after `idleTimeoutMs`), a file over the limit
 * (413), a missing or misnamed field (400), more parts than a form has (400).
 *
 * Busboy is driven directly (not through a request plugin) so that every error listener is in place
 * before the first byte is parsed: errors raised while the handler was still awaiting something
 * else used to be lost, and the request hung.
 */
export function receiveMultipartFile(request: FastifyRequest, options: MultipartUploadOptions): Promise<ReceivedFile> {
  const { messages } = options;
  const contentType = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) throw new AppException(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, messages.notMultipart);
  const tooLarge = () => new AppException(413, ErrorCode.PAYLOAD_TOO_LARGE, messages.tooLarge);
  // Announced far beyond the limit: refused before anyone waits for it (slow rural connections).
  if (Number(request.headers['content-length']) > options.maxBytes + MULTIPART_OVERHEAD) throw tooLarge();
  let parser: ReturnType<typeof Busboy>;
  try {
    parser = Busboy({ headers: { ...request.headers, 'content-type': contentType }, limits: { fileSize: options.maxBytes, files: 1, fields: 10, parts: 20, fieldSize: 64 * 1024, headerPairs: 20 } });
  } catch {
    throw new AppException(400, ErrorCode.BAD_REQUEST, 'Dữ liệu multipart/form-data thiếu tham số boundary hợp lệ trong tiêu đề Content-Type.');
  }
  const raw = request.raw;

  return new Promise<ReceivedFile>((resolve, reject) => {
    let settled = false;
    let staging: Promise<StagedUpload> | null = null;
    let part: BusboyFileStream | null = null;
    let fileName = '';
    let truncated = false;
    let idle: NodeJS.Timeout | undefined;
    let ended = false;

    const stop = () => {
      clearTimeout(idle);
      raw.off('data', touch);
      raw.off('end', onEnd);
      raw.off('aborted', onGone);
      raw.off('close', onGone);
      raw.unpipe(parser);
    };
    const fail = (error: AppException) => {
      if (settled) return;
      settled = true;
      stop();
      // Whatever was staged goes: a part still streaming is cut off (staging then removes its file),
      // a finished one is discarded. The rest of the body, if any, is dropped with the connection.
      part?.destroy(new Error('upload refused'));
      void staging?.then((s) => s.discard(), () => undefined);
      parser.removeAllListeners('file');
      parser.on('error', () => undefined);
      reject(error);
    };
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => fail(new AppException(400, ErrorCode.BAD_REQUEST, `Không nhận thêm dữ liệu tải lên trong ${Math.round(options.idleTimeoutMs / 1000)} giây: tải tệp lên bị gián đoạn. Vui lòng thử lại.`)), options.idleTimeoutMs);
      idle.unref?.();
    };
    const onEnd = () => {
      ended = true;
    };
    // The sender went away before the body was complete.
    const onGone = () => {
      if (!ended) fail(interrupted());
    };

    parser.on('file', (field: string, file: BusboyFileStream, name: string) => {
      // Errors on a part ("terminated early") are handled through the staging promise below.
      file.on('error', () => undefined);
      if (field !== 'file' || staging || settled) {
        file.resume();
        return;
      }
      fileName = name ?? '';
      const refused = options.checkFileName?.(fileName);
      if (refused) {
        file.resume();
        fail(refused);
        return;
      }
      file.on('limit', () => {
        truncated = true;
      });
      part = file;
      staging = options.storage.stage(file, { maxBytes: options.maxBytes });
      staging.catch((err: unknown) => fail(err instanceof StorageLimitError ? tooLarge() : interrupted()));
    });
    const tooManyParts = () => fail(new AppException(400, ErrorCode.BAD_REQUEST, 'Biểu mẫu gửi lên có quá nhiều phần: chỉ gửi một tệp trong trường "file".'));
    parser.on('partsLimit', tooManyParts);
    parser.on('filesLimit', tooManyParts);
    parser.on('fieldsLimit', tooManyParts);
    // Malformed framing, or a body that ended before the closing boundary.
    parser.on('error', () => fail(interrupted()));
    parser.on('finish', () => {
      if (settled) return;
      if (!staging) {
        fail(AppException.validation([{ field: 'file', message: messages.missingFile }], messages.missingFile));
        return;
      }
      staging.then(
        (staged) => {
          if (settled) return void staged.discard();
          if (truncated) {
            fail(tooLarge());
            void staged.discard();
            return;
          }
          settled = true;
          stop();
          resolve({ staged, fileName });
        },
        () => undefined, // handled by the catch above
      );
    });

    raw.pipe(parser);
    raw.on('data', touch);
    raw.once('end', onEnd);
    raw.once('aborted', onGone);
    raw.once('close', onGone);
    touch();
  });
}
