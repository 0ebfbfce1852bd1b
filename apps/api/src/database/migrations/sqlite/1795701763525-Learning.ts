import { MigrationInterface, QueryRunner } from 'typeorm';

export class Learning1795701763525 implements MigrationInterface {
  name = 'Learning1795701763525';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"course_assignments\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"courseId\" varchar(36) NOT NULL, \"orgUnitId\" varchar(36) NOT NULL, \"audiences\" text NOT NULL, \"dueAt\" datetime, \"createdById\" varchar(36) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('queued'), \"enrolled\" integer NOT NULL DEFAULT (0), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_course_assignments_courseId\" ON \"course_assignments\" (\"courseId\") ");
    await queryRunner.query("CREATE TABLE \"enrolments\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"userId\" varchar(36) NOT NULL, \"courseId\" varchar(36) NOT NULL, \"orgUnitId\" varchar(36) NOT NULL, \"source\" varchar(16) NOT NULL, \"assignmentId\" varchar(36), \"status\" varchar(16) NOT NULL DEFAULT ('active'), \"dueAt\" datetime, \"progressPercent\" integer NOT NULL DEFAULT (0), \"completedLessons\" integer NOT NULL DEFAULT (0), \"completedAt\" datetime, \"lastActivityAt\" datetime, \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_enrolments_courseId\" ON \"enrolments\" (\"courseId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_enrolments_orgUnitId\" ON \"enrolments\" (\"orgUnitId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_enrolments_completedAt\" ON \"enrolments\" (\"completedAt\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_enrolments_user_course\" ON \"enrolments\" (\"userId\", \"courseId\") ");
    await queryRunner.query("CREATE TABLE \"media_assets\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"kind\" varchar(16) NOT NULL, \"status\" varchar(16) NOT NULL, \"ownerId\" varchar(36) NOT NULL, \"courseId\" varchar(36), \"originalName\" varchar(255) NOT NULL, \"mime\" varchar(128), \"sizeBytes\" bigint, \"sourceKey\" varchar(500), \"hlsKey\" varchar(500), \"posterKey\" varchar(500), \"fallbackKey\" varchar(500), \"captionsKey\" varchar(500), \"durationSeconds\" integer, \"renditions\" text, \"progress\" integer NOT NULL DEFAULT (0), \"error\" varchar(1000), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_media_assets_status\" ON \"media_assets\" (\"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_media_assets_ownerId\" ON \"media_assets\" (\"ownerId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_media_assets_courseId\" ON \"media_assets\" (\"courseId\") ");
    await queryRunner.query("CREATE TABLE \"lesson_progress\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"userId\" varchar(36) NOT NULL, \"lessonId\" varchar(36) NOT NULL, \"enrolmentId\" varchar(36) NOT NULL, \"courseId\" varchar(36) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('in_progress'), \"watchedRanges\" text, \"watchedSeconds\" integer NOT NULL DEFAULT (0), \"lastPositionSeconds\" integer NOT NULL DEFAULT (0), \"completedAt\" datetime, \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_lesson_progress_enrolmentId\" ON \"lesson_progress\" (\"enrolmentId\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_lesson_progress_user_lesson\" ON \"lesson_progress\" (\"userId\", \"lessonId\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"UQ_lesson_progress_user_lesson\"");
    await queryRunner.query("DROP INDEX \"IDX_lesson_progress_enrolmentId\"");
    await queryRunner.query("DROP TABLE \"lesson_progress\"");
    await queryRunner.query("DROP INDEX \"IDX_media_assets_courseId\"");
    await queryRunner.query("DROP INDEX \"IDX_media_assets_ownerId\"");
    await queryRunner.query("DROP INDEX \"IDX_media_assets_status\"");
    await queryRunner.query("DROP TABLE \"media_assets\"");
    await queryRunner.query("DROP INDEX \"UQ_enrolments_user_course\"");
    await queryRunner.query("DROP INDEX \"IDX_enrolments_completedAt\"");
    await queryRunner.query("DROP INDEX \"IDX_enrolments_orgUnitId\"");
    await queryRunner.query("DROP INDEX \"IDX_enrolments_courseId\"");
    await queryRunner.query("DROP TABLE \"enrolments\"");
    await queryRunner.query("DROP INDEX \"IDX_course_assignments_courseId\"");
    await queryRunner.query("DROP TABLE \"course_assignments\"");
  }
}
