import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxEvents1796317269670 implements MigrationInterface {
  name = 'OutboxEvents1796317269670';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `outbox_events` (`id` varchar(36) NOT NULL, `name` varchar(100) NOT NULL, `payload` text NOT NULL, `createdAt` datetime(3) NOT NULL, `availableAt` datetime(3) NOT NULL, `claimToken` varchar(36) NULL, `claimedUntil` datetime(3) NULL, `attempts` int NOT NULL DEFAULT '0', `lastError` varchar(500) NULL, `relayedAt` datetime(3) NULL, INDEX `IDX_outbox_events_pending` (`relayedAt`, `availableAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_outbox_events_pending` ON `outbox_events`");
    await queryRunner.query("DROP TABLE `outbox_events`");
  }
}
