import { MigrationInterface, QueryRunner } from 'typeorm';

export class Courses1795701396622 implements MigrationInterface {
  name = 'Courses1795701396622';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `courses` (`id` varchar(36) NOT NULL, `slug` varchar(100) NOT NULL, `title` varchar(255) NOT NULL, `summary` varchar(2000) NOT NULL DEFAULT '', `coverImageKey` varchar(255) NULL, `category` varchar(100) NOT NULL DEFAULT '', `tags` text NOT NULL, `targetAudiences` text NOT NULL, `targetUnitIds` text NOT NULL, `estimatedMinutes` int NULL, `status` varchar(16) NOT NULL DEFAULT 'draft', `strictOrder` tinyint NOT NULL DEFAULT 0, `ownerId` varchar(36) NOT NULL, `searchText` varchar(3000) NOT NULL DEFAULT '', `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `publishedAt` datetime NULL, UNIQUE INDEX `UQ_courses_slug` (`slug`), INDEX `IDX_courses_category` (`category`), INDEX `IDX_courses_status` (`status`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `course_modules` (`id` varchar(36) NOT NULL, `courseId` varchar(36) NOT NULL, `title` varchar(255) NOT NULL, `position` int NOT NULL, INDEX `IDX_course_modules_courseId` (`courseId`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `course_owners` (`courseId` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `role` varchar(16) NOT NULL, INDEX `IDX_course_owners_userId` (`userId`), PRIMARY KEY (`courseId`, `userId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `lessons` (`id` varchar(36) NOT NULL, `moduleId` varchar(36) NOT NULL, `courseId` varchar(36) NOT NULL, `title` varchar(255) NOT NULL, `type` varchar(16) NOT NULL, `position` int NOT NULL, `required` tinyint NOT NULL DEFAULT 1, `textHtml` text NULL, `mediaId` varchar(36) NULL, `attachmentKey` varchar(255) NULL, `durationSeconds` int NULL, INDEX `IDX_lessons_moduleId` (`moduleId`), INDEX `IDX_lessons_courseId` (`courseId`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `course_modules` ADD CONSTRAINT `FK_0a332e19d988804687be4637bfc` FOREIGN KEY (`courseId`) REFERENCES `courses`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `course_owners` ADD CONSTRAINT `FK_ae328906f28fa3ada529dc3a4df` FOREIGN KEY (`courseId`) REFERENCES `courses`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `course_owners` ADD CONSTRAINT `FK_65c3221021bc825c6567d8d333e` FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `lessons` ADD CONSTRAINT `FK_16e7969589c0b789d9868782259` FOREIGN KEY (`moduleId`) REFERENCES `course_modules`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `lessons` DROP FOREIGN KEY `FK_16e7969589c0b789d9868782259`");
    await queryRunner.query("ALTER TABLE `course_owners` DROP FOREIGN KEY `FK_65c3221021bc825c6567d8d333e`");
    await queryRunner.query("ALTER TABLE `course_owners` DROP FOREIGN KEY `FK_ae328906f28fa3ada529dc3a4df`");
    await queryRunner.query("ALTER TABLE `course_modules` DROP FOREIGN KEY `FK_0a332e19d988804687be4637bfc`");
    await queryRunner.query("DROP INDEX `IDX_lessons_courseId` ON `lessons`");
    await queryRunner.query("DROP INDEX `IDX_lessons_moduleId` ON `lessons`");
    await queryRunner.query("DROP TABLE `lessons`");
    await queryRunner.query("DROP INDEX `IDX_course_owners_userId` ON `course_owners`");
    await queryRunner.query("DROP TABLE `course_owners`");
    await queryRunner.query("DROP INDEX `IDX_course_modules_courseId` ON `course_modules`");
    await queryRunner.query("DROP TABLE `course_modules`");
    await queryRunner.query("DROP INDEX `IDX_courses_status` ON `courses`");
    await queryRunner.query("DROP INDEX `IDX_courses_category` ON `courses`");
    await queryRunner.query("DROP INDEX `UQ_courses_slug` ON `courses`");
    await queryRunner.query("DROP TABLE `courses`");
  }
}
