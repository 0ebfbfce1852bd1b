import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, EntityManager, FindOptionsWhere, In } from 'typeorm';
import { AccessPolicy, Caller } from '../../common/access/access-policy';
import { CallerStateService } from '../../common/access/caller-state.service';
import { SecretsService } from '../../common/secrets.service';
import { FILE_STORAGE, FileStorage, StorageNotFoundError } from '../../common/storage/file-storage';
import { LOGGER } from '../../common/tokens';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { JobContext, JobPayloads } from '../../queue/job-map';
import { AuditService } from '../audit/audit.service';
import { userSearchText } from '../users/user-search';
import { OrgUnit } from '../org-units/org-unit.entity';
import { User } from '../users/user.entity';
import { Memberships, NewUser, UserStore } from '../users/user-store.service';
import { ImportJob } from './import-job.entity';
import { ImportRejection } from './import-rejection.entity';
import { ImportFileError, ImportFileKind, noDataRows, RawRow, readImportRows } from './import-file';
import { CheckedRow, checkRow, CleanRow, InFileDuplicates, UnitRef } from './import-row';

/** Why a row naming an account outside the uploader's subtree is refused: the same words whatever matched. */
export const OUT_OF_SCOPE_REASON = 'Không thể dùng số điện thoại, email hoặc số định danh cá nhân này trong phạm vi quản lý của bạn. Hãy liên hệ quản trị viên.';

/** Rows written per transaction; progress becomes visible after each batch. */
export const IMPORT_BATCH_SIZE = 200;

/** The import cannot go on (its file or its uploader's rights are gone): fail it, do not retry. */
class ImportAbort extends Error {}
/** Another run of the same import committed first: this one stops without touching anything. */
class ConcurrentRun extends Error {}

interface Counters {
  processed: number;
  created: number;
  updated: number;
  rejected: number;
}

export interface BatchOutcome {
  created: number;
  updated: number;
  rejected: number;
}

export interface RunScope {
  /** The uploader as the access policy sees them now (current roles and unit, not those of the upload). */
  uploader: Caller;
  unitsById: Map<string, UnitRef>;
  /** Accounts already matched by an earlier row of this file (user id → row number). */
  touched: Map<string, number>;
  /** Accounts this batch moved to another unit: their caller state is refreshed after the commit. */
  moved: string[];
}

type MatchedUser = Pick<User, 'id' | 'fullName' | 'phone' | 'email' | 'orgUnitId' | 'position' | 'citizenIdHash'> & Memberships;

/**
 * Runs one import: validates every row, then creates or updates accounts in batches. Each batch's
 * writes and the import's counters commit in one transaction, so a retried job resumes after the
 * last committed batch and nothing is counted (or created) twice.
 */
