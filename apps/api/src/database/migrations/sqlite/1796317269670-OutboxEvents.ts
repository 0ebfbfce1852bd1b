import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxEvents1796317269670 implements MigrationInterface {
  name = 'OutboxEvents1796317269670';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"outbox_events\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"name\" varchar(100) NOT NULL, \"payload\" text NOT NULL, \"createdAt\" datetime(3) NOT NULL, \"availableAt\" datetime(3) NOT NULL, \"claimToken\" varchar(36), \"claimedUntil\" datetime(3), \"attempts\" integer NOT NULL DEFAULT (0), \"lastError\" varchar(500), \"relayedAt\" datetime(3))");
    await queryRunner.query("CREATE INDEX \"IDX_outbox_events_pending\" ON \"outbox_events\" (\"relayedAt\", \"availableAt\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_outbox_events_pending\"");
    await queryRunner.query("DROP TABLE \"outbox_events\"");
  }
}
