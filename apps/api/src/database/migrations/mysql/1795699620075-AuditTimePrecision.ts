import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditTimePrecision1795699620075 implements MigrationInterface {
  name = 'AuditTimePrecision1795699620075';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `audit_logs` CHANGE `at` `at` datetime(3) NOT NULL");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `audit_logs` CHANGE `at` `at` datetime(0) NOT NULL");
  }
}
