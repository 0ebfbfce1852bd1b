import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1795697767581 implements MigrationInterface {
  name = 'Identity1795697767581';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"audit_logs\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"at\" datetime NOT NULL, \"actorId\" varchar(36), \"action\" varchar(64) NOT NULL, \"targetType\" varchar(32), \"targetId\" varchar(64), \"summary\" varchar(500) NOT NULL, \"ip\" varchar(64), \"details\" text)");
    await queryRunner.query("CREATE INDEX \"IDX_audit_logs_at\" ON \"audit_logs\" (\"at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_logs_actorId\" ON \"audit_logs\" (\"actorId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_logs_action\" ON \"audit_logs\" (\"action\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_logs_targetId\" ON \"audit_logs\" (\"targetId\") ");
    await queryRunner.query("CREATE TABLE \"password_reset_tokens\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"userId\" varchar(36) NOT NULL, \"tokenHash\" varchar(64) NOT NULL, \"expiresAt\" datetime NOT NULL, \"usedAt\" datetime, \"requestedById\" varchar(36), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_password_reset_tokens_userId\" ON \"password_reset_tokens\" (\"userId\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_password_reset_tokens_tokenHash\" ON \"password_reset_tokens\" (\"tokenHash\") ");
    await queryRunner.query("CREATE TABLE \"refresh_tokens\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"userId\" varchar(36) NOT NULL, \"familyId\" varchar(36) NOT NULL, \"tokenHash\" varchar(64) NOT NULL, \"expiresAt\" datetime NOT NULL, \"usedAt\" datetime, \"revokedAt\" datetime, \"userAgent\" varchar(255), \"ip\" varchar(64), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_refresh_tokens_userId\" ON \"refresh_tokens\" (\"userId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_refresh_tokens_familyId\" ON \"refresh_tokens\" (\"familyId\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_refresh_tokens_tokenHash\" ON \"refresh_tokens\" (\"tokenHash\") ");
    await queryRunner.query("CREATE TABLE \"user_identities\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"userId\" varchar(36) NOT NULL, \"provider\" varchar(255) NOT NULL, \"subject\" varchar(255) NOT NULL, \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_user_identities_userId\" ON \"user_identities\" (\"userId\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_user_identities_provider_subject\" ON \"user_identities\" (\"provider\", \"subject\") ");
    await queryRunner.query("CREATE TABLE \"import_jobs\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"fileName\" varchar(255) NOT NULL, \"storageKey\" varchar(500) NOT NULL, \"status\" varchar(16) NOT NULL, \"totalRows\" integer NOT NULL DEFAULT (0), \"processedRows\" integer NOT NULL DEFAULT (0), \"created\" integer NOT NULL DEFAULT (0), \"updated\" integer NOT NULL DEFAULT (0), \"rejected\" integer NOT NULL DEFAULT (0), \"error\" text, \"createdById\" varchar(36) NOT NULL, \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"startedAt\" datetime, \"finishedAt\" datetime)");
    await queryRunner.query("CREATE INDEX \"IDX_import_jobs_createdById\" ON \"import_jobs\" (\"createdById\") ");
    await queryRunner.query("CREATE INDEX \"IDX_import_jobs_createdAt\" ON \"import_jobs\" (\"createdAt\") ");
    await queryRunner.query("CREATE TABLE \"import_rejections\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"importId\" varchar(36) NOT NULL, \"rowNumber\" integer NOT NULL, \"reason\" varchar(1000) NOT NULL, \"data\" text NOT NULL)");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_import_rejections_import_row\" ON \"import_rejections\" (\"importId\", \"rowNumber\") ");
    await queryRunner.query("DROP INDEX \"IDX_org_units_path\"");
    await queryRunner.query("DROP INDEX \"UQ_org_units_code\"");
    await queryRunner.query("CREATE TABLE \"temporary_org_units\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"code\" varchar(32) NOT NULL, \"name\" varchar(255) NOT NULL, \"kind\" varchar(20) NOT NULL, \"parentId\" varchar(36), \"path\" varchar(400) NOT NULL, \"active\" boolean NOT NULL DEFAULT (1), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')), \"mergedIntoId\" varchar(36), CONSTRAINT \"FK_b9877181917509f8c6f25bc2ea9\" FOREIGN KEY (\"parentId\") REFERENCES \"org_units\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_org_units\"(\"id\", \"code\", \"name\", \"kind\", \"parentId\", \"path\", \"active\", \"createdAt\", \"updatedAt\") SELECT \"id\", \"code\", \"name\", \"kind\", \"parentId\", \"path\", \"active\", \"createdAt\", \"updatedAt\" FROM \"org_units\"");
    await queryRunner.query("DROP TABLE \"org_units\"");
    await queryRunner.query("ALTER TABLE \"temporary_org_units\" RENAME TO \"org_units\"");
    await queryRunner.query("CREATE INDEX \"IDX_org_units_path\" ON \"org_units\" (\"path\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_org_units_code\" ON \"org_units\" (\"code\") ");
    await queryRunner.query("DROP INDEX \"IDX_users_orgUnitId\"");
    await queryRunner.query("DROP INDEX \"UQ_users_email\"");
    await queryRunner.query("DROP INDEX \"UQ_users_phone\"");
    await queryRunner.query("CREATE TABLE \"temporary_users\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"fullName\" varchar(255) NOT NULL, \"phone\" varchar(20), \"email\" varchar(255), \"passwordHash\" varchar(255), \"roles\" text NOT NULL, \"audiences\" text NOT NULL, \"orgUnitId\" varchar(36) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('active'), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')), \"searchText\" varchar(600) NOT NULL DEFAULT (''), \"position\" varchar(255), \"citizenIdCipher\" varchar(255), \"citizenIdHash\" varchar(64), \"citizenIdLast4\" varchar(4), \"mustChangePassword\" boolean NOT NULL DEFAULT (0), \"lastLoginAt\" datetime, CONSTRAINT \"FK_497156903169d074a77f31c8480\" FOREIGN KEY (\"orgUnitId\") REFERENCES \"org_units\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_users\"(\"id\", \"fullName\", \"phone\", \"email\", \"passwordHash\", \"roles\", \"audiences\", \"orgUnitId\", \"status\", \"createdAt\", \"updatedAt\") SELECT \"id\", \"fullName\", \"phone\", \"email\", \"passwordHash\", \"roles\", \"audiences\", \"orgUnitId\", \"status\", \"createdAt\", \"updatedAt\" FROM \"users\"");
    await queryRunner.query("DROP TABLE \"users\"");
    await queryRunner.query("ALTER TABLE \"temporary_users\" RENAME TO \"users\"");
    await queryRunner.query("CREATE INDEX \"IDX_users_orgUnitId\" ON \"users\" (\"orgUnitId\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_users_email\" ON \"users\" (\"email\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_users_phone\" ON \"users\" (\"phone\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_users_citizenIdHash\" ON \"users\" (\"citizenIdHash\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"UQ_users_citizenIdHash\"");
    await queryRunner.query("DROP INDEX \"UQ_users_phone\"");
    await queryRunner.query("DROP INDEX \"UQ_users_email\"");
    await queryRunner.query("DROP INDEX \"IDX_users_orgUnitId\"");
    await queryRunner.query("ALTER TABLE \"users\" RENAME TO \"temporary_users\"");
    await queryRunner.query("CREATE TABLE \"users\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"fullName\" varchar(255) NOT NULL, \"phone\" varchar(20), \"email\" varchar(255), \"passwordHash\" varchar(255), \"roles\" text NOT NULL, \"audiences\" text NOT NULL, \"orgUnitId\" varchar(36) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('active'), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"FK_497156903169d074a77f31c8480\" FOREIGN KEY (\"orgUnitId\") REFERENCES \"org_units\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"users\"(\"id\", \"fullName\", \"phone\", \"email\", \"passwordHash\", \"roles\", \"audiences\", \"orgUnitId\", \"status\", \"createdAt\", \"updatedAt\") SELECT \"id\", \"fullName\", \"phone\", \"email\", \"passwordHash\", \"roles\", \"audiences\", \"orgUnitId\", \"status\", \"createdAt\", \"updatedAt\" FROM \"temporary_users\"");
    await queryRunner.query("DROP TABLE \"temporary_users\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_users_phone\" ON \"users\" (\"phone\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_users_email\" ON \"users\" (\"email\") ");
    await queryRunner.query("CREATE INDEX \"IDX_users_orgUnitId\" ON \"users\" (\"orgUnitId\") ");
    await queryRunner.query("DROP INDEX \"UQ_org_units_code\"");
    await queryRunner.query("DROP INDEX \"IDX_org_units_path\"");
    await queryRunner.query("ALTER TABLE \"org_units\" RENAME TO \"temporary_org_units\"");
    await queryRunner.query("CREATE TABLE \"org_units\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"code\" varchar(32) NOT NULL, \"name\" varchar(255) NOT NULL, \"kind\" varchar(20) NOT NULL, \"parentId\" varchar(36), \"path\" varchar(400) NOT NULL, \"active\" boolean NOT NULL DEFAULT (1), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"FK_b9877181917509f8c6f25bc2ea9\" FOREIGN KEY (\"parentId\") REFERENCES \"org_units\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"org_units\"(\"id\", \"code\", \"name\", \"kind\", \"parentId\", \"path\", \"active\", \"createdAt\", \"updatedAt\") SELECT \"id\", \"code\", \"name\", \"kind\", \"parentId\", \"path\", \"active\", \"createdAt\", \"updatedAt\" FROM \"temporary_org_units\"");
    await queryRunner.query("DROP TABLE \"temporary_org_units\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_org_units_code\" ON \"org_units\" (\"code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_org_units_path\" ON \"org_units\" (\"path\") ");
    await queryRunner.query("DROP INDEX \"UQ_import_rejections_import_row\"");
    await queryRunner.query("DROP TABLE \"import_rejections\"");
    await queryRunner.query("DROP INDEX \"IDX_import_jobs_createdAt\"");
    await queryRunner.query("DROP INDEX \"IDX_import_jobs_createdById\"");
    await queryRunner.query("DROP TABLE \"import_jobs\"");
    await queryRunner.query("DROP INDEX \"UQ_user_identities_provider_subject\"");
    await queryRunner.query("DROP INDEX \"IDX_user_identities_userId\"");
    await queryRunner.query("DROP TABLE \"user_identities\"");
    await queryRunner.query("DROP INDEX \"UQ_refresh_tokens_tokenHash\"");
    await queryRunner.query("DROP INDEX \"IDX_refresh_tokens_familyId\"");
    await queryRunner.query("DROP INDEX \"IDX_refresh_tokens_userId\"");
    await queryRunner.query("DROP TABLE \"refresh_tokens\"");
    await queryRunner.query("DROP INDEX \"UQ_password_reset_tokens_tokenHash\"");
    await queryRunner.query("DROP INDEX \"IDX_password_reset_tokens_userId\"");
    await queryRunner.query("DROP TABLE \"password_reset_tokens\"");
    await queryRunner.query("DROP INDEX \"IDX_audit_logs_targetId\"");
    await queryRunner.query("DROP INDEX \"IDX_audit_logs_action\"");
    await queryRunner.query("DROP INDEX \"IDX_audit_logs_actorId\"");
    await queryRunner.query("DROP INDEX \"IDX_audit_logs_at\"");
    await queryRunner.query("DROP TABLE \"audit_logs\"");
  }
}
