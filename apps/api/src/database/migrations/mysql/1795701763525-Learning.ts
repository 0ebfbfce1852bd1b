import { MigrationInterface, QueryRunner } from 'typeorm';

export class Learning1795701763525 implements MigrationInterface {
  name = 'Learning1795701763525';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `course_assignments` (`id` varchar(36) NOT NULL, `courseId` varchar(36) NOT NULL, `orgUnitId` varchar(36) NOT NULL, `audiences` text NOT NULL, `dueAt` datetime NULL, `createdById` varchar(36) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'queued', `enrolled` int NOT NULL DEFAULT '0', `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `IDX_course_assignments_courseId` (`courseId`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `enrolments` (`id` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `courseId` varchar(36) NOT NULL, `orgUnitId` varchar(36) NOT NULL, `source` varchar(16) NOT NULL, `assignmentId` varchar(36) NULL, `status` varchar(16) NOT NULL DEFAULT 'active', `dueAt` datetime NULL, `progressPercent` int NOT NULL DEFAULT '0', `completedLessons` int NOT NULL DEFAULT '0', `completedAt` datetime NULL, `lastActivityAt` datetime NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `IDX_enrolments_courseId` (`courseId`), INDEX `IDX_enrolments_orgUnitId` (`orgUnitId`), INDEX `IDX_enrolments_completedAt` (`completedAt`), UNIQUE INDEX `UQ_enrolments_user_course` (`userId`, `courseId`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `media_assets` (`id` varchar(36) NOT NULL, `kind` varchar(16) NOT NULL, `status` varchar(16) NOT NULL, `ownerId` varchar(36) NOT NULL, `courseId` varchar(36) NULL, `originalName` varchar(255) NOT NULL, `mime` varchar(128) NULL, `sizeBytes` bigint NULL, `sourceKey` varchar(500) NULL, `hlsKey` varchar(500) NULL, `posterKey` varchar(500) NULL, `fallbackKey` varchar(500) NULL, `captionsKey` varchar(500) NULL, `durationSeconds` int NULL, `renditions` text NULL, `progress` int NOT NULL DEFAULT '0', `error` varchar(1000) NULL, `createdAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `IDX_media_assets_status` (`status`), INDEX `IDX_media_assets_ownerId` (`ownerId`), INDEX `IDX_media_assets_courseId` (`courseId`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `lesson_progress` (`id` varchar(36) NOT NULL, `userId` varchar(36) NOT NULL, `lessonId` varchar(36) NOT NULL, `enrolmentId` varchar(36) NOT NULL, `courseId` varchar(36) NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'in_progress', `watchedRanges` text NULL, `watchedSeconds` int NOT NULL DEFAULT '0', `lastPositionSeconds` int NOT NULL DEFAULT '0', `completedAt` datetime NULL, `updatedAt` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `IDX_lesson_progress_enrolmentId` (`enrolmentId`), UNIQUE INDEX `UQ_lesson_progress_user_lesson` (`userId`, `lessonId`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `UQ_lesson_progress_user_lesson` ON `lesson_progress`");
    await queryRunner.query("DROP INDEX `IDX_lesson_progress_enrolmentId` ON `lesson_progress`");
    await queryRunner.query("DROP TABLE `lesson_progress`");
    await queryRunner.query("DROP INDEX `IDX_media_assets_courseId` ON `media_assets`");
    await queryRunner.query("DROP INDEX `IDX_media_assets_ownerId` ON `media_assets`");
    await queryRunner.query("DROP INDEX `IDX_media_assets_status` ON `media_assets`");
    await queryRunner.query("DROP TABLE `media_assets`");
    await queryRunner.query("DROP INDEX `UQ_enrolments_user_course` ON `enrolments`");
    await queryRunner.query("DROP INDEX `IDX_enrolments_completedAt` ON `enrolments`");
    await queryRunner.query("DROP INDEX `IDX_enrolments_orgUnitId` ON `enrolments`");
    await queryRunner.query("DROP INDEX `IDX_enrolments_courseId` ON `enrolments`");
    await queryRunner.query("DROP TABLE `enrolments`");
    await queryRunner.query("DROP INDEX `IDX_course_assignments_courseId` ON `course_assignments`");
    await queryRunner.query("DROP TABLE `course_assignments`");
  }
}
