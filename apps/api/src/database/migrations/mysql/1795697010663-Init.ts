import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795697010663 implements MigrationInterface {
  name = 'Init1795697010663';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `queue_probes` (`id` varchar(64) NOT NULL, `attempts` int NOT NULL, `handledBy` varchar(32) NOT NULL, `completedAt` datetime NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `org_units` (`id` varchar(36) NOT NULL, `code` varchar(32) NOT NULL, `name` varchar(255) NOT NULL, `kind` varchar(20) NOT NULL, `parentId` varchar(36) NULL, `path` varchar(400) NOT NULL, `active` tinyint NOT NULL DEFAULT 1, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `UQ_org_units_code` (`code`), INDEX `IDX_org_units_path` (`path`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `users` (`id` varchar(36) NOT NULL, `fullName` varchar(255) NOT NULL, `phone` varchar(20) NULL, `email` varchar(255) NULL, `passwordHash` varchar(255) NULL, `roles` text NOT NULL, `audiences` text NOT NULL, `orgUnitId` varchar(36) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'active', `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `UQ_users_phone` (`phone`), UNIQUE INDEX `UQ_users_email` (`email`), INDEX `IDX_users_orgUnitId` (`orgUnitId`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `org_units` ADD CONSTRAINT `FK_b9877181917509f8c6f25bc2ea9` FOREIGN KEY (`parentId`) REFERENCES `org_units`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `users` ADD CONSTRAINT `FK_497156903169d074a77f31c8480` FOREIGN KEY (`orgUnitId`) REFERENCES `org_units`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `users` DROP FOREIGN KEY `FK_497156903169d074a77f31c8480`");
    await queryRunner.query("ALTER TABLE `org_units` DROP FOREIGN KEY `FK_b9877181917509f8c6f25bc2ea9`");
    await queryRunner.query("DROP INDEX `IDX_users_orgUnitId` ON `users`");
    await queryRunner.query("DROP INDEX `UQ_users_email` ON `users`");
    await queryRunner.query("DROP INDEX `UQ_users_phone` ON `users`");
    await queryRunner.query("DROP TABLE `users`");
    await queryRunner.query("DROP INDEX `IDX_org_units_path` ON `org_units`");
    await queryRunner.query("DROP INDEX `UQ_org_units_code` ON `org_units`");
    await queryRunner.query("DROP TABLE `org_units`");
    await queryRunner.query("DROP TABLE `queue_probes`");
  }
}