@Injectable()
export class ImportRunnerService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly secrets: SecretsService,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly callers: CallerStateService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly users: UserStore,
  ) {}

  async run(payload: JobPayloads['imports.run'], ctx: JobContext): Promise<void> {
    const job = await this.db.getRepository(ImportJob).findOneBy({ id: payload.importId });
    if (!job) {
      this.logger.warn({ importId: payload.importId }, 'import job not found; nothing to run');
      return;
    }
    // A redelivered job for a finished import changes nothing.
    if (job.status === 'completed' || job.status === 'failed') return;
    try {
      await this.storage.withLocalFile(job.storageKey, (filePath) => this.process(job, filePath)).catch((err: unknown) => {
        throw err instanceof StorageNotFoundError ? new ImportAbort('Không tìm thấy tệp đã tải lên. Vui lòng tải tệp lên lại.') : err;
      });
    } catch (err) {
      if (err instanceof ImportFileError || err instanceof ImportAbort) {
        await this.fail(job.id, err.message);
        return;
      }
      if (err instanceof ConcurrentRun) {
        this.logger.warn({ importId: job.id }, 'another run of this import is progressing; this one stops');
        return;
      }
      // Transient (database, disk): the queue retries and the run resumes. After the last attempt,
      // say so instead of leaving the import "running" forever.
      if (ctx.attempt >= this.config.queue.attempts) {
        await this.fail(job.id, 'Lỗi hệ thống khi nhập dữ liệu; các dòng đã ghi vẫn được giữ. Vui lòng tải tệp lên lại.').catch(() => undefined);
      }
      throw err;
    }
  }

  /** Imports left unfinished (the inline queue forgets jobs when the process restarts). */
  unfinishedImportIds(): Promise<string[]> {
    return this.db
      .getRepository(ImportJob)
      .find({ where: { status: In(['queued', 'running']) }, select: { id: true }, order: { createdAt: 'ASC' } })
      .then((rows) => rows.map((r) => r.id));
  }

  private async process(job: ImportJob, filePath: string): Promise<void> {
    const uploader = await this.uploader(job.createdById);
    const kind: ImportFileKind = job.storageKey.endsWith('.xlsx') ? 'xlsx' : 'csv';
    const jobs = this.db.getRepository(ImportJob);

    if (job.status === 'queued') {
      // A first streaming pass gives the total for the progress bar and finds unreadable files
      // before anything is written.
      let total = 0;
      for await (const _row of readImportRows(filePath, kind)) total++;
      if (total === 0) throw noDataRows();
      await jobs.update({ id: job.id, status: 'queued' }, { status: 'running', totalRows: total, startedAt: new Date() });
    }
    const current = await jobs.findOneByOrFail({ id: job.id });
    if (current.status !== 'running') return;

    const units = await this.db.getRepository(OrgUnit).find({ select: { id: true, code: true, path: true, active: true } });
    const unitRefs: UnitRef[] = units.map((u) => ({ id: u.id, code: u.code, path: u.path, active: Boolean(u.active) }));
    const rules = { unitsByCode: new Map(unitRefs.map((u) => [u.code.toUpperCase(), u])), unitAllowed: (unitPath: string) => this.access.unitAssignmentRefusal(uploader, unitPath) === null };
    const scope: RunScope = { uploader, unitsById: new Map(unitRefs.map((u) => [u.id, u])), touched: new Map(), moved: [] };

    let counters: Counters = { processed: current.processedRows, created: current.created, updated: current.updated, rejected: current.rejected };
    // Rows up to processedRows were committed by an earlier attempt: they are only re-checked, so
    // that duplicates later in the file are still recognised.
    const skip = current.processedRows;
    const duplicates = new InFileDuplicates();
    let index = 0;
    let batch: CheckedRow[] = [];
    for await (const row of readImportRows(filePath, kind)) {
      let checked = checkRow(row, rules);
      if (checked.ok) {
        const dupes = duplicates.check(checked.row);
        if (dupes.length) checked = { ok: false, rowNumber: row.rowNumber, raw: row.raw, reasons: dupes };
      }
      if (++index <= skip) continue;
      batch.push(checked);
      if (batch.length >= IMPORT_BATCH_SIZE) {
        counters = await this.commitBatch(job.id, counters, batch, scope);
        batch = [];
      }
    }
    if (batch.length) counters = await this.commitBatch(job.id, counters, batch, scope);
    await this.complete(current, counters);
  }

  private async commitBatch(importId: string, before: Counters, batch: CheckedRow[], scope: RunScope): Promise<Counters> {
    scope.moved = [];
    const after = await this.db.transaction(async (em) => {
      const outcome = await this.writeBatch(em, importId, batch, scope);
      const after: Counters = {
        processed: before.processed + batch.length,
        created: before.created + outcome.created,
        updated: before.updated + outcome.updated,
        rejected: before.rejected + outcome.rejected,
      };
      // Guarded by the previous count: if another run of this import committed in between, this
      // batch rolls back instead of counting (and writing) twice.
      const result = await em
        .createQueryBuilder()
        .update(ImportJob)
        .set({ processedRows: after.processed, created: after.created, updated: after.updated, rejected: after.rejected })
        .where('id = :id AND processedRows = :prev AND status = :status', { id: importId, prev: before.processed, status: 'running' })
        .execute();
      if (result.affected !== 1) throw new ConcurrentRun();
      return after;
    });
    await this.callers.invalidate(scope.moved);
    return after;
  }

  /**
   * Writes one batch inside the caller's transaction: matches every valid row against existing
   * accounts with one query (phone, email or citizen-ID hash IN the batch's values), inserts the
   * new accounts in one statement, updates the changed ones and records the rejected rows.
   */
  async writeBatch(em: EntityManager, importId: string, batch: CheckedRow[], scope: RunScope): Promise<BatchOutcome> {
    const rejections: { rowNumber: number; raw: RawRow; reasons: string[] }[] = [];
    const valid: { row: CleanRow; citizenIdHash: string | null }[] = [];
    for (const c of batch) {
      if (c.ok) valid.push({ row: c.row, citizenIdHash: c.row.citizenId ? this.secrets.lookupHash(c.row.citizenId) : null });
      else rejections.push({ rowNumber: c.rowNumber, raw: c.raw, reasons: c.reasons });
    }

    const existing = await this.findMatches(em, valid);
    const pathOf = (u: MatchedUser) => scope.unitsById.get(u.orgUnitId)?.path ?? '';
    const byPhone = new Map<string, MatchedUser>();
    const byEmail = new Map<string, MatchedUser>();
    const byCitizen = new Map<string, MatchedUser>();
    for (const u of existing) {
      if (u.phone) byPhone.set(u.phone, u);
      if (u.email) byEmail.set(u.email.toLowerCase(), u);
      if (u.citizenIdHash) byCitizen.set(u.citizenIdHash, u);
    }

    const inserts: NewUser[] = [];
    let updated = 0;
    for (const { row, citizenIdHash } of valid) {
      const matches = new Map<string, MatchedUser>();
      for (const u of [row.phone && byPhone.get(row.phone), row.email && byEmail.get(row.email), citizenIdHash && byCitizen.get(citizenIdHash)]) {
        if (u) matches.set(u.id, u);
      }
      const reject = (reason: string) => rejections.push({ rowNumber: row.rowNumber, raw: row.raw, reasons: [reason] });
      // Scope first, with one reason whatever the match: the report must not tell a unit manager
      // that an account outside their subtree exists, nor whether a citizen ID belongs to it.
      if ([...matches.values()].some((u) => !this.access.inUnitScope(scope.uploader, pathOf(u)))) {
        reject(OUT_OF_SCOPE_REASON);
        continue;
      }
      if (matches.size > 1) {
        reject('Số điện thoại, email hoặc số định danh cá nhân thuộc về nhiều tài khoản khác nhau; hãy kiểm tra lại thông tin.');
        continue;
      }
      const user = [...matches.values()][0];
      if (!user) {
        inserts.push(this.newUser(row, citizenIdHash));
        continue;
      }
      if (citizenIdHash && user.citizenIdHash && user.citizenIdHash !== citizenIdHash) {
        reject('Số định danh cá nhân khác với tài khoản đã có cùng số điện thoại hoặc email.');
        continue;
      }
      // The rule of a direct edit (PATCH /users/:id): the same AccessPolicy decision, for the same change.
      const refusal = this.access.accountChangeRefusal(scope.uploader, { id: user.id, roles: user.roles, orgUnitPath: pathOf(user) }, { unitPath: row.unit.path });
      if (refusal) {
        reject(refusal.errors?.[0]?.message ?? refusal.message);
        continue;
      }
      const earlier = scope.touched.get(user.id);
      if (earlier !== undefined) {
        reject(`Cùng một tài khoản với dòng ${earlier} trong cùng tệp.`);
        continue;
      }
      scope.touched.set(user.id, row.rowNumber);
      const patch = this.changes(user, row, citizenIdHash);
      if (patch && Object.keys(patch.account).length) await em.getRepository(User).update({ id: user.id }, patch.account);
      if (patch?.audiences) await this.users.setMemberships(em, user.id, { audiences: patch.audiences });
      if (patch?.account.orgUnitId) scope.moved.push(user.id);
      // Counted as updated even when nothing differed: the row matched an existing account.
      updated++;
    }

    // New accounts and their roles and audiences, in this batch's transaction.
    await this.users.insert(em, inserts);
    if (rejections.length) {
      await em
        .createQueryBuilder()
        .insert()
        .into(ImportRejection)
        .values(
          rejections.map((r) => ({
            id: randomUUID(),
            importId,
            rowNumber: r.rowNumber,
            reason: r.reasons.join(' ').slice(0, 1000),
            data: this.sealRaw(r.raw),
          })),
        )
        .updateEntity(false)
        .execute();
    }
    return { created: inserts.length, updated, rejected: rejections.length };
  }

  private async findMatches(em: EntityManager, valid: { row: CleanRow; citizenIdHash: string | null }[]): Promise<MatchedUser[]> {
    const phones = [...new Set(valid.map((v) => v.row.phone).filter((v): v is string => !!v))];
    const emails = [...new Set(valid.map((v) => v.row.email).filter((v): v is string => !!v))];
    const hashes = [...new Set(valid.map((v) => v.citizenIdHash).filter((v): v is string => !!v))];
    const where: FindOptionsWhere<User>[] = [];
    if (phones.length) where.push({ phone: In(phones) });
    if (emails.length) where.push({ email: In(emails) });
    if (hashes.length) where.push({ citizenIdHash: In(hashes) });
    if (!where.length) return [];
    const users = await em.getRepository(User).find({
      where,
      select: { id: true, fullName: true, phone: true, email: true, orgUnitId: true, position: true, citizenIdHash: true },
    });
    return this.users.withMemberships(users, em);
  }

  private newUser(row: CleanRow, citizenIdHash: string | null): NewUser {
    const user: NewUser = {
      id: randomUUID(),
      fullName: row.fullName,
      phone: row.phone,
      email: row.email,
      passwordHash: null,
      roles: ['learner'],
      audiences: row.audiences,
      orgUnitId: row.unit.id,
      status: 'active',
      position: row.position,
      citizenIdCipher: row.citizenId ? this.secrets.encrypt(row.citizenId) : null,
      citizenIdHash,
      citizenIdLast4: row.citizenId ? row.citizenId.slice(-4) : null,
      mustChangePassword: true,
      lastLoginAt: null,
    };
    user.searchText = userSearchText({ fullName: row.fullName, phone: row.phone, email: row.email });
    return user;
  }

  /**
   * What the row changes on an existing account, or null. Empty optional cells keep what is stored;
   * roles, status and passwords are never touched by an import.
   */
  private changes(user: MatchedUser, row: CleanRow, citizenIdHash: string | null): { account: Partial<User>; audiences: Memberships['audiences'] | null } | null {
    const patch: Partial<User> = {};
    if (user.fullName !== row.fullName) patch.fullName = row.fullName;
    if (row.phone && user.phone !== row.phone) patch.phone = row.phone;
    if (row.email && user.email?.toLowerCase() !== row.email) patch.email = row.email;
    if (user.orgUnitId !== row.unit.id) patch.orgUnitId = row.unit.id;
    const audiences = [...user.audiences].sort().join(',') !== [...row.audiences].sort().join(',') ? row.audiences : null;
    if (row.position !== null && user.position !== row.position) patch.position = row.position;
    if (row.citizenId && citizenIdHash && !user.citizenIdHash) {
      patch.citizenIdCipher = this.secrets.encrypt(row.citizenId);
      patch.citizenIdHash = citizenIdHash;
      patch.citizenIdLast4 = row.citizenId.slice(-4);
    }
    if (!Object.keys(patch).length) return audiences ? { account: patch, audiences } : null;
    patch.searchText = userSearchText({ fullName: patch.fullName ?? user.fullName, phone: patch.phone ?? user.phone, email: patch.email ?? user.email });
    return { account: patch, audiences };
  }

  /** The rejected row as it was, for the report; the citizen ID stays encrypted at rest. */
  private sealRaw(raw: RawRow): Record<string, string> {
    return { ...raw, citizen_id: raw.citizen_id ? this.secrets.encrypt(raw.citizen_id) : '' };
  }

  /** The uploader as of now (not of the upload): an active administrator or unit manager, else the import stops. */
  private async uploader(userId: string): Promise<Caller> {
    const state = await this.callers.get(userId);
    if (!state || state.status !== 'active') throw new ImportAbort('Tài khoản đã tải tệp lên không còn hoạt động; việc nhập bị huỷ.');
    if (!state.roles.includes('admin') && !state.roles.includes('unit_manager')) throw new ImportAbort('Tài khoản đã tải tệp lên không còn quyền nhập danh sách; việc nhập bị huỷ.');
    return state;
  }

  private async complete(job: ImportJob, counters: Counters): Promise<void> {
    await this.db.transaction(async (em) => {
      const result = await em.getRepository(ImportJob).update({ id: job.id, status: 'running' }, { status: 'completed', finishedAt: new Date() });
      if (result.affected !== 1) return;
      await this.audit.record(
        {
          actorId: job.createdById,
          action: 'import.completed',
          targetType: 'import',
          targetId: job.id,
          summary: `Hoàn tất nhập «${job.fileName}»: ${counters.created} tạo mới, ${counters.updated} cập nhật, ${counters.rejected} bị từ chối`,
          details: { fileName: job.fileName, totalRows: counters.processed, created: counters.created, updated: counters.updated, rejected: counters.rejected },
        },
        em,
      );
    });
    this.logger.info({ importId: job.id, ...counters }, 'import completed');
    // The uploaded file holds citizen IDs in clear text and is no longer needed: the outcome and
    // the rejected rows (citizen IDs encrypted) are in the database.
    await this.storage.delete(job.storageKey).catch((err) =>
      this.logger.warn({ importId: job.id, err: String(err) }, 'could not delete the uploaded import file'),
    );
  }

  private async fail(importId: string, error: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const jobs = em.getRepository(ImportJob);
      const result = await jobs.update({ id: importId, status: In(['queued', 'running']) }, { status: 'failed', error, finishedAt: new Date() });
      if (result.affected !== 1) return;
      const job = await jobs.findOneByOrFail({ id: importId });
      await this.audit.record(
        { actorId: job.createdById, action: 'import.failed', targetType: 'import', targetId: importId, summary: `Nhập «${job.fileName}» thất bại: ${error}`, details: { fileName: job.fileName } },
        em,
      );
    });
    this.logger.warn({ importId, error }, 'import failed');
  }
}
