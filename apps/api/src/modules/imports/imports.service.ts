import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, foldVietnamese, IMPORT_COLUMNS, ImportJob as ImportJobDto, PaginationQuery } from '@bdhv/contracts';
import * as ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, FindOptionsWhere, MoreThan } from 'typeorm';
import { AppException } from '../../common/app-exception';
import { AuthUser } from '../../common/auth-user';
import { AccessPolicy } from '../../common/access/access-policy';
import { receiveMultipartFile } from '../../common/http/multipart-upload';
import { FILE_STORAGE, FileStorage } from '../../common/storage/file-storage';
import { SecretsService } from '../../common/secrets.service';
import { LOGGER } from '../../common/tokens';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { QueueService } from '../../queue/queue.service';
import { AuditService } from '../audit/audit.service';
import { ImportJob } from './import-job.entity';
import { ImportRejection } from './import-rejection.entity';
import { ImportFileError, ImportFileKind, inspectImportFile, kindFromFileName } from './import-file';

const FILE_MISSING = 'Hãy chọn một tệp CSV hoặc Excel (.xlsx) để tải lên.';
/** Rejected rows read per query while the report streams out. */
const REPORT_PAGE = 1000;

export interface ImportReport {
  fileName: string;
  /** UTF-8 with a byte-order mark (Excel then shows Vietnamese correctly), CRLF line ends. */
  chunks: AsyncIterable<Buffer>;
}

