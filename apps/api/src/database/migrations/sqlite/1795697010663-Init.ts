import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795697010663 implements MigrationInterface {
  name = 'Init1795697010663';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"queue_probes\" (\"id\" varchar(64) PRIMARY KEY NOT NULL, \"attempts\" integer NOT NULL, \"handledBy\" varchar(32) NOT NULL, \"completedAt\" datetime NOT NULL)");
    await queryRunner.query("CREATE TABLE \"org_units\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"code\" varchar(32) NOT NULL, \"name\" varchar(255) NOT NULL, \"kind\" varchar(20) NOT NULL, \"parentId\" varchar(36), \"path\" varchar(400) NOT NULL, \"active\" boolean NOT NULL DEFAULT (1), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_org_units_code\" ON \"org_units\" (\"code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_org_units_path\" ON \"org_units\" (\"path\") ");
    await queryRunner.query("CREATE TABLE \"users\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"fullName\" varchar(255) NOT NULL, \"phone\" varchar(20), \"email\" varchar(255), \"passwordHash\" varchar(255), \"roles\" text NOT NULL, \"audiences\" text NOT NULL, \"orgUnitId\" varchar(36) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('active'), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_users_phone\" ON \"users\" (\"phone\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_users_email\" ON \"users\" (\"email\") ");
    await queryRunner.query("CREATE INDEX \"IDX_users_orgUnitId\" ON \"users\" (\"orgUnitId\") ");
    await queryRunner.query("DROP INDEX \"UQ_org_units_code\"");
    await queryRunner.query("DROP INDEX \"IDX_org_units_path\"");
    await queryRunner.query("CREATE TABLE \"temporary_org_units\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"code\" varchar(32) NOT NULL, \"name\" varchar(255) NOT NULL, \"kind\" varchar(20) NOT NULL, \"parentId\" varchar(36), \"path\" varchar(400) NOT NULL, \"active\" boolean NOT NULL DEFAULT (1), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"FK_b9877181917509f8c6f25bc2ea9\" FOREIGN KEY (\"parentId\") REFERENCES \"org_units\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_org_units\"(\"id\", \"code\", \"name\", \"kind\", \"parentId\", \"path\", \"active\", \"createdAt\", \"updatedAt\") SELECT \"id\", \"code\", \"name\", \"kind\", \"parentId\", \"path\", \"active\", \"createdAt\", \"updatedAt\" FROM \"org_units\"");
    await queryRunner.query("DROP TABLE \"org_units\"");
    await queryRunner.query("ALTER TABLE \"temporary_org_units\" RENAME TO \"org_units\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_org_units_code\" ON \"org_units\" (\"code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_org_units_path\" ON \"org_units\" (\"path\") ");
    await queryRunner.query("DROP INDEX \"UQ_users_phone\"");
    await queryRunner.query("DROP INDEX \"UQ_users_email\"");
    await queryRunner.query("DROP INDEX \"IDX_users_orgUnitId\"");
    await queryRunner.query("CREATE TABLE \"temporary_users\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"fullName\" varchar(255) NOT NULL, \"phone\" varchar(20), \"email\" varchar(255), \"passwordHash\" varchar(255), \"roles\" text NOT NULL, \"audiences\" text NOT NULL, \"orgUnitId\" varchar(36) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('active'), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"FK_497156903169d074a77f31c8480\" FOREIGN KEY (\"orgUnitId\") REFERENCES \"org_units\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_users\"(\"id\", \"fullName\", \"phone\", \"email\", \"passwordHash\", \"roles\", \"audiences\", \"orgUnitId\", \"status\", \"createdAt\", \"updatedAt\") SELECT \"id\", \"fullName\", \"phone\", \"email\", \"passwordHash\", \"roles\", \"audiences\", \"orgUnitId\", \"status\", \"createdAt\", \"updatedAt\" FROM \"users\"");
    await queryRunner.query("DROP TABLE \"users\"");
    await queryRunner.query("ALTER TABLE \"temporary_users\" RENAME TO \"users\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_users_phone\" ON \"users\" (\"phone\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_users_email\" ON \"users\" (\"email\") ");
    await queryRunner.query("CREATE INDEX \"IDX_users_orgUnitId\" ON \"users\" (\"orgUnitId\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_users_orgUnitId\"");
    await queryRunner.query("DROP INDEX \"UQ_users_email\"");
    await queryRunner.query("DROP INDEX \"UQ_users_phone\"");
    await queryRunner.query("ALTER TABLE \"users\" RENAME TO \"temporary_users\"");
    await queryRunner.query("CREATE TABLE \"users\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"fullName\" varchar(255) NOT NULL, \"phone\" varchar(20), \"email\" varchar(255), \"passwordHash\" varchar(255), \"roles\" text NOT NULL, \"audiences\" text NOT NULL, \"orgUnitId\" varchar(36) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('active'), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"users\"(\"id\", \"fullName\", \"phone\", \"email\", \"passwordHash\", \"roles\", \"audiences\", \"orgUnitId\", \"status\", \"createdAt\", \"updatedAt\") SELECT \"id\", \"fullName\", \"phone\", \"email\", \"passwordHash\", \"roles\", \"audiences\", \"orgUnitId\", \"status\", \"createdAt\", \"updatedAt\" FROM \"temporary_users\"");
    await queryRunner.query("DROP TABLE \"temporary_users\"");
    await queryRunner.query("CREATE INDEX \"IDX_users_orgUnitId\" ON \"users\" (\"orgUnitId\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_users_email\" ON \"users\" (\"email\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_users_phone\" ON \"users\" (\"phone\") ");
    await queryRunner.query("DROP INDEX \"IDX_org_units_path\"");
    await queryRunner.query("DROP INDEX \"UQ_org_units_code\"");
    await queryRunner.query("ALTER TABLE \"org_units\" RENAME TO \"temporary_org_units\"");
    await queryRunner.query("CREATE TABLE \"org_units\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"code\" varchar(32) NOT NULL, \"name\" varchar(255) NOT NULL, \"kind\" varchar(20) NOT NULL, \"parentId\" varchar(36), \"path\" varchar(400) NOT NULL, \"active\" boolean NOT NULL DEFAULT (1), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"org_units\"(\"id\", \"code\", \"name\", \"kind\", \"parentId\", \"path\", \"active\", \"createdAt\", \"updatedAt\") SELECT \"id\", \"code\", \"name\", \"kind\", \"parentId\", \"path\", \"active\", \"createdAt\", \"updatedAt\" FROM \"temporary_org_units\"");
    await queryRunner.query("DROP TABLE \"temporary_org_units\"");
    await queryRunner.query("CREATE INDEX \"IDX_org_units_path\" ON \"org_units\" (\"path\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_org_units_code\" ON \"org_units\" (\"code\") ");
    await queryRunner.query("DROP INDEX \"IDX_users_orgUnitId\"");
    await queryRunner.query("DROP INDEX \"UQ_users_email\"");
    await queryRunner.query("DROP INDEX \"UQ_users_phone\"");
    await queryRunner.query("DROP TABLE \"users\"");
    await queryRunner.query("DROP INDEX \"IDX_org_units_path\"");
    await queryRunner.query("DROP INDEX \"UQ_org_units_code\"");
    await queryRunner.query("DROP TABLE \"org_units\"");
    await queryRunner.query("DROP TABLE \"queue_probes\"");
  }
}
