import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditTimePrecision1795699620075 implements MigrationInterface {
  name = 'AuditTimePrecision1795699620075';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_audit_logs_targetId\"");
    await queryRunner.query("DROP INDEX \"IDX_audit_logs_action\"");
    await queryRunner.query("DROP INDEX \"IDX_audit_logs_actorId\"");
    await queryRunner.query("DROP INDEX \"IDX_audit_logs_at\"");
    await queryRunner.query("CREATE TABLE \"temporary_audit_logs\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"at\" datetime(3) NOT NULL, \"actorId\" varchar(36), \"action\" varchar(64) NOT NULL, \"targetType\" varchar(32), \"targetId\" varchar(64), \"summary\" varchar(500) NOT NULL, \"ip\" varchar(64), \"details\" text)");
    await queryRunner.query("INSERT INTO \"temporary_audit_logs\"(\"id\", \"at\", \"actorId\", \"action\", \"targetType\", \"targetId\", \"summary\", \"ip\", \"details\") SELECT \"id\", \"at\", \"actorId\", \"action\", \"targetType\", \"targetId\", \"summary\", \"ip\", \"details\" FROM \"audit_logs\"");
    await queryRunner.query("DROP TABLE \"audit_logs\"");
    await queryRunner.query("ALTER TABLE \"temporary_audit_logs\" RENAME TO \"audit_logs\"");
    await queryRunner.query("CREATE INDEX \"IDX_audit_logs_targetId\" ON \"audit_logs\" (\"targetId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_logs_action\" ON \"audit_logs\" (\"action\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_logs_actorId\" ON \"audit_logs\" (\"actorId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_logs_at\" ON \"audit_logs\" (\"at\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_audit_logs_at\"");
    await queryRunner.query("DROP INDEX \"IDX_audit_logs_actorId\"");
    await queryRunner.query("DROP INDEX \"IDX_audit_logs_action\"");
    await queryRunner.query("DROP INDEX \"IDX_audit_logs_targetId\"");
    await queryRunner.query("ALTER TABLE \"audit_logs\" RENAME TO \"temporary_audit_logs\"");
    await queryRunner.query("CREATE TABLE \"audit_logs\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"at\" datetime NOT NULL, \"actorId\" varchar(36), \"action\" varchar(64) NOT NULL, \"targetType\" varchar(32), \"targetId\" varchar(64), \"summary\" varchar(500) NOT NULL, \"ip\" varchar(64), \"details\" text)");
    await queryRunner.query("INSERT INTO \"audit_logs\"(\"id\", \"at\", \"actorId\", \"action\", \"targetType\", \"targetId\", \"summary\", \"ip\", \"details\") SELECT \"id\", \"at\", \"actorId\", \"action\", \"targetType\", \"targetId\", \"summary\", \"ip\", \"details\" FROM \"temporary_audit_logs\"");
    await queryRunner.query("DROP TABLE \"temporary_audit_logs\"");
    await queryRunner.query("CREATE INDEX \"IDX_audit_logs_at\" ON \"audit_logs\" (\"at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_logs_actorId\" ON \"audit_logs\" (\"actorId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_logs_action\" ON \"audit_logs\" (\"action\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_logs_targetId\" ON \"audit_logs\" (\"targetId\") ");
  }
}