@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
    private readonly secrets: SecretsService,
    private readonly access: AccessPolicy,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  /**
   * Stores the uploaded file (after checking its content), records a queued import and enqueues
   * its job. The rows are read by the job, not here.
   */
  async upload(request: FastifyRequest, caller: AuthUser): Promise<ImportJobDto> {
    let kind: ImportFileKind | null = null;
    const { staged, fileName: sentName } = await receiveMultipartFile(request, {
      storage: this.storage,
      maxBytes: this.config.importMaxBytes,
      idleTimeoutMs: this.config.uploadIdleTimeoutMs,
      messages: {
        notMultipart: 'Hãy gửi tệp dưới dạng multipart/form-data, trong trường "file".',
        tooLarge: this.tooLargeMessage(),
        missingFile: FILE_MISSING,
      },
      // Refused by its name before a byte of it is stored.
      checkFileName: (name) => {
        kind = kindFromFileName(cleanFileName(name));
        return kind ? null : new AppException(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Chỉ nhận tệp CSV (.csv) hoặc Excel (.xlsx).');
      },
    });
    const fileName = cleanFileName(sentName);
    const id = randomUUID();
    const storageKey = `imports/${id}.${kind!}`;
    try {
      await inspectImportFile(staged.localPath, kind!);
      await staged.commit(storageKey);
    } catch (err) {
      if (err instanceof ImportFileError) {
        if (err.problem === 'type' || err.problem === 'encoding') throw new AppException(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, err.message);
        throw AppException.validation([{ field: 'file', message: err.message }], err.message);
      }
      throw err;
    } finally {
      await staged.discard();
    }

    const job = this.db.getRepository(ImportJob).create({
      id,
      fileName,
      storageKey,
      status: 'queued',
      totalRows: 0,
      processedRows: 0,
      created: 0,
      updated: 0,
      rejected: 0,
      error: null,
      createdById: caller.id,
      // Set here (with milliseconds) rather than by the database, so "newest first" is exact.
      createdAt: new Date(),
      startedAt: null,
      finishedAt: null,
    });
    try {
      await this.db.transaction(async (em) => {
        await em.getRepository(ImportJob).insert(job);
        await this.audit.record(
          {
            actorId: caller.id,
            action: 'import.started',
            targetType: 'import',
            targetId: id,
            summary: `Tải lên tệp «${fileName}» để nhập danh sách cán bộ`,
            ip: request.ip,
            details: { fileName, format: kind },
          },
          em,
        );
      });
    } catch (err) {
      // No row points at the file: it must not stay behind.
      await this.storage.delete(storageKey);
      throw err;
    }
    try {
      await this.queue.enqueue('imports.run', { importId: id }, { jobId: id });
    } catch (err) {
      this.logger.error({ err, importId: id }, 'could not enqueue import');
      await this.db
        .getRepository(ImportJob)
        .update({ id }, { status: 'failed', error: 'Không đưa được việc nhập vào hàng đợi. Vui lòng thử lại sau.', finishedAt: new Date() });
      throw new AppException(503, ErrorCode.SERVICE_UNAVAILABLE, 'Hàng đợi xử lý tạm thời không sẵn sàng. Vui lòng thử lại sau.');
    }
    return toImportJobDto(job);
  }

  /** Newest first. Unit managers see their own imports; administrators see all. */
  async list(caller: AuthUser, query: PaginationQuery) {
    const [rows, total] = await this.db.getRepository(ImportJob).findAndCount({
      where: this.visibleTo(caller),
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items: rows.map(toImportJobDto), page: query.page, pageSize: query.pageSize, total };
  }

  async get(caller: AuthUser, id: string): Promise<ImportJobDto> {
    return toImportJobDto(await this.findVisible(caller, id));
  }

  /** Row number, reason, then the row's original columns; read page by page as it is sent. */
  async report(caller: AuthUser, id: string): Promise<ImportReport> {
    const job = await this.findVisible(caller, id);
    const rejections = this.db.getRepository(ImportRejection);
    const secrets = this.secrets;
    async function* chunks(): AsyncGenerator<Buffer> {
      yield Buffer.from('\uFEFF', 'utf8');
      yield await csvRows([['Dòng', 'Lý do', ...IMPORT_COLUMNS]]);
      let after = 0;
      for (;;) {
        const page = await rejections.find({
          where: { importId: job.id, rowNumber: MoreThan(after) },
          order: { rowNumber: 'ASC' },
          take: REPORT_PAGE,
        });
        if (!page.length) return;
        yield await csvRows(
          page.map((r) => [
            String(r.rowNumber),
            r.reason,
            ...IMPORT_COLUMNS.map((c) => defuseFormula(c === 'citizen_id' ? unseal(secrets, r.data[c]) : (r.data[c] ?? ''))),
          ]),
        );
        after = page[page.length - 1].rowNumber;
        if (page.length < REPORT_PAGE) return;
      }
    }
    return { fileName: reportFileName(job.fileName), chunks: chunks() };
  }

  private visibleTo(caller: AuthUser): FindOptionsWhere<ImportJob> {
    const creatorId = this.access.ownRecordsFilter(caller);
    return creatorId === null ? {} : { createdById: creatorId };
  }

  /** Someone else's import answers 404, as if it did not exist. */
  private async findVisible(caller: AuthUser, id: string): Promise<ImportJob> {
    const job = await this.db.getRepository(ImportJob).findOneBy({ ...this.visibleTo(caller), id });
    if (!job) throw AppException.notFound('Không tìm thấy lượt nhập dữ liệu này.');
    return job;
  }

  private tooLargeMessage(): string {
    const mb = Math.round((this.config.importMaxBytes / 1024 / 1024) * 10) / 10;
    return `Tệp vượt quá dung lượng cho phép (${mb} MB). Hãy chia nhỏ tệp rồi tải lên lần lượt.`;
  }
}

export function toImportJobDto(job: ImportJob): ImportJobDto {
  return {
    id: job.id,
    fileName: job.fileName,
    status: job.status,
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    created: job.created,
    updated: job.updated,
    rejected: job.rejected,
    error: job.error,
    createdAt: new Date(job.createdAt).toISOString(),
    finishedAt: job.finishedAt ? new Date(job.finishedAt).toISOString() : null,
  };
}

/** Browsers send a bare name; some old ones a whole path. Keep the last segment, bounded. */
function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop()?.trim() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(-255) || 'tep-nhap';
}

function reportFileName(fileName: string): string {
  const base = foldVietnamese(fileName.replace(/\.(csv|xlsx)$/i, ''))
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'nhap-du-lieu'}-dong-bi-tu-choi.csv`;
}

/** CSV through exceljs's writer (fast-csv): quoting and escaping done by a library, CRLF rows. */
async function csvRows(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('report');
  for (const row of rows) sheet.addRow(row);
  const out = await workbook.csv.writeBuffer({ formatterOptions: { rowDelimiter: '\r\n', includeEndRowDelimiter: true } });
  return Buffer.from(out);
}

/**
 * A cell starting with = @ or a sign followed by letters would run as a formula when the report
 * is opened in a spreadsheet; a leading apostrophe keeps it text. Phone numbers (+84…) stay as they are.
 */
function defuseFormula(value: string): string {
  return /^[=@\t\r]/.test(value) || /^[+-][^\d\s]/.test(value) ? `'${value}` : value;
}

function unseal(secrets: SecretsService, sealed: string | undefined): string {
  if (!sealed) return '';
  try {
    return secrets.decrypt(sealed);
  } catch {
    return '';
  }
}
