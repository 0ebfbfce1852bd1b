import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1795697767581 implements MigrationInterface {
  name = 'Identity1795697767581';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `audit_logs` (`id` varchar(36) NOT NULL, `at` datetime NOT NULL, `actorId` varchar(36) NULL, `action` varchar(64) NOT NULL, `targetType` varchar(32) NULL, `targetId` varchar(64) NULL, `summary` varchar(500) NOT NULL, `ip` varchar(64) NULL, `details` text NULL, INDEX `IDX_audit_logs_at` (`at`), INDEX `IDX_audit_logs_actorId` (`actorId`), INDEX `IDX_audit_logs_action` (`action`), INDEX `IDX_audit_logs_targetId` (`targetId`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `password_reset_tokens` (`id` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `tokenHash` varchar(64) NOT NULL, `expiresAt` datetime NOT NULL, `usedAt` datetime NULL, `requestedById` varchar(36) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `IDX_password_reset_tokens_userId` (`userId`), UNIQUE INDEX `UQ_password_reset_tokens_tokenHash` (`tokenHash`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `refresh_tokens` (`id` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `familyId` varchar(36) NOT NULL, `tokenHash` varchar(64) NOT NULL, `expiresAt` datetime NOT NULL, `usedAt` datetime NULL, `revokedAt` datetime NULL, `userAgent` varchar(255) NULL, `ip` varchar(64) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `IDX_refresh_tokens_userId` (`userId`), INDEX `IDX_refresh_tokens_familyId` (`familyId`), UNIQUE INDEX `UQ_refresh_tokens_tokenHash` (`tokenHash`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `user_identities` (`id` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `provider` varchar(255) NOT NULL, `subject` varchar(255) NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `IDX_user_identities_userId` (`userId`), UNIQUE INDEX `UQ_user_identities_provider_subject` (`provider`, `subject`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `import_jobs` (`id` varchar(36) NOT NULL, `fileName` varchar(255) NOT NULL, `storageKey` varchar(500) NOT NULL, `status` varchar(16) NOT NULL, `totalRows` int NOT NULL DEFAULT '0', `processedRows` int NOT NULL DEFAULT '0', `created` int NOT NULL DEFAULT '0', `updated` int NOT NULL DEFAULT '0', `rejected` int NOT NULL DEFAULT '0', `error` text NULL, `createdById` varchar(36) NOT NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `startedAt` datetime NULL, `finishedAt` datetime NULL, INDEX `IDX_import_jobs_createdById` (`createdById`), INDEX `IDX_import_jobs_createdAt` (`createdAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `import_rejections` (`id` varchar(36) NOT NULL, `importId` varchar(36) NOT NULL, `rowNumber` int NOT NULL, `reason` varchar(1000) NOT NULL, `data` text NOT NULL, UNIQUE INDEX `UQ_import_rejections_import_row` (`importId`, `rowNumber`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `org_units` ADD `mergedIntoId` varchar(36) NULL");
    await queryRunner.query("ALTER TABLE `users` ADD `searchText` varchar(600) NOT NULL DEFAULT ''");
    await queryRunner.query("ALTER TABLE `users` ADD `position` varchar(255) NULL");
    await queryRunner.query("ALTER TABLE `users` ADD `citizenIdCipher` varchar(255) NULL");
    await queryRunner.query("ALTER TABLE `users` ADD `citizenIdHash` varchar(64) NULL");
    await queryRunner.query("ALTER TABLE `users` ADD `citizenIdLast4` varchar(4) NULL");
    await queryRunner.query("ALTER TABLE `users` ADD `mustChangePassword` tinyint NOT NULL DEFAULT 0");
    await queryRunner.query("ALTER TABLE `users` ADD `lastLoginAt` datetime NULL");
    await queryRunner.query("CREATE UNIQUE INDEX `UQ_users_citizenIdHash` ON `users` (`citizenIdHash`)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `UQ_users_citizenIdHash` ON `users`");
    await queryRunner.query("ALTER TABLE `users` DROP COLUMN `lastLoginAt`");
    await queryRunner.query("ALTER TABLE `users` DROP COLUMN `mustChangePassword`");
    await queryRunner.query("ALTER TABLE `users` DROP COLUMN `citizenIdLast4`");
    await queryRunner.query("ALTER TABLE `users` DROP COLUMN `citizenIdHash`");
    await queryRunner.query("ALTER TABLE `users` DROP COLUMN `citizenIdCipher`");
    await queryRunner.query("ALTER TABLE `users` DROP COLUMN `position`");
    await queryRunner.query("ALTER TABLE `users` DROP COLUMN `searchText`");
    await queryRunner.query("ALTER TABLE `org_units` DROP COLUMN `mergedIntoId`");
    await queryRunner.query("DROP INDEX `UQ_import_rejections_import_row` ON `import_rejections`");
    await queryRunner.query("DROP TABLE `import_rejections`");
    await queryRunner.query("DROP INDEX `IDX_import_jobs_createdAt` ON `import_jobs`");
    await queryRunner.query("DROP INDEX `IDX_import_jobs_createdById` ON `import_jobs`");
    await queryRunner.query("DROP TABLE `import_jobs`");
    await queryRunner.query("DROP INDEX `UQ_user_identities_provider_subject` ON `user_identities`");
    await queryRunner.query("DROP INDEX `IDX_user_identities_userId` ON `user_identities`");
    await queryRunner.query("DROP TABLE `user_identities`");
    await queryRunner.query("DROP INDEX `UQ_refresh_tokens_tokenHash` ON `refresh_tokens`");
    await queryRunner.query("DROP INDEX `IDX_refresh_tokens_familyId` ON `refresh_tokens`");
    await queryRunner.query("DROP INDEX `IDX_refresh_tokens_userId` ON `refresh_tokens`");
    await queryRunner.query("DROP TABLE `refresh_tokens`");
    await queryRunner.query("DROP INDEX `UQ_password_reset_tokens_tokenHash` ON `password_reset_tokens`");
    await queryRunner.query("DROP INDEX `IDX_password_reset_tokens_userId` ON `password_reset_tokens`");
    await queryRunner.query("DROP TABLE `password_reset_tokens`");
    await queryRunner.query("DROP INDEX `IDX_audit_logs_targetId` ON `audit_logs`");
    await queryRunner.query("DROP INDEX `IDX_audit_logs_action` ON `audit_logs`");
    await queryRunner.query("DROP INDEX `IDX_audit_logs_actorId` ON `audit_logs`");
    await queryRunner.query("DROP INDEX `IDX_audit_logs_at` ON `audit_logs`");
    await queryRunner.query("DROP TABLE `audit_logs`");
  }
}
