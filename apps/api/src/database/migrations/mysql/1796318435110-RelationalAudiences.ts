import { MigrationInterface, QueryRunner } from 'typeorm';
import { checkListsBeforeMove, moveListsToRows, restoreListsFromRows } from '../data/relational-audiences';

/**
 * Roles, audiences, course tags and targets, and assignment audiences move from comma-joined
 * columns into join tables. Generated schema statements; the data moves (marked) are hand-written,
 * see ../data/relational-audiences.ts.
 */

export class RelationalAudiences1796318435110 implements MigrationInterface {
  name = 'RelationalAudiences1796318435110';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Hand-written: refuse, before any change, values the new tables cannot hold.
    await checkListsBeforeMove(queryRunner);
    await queryRunner.query("CREATE TABLE `user_audiences` (`userId` varchar(36) NOT NULL, `audience` varchar(32) NOT NULL, INDEX `IDX_user_audiences_audience_userId` (`audience`, `userId`), PRIMARY KEY (`userId`, `audience`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `user_roles` (`userId` varchar(36) NOT NULL, `role` varchar(32) NOT NULL, INDEX `IDX_user_roles_role_userId` (`role`, `userId`), PRIMARY KEY (`userId`, `role`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `course_tags` (`courseId` varchar(36) NOT NULL, `tag` varchar(50) NOT NULL, `position` int NOT NULL, INDEX `IDX_course_tags_tag_courseId` (`tag`, `courseId`), PRIMARY KEY (`courseId`, `tag`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `course_target_audiences` (`courseId` varchar(36) NOT NULL, `audience` varchar(32) NOT NULL, INDEX `IDX_course_target_audiences_audience_courseId` (`audience`, `courseId`), PRIMARY KEY (`courseId`, `audience`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `course_target_units` (`courseId` varchar(36) NOT NULL, `orgUnitId` varchar(36) NOT NULL, INDEX `IDX_course_target_units_orgUnitId_courseId` (`orgUnitId`, `courseId`), PRIMARY KEY (`courseId`, `orgUnitId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `assignment_audiences` (`assignmentId` varchar(36) NOT NULL, `audience` varchar(32) NOT NULL, PRIMARY KEY (`assignmentId`, `audience`)) ENGINE=InnoDB");
    // Hand-written: every list value into its join table, before the old columns go.
    await moveListsToRows(queryRunner);
    await queryRunner.query("ALTER TABLE `courses` DROP COLUMN `tags`");
    await queryRunner.query("ALTER TABLE `courses` DROP COLUMN `targetAudiences`");
    await queryRunner.query("ALTER TABLE `courses` DROP COLUMN `targetUnitIds`");
    await queryRunner.query("ALTER TABLE `users` DROP COLUMN `roles`");
    await queryRunner.query("ALTER TABLE `users` DROP COLUMN `audiences`");
    await queryRunner.query("ALTER TABLE `course_assignments` DROP COLUMN `audiences`");
    await queryRunner.query("ALTER TABLE `user_audiences` ADD CONSTRAINT `FK_user_audiences_userId` FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `user_roles` ADD CONSTRAINT `FK_user_roles_userId` FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `course_tags` ADD CONSTRAINT `FK_course_tags_courseId` FOREIGN KEY (`courseId`) REFERENCES `courses`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `course_target_audiences` ADD CONSTRAINT `FK_course_target_audiences_courseId` FOREIGN KEY (`courseId`) REFERENCES `courses`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `course_target_units` ADD CONSTRAINT `FK_course_target_units_courseId` FOREIGN KEY (`courseId`) REFERENCES `courses`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `course_target_units` ADD CONSTRAINT `FK_course_target_units_orgUnitId` FOREIGN KEY (`orgUnitId`) REFERENCES `org_units`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `assignment_audiences` ADD CONSTRAINT `FK_assignment_audiences_assignmentId` FOREIGN KEY (`assignmentId`) REFERENCES `course_assignments`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `assignment_audiences` DROP FOREIGN KEY `FK_assignment_audiences_assignmentId`");
    await queryRunner.query("ALTER TABLE `course_target_units` DROP FOREIGN KEY `FK_course_target_units_orgUnitId`");
    await queryRunner.query("ALTER TABLE `course_target_units` DROP FOREIGN KEY `FK_course_target_units_courseId`");
    await queryRunner.query("ALTER TABLE `course_target_audiences` DROP FOREIGN KEY `FK_course_target_audiences_courseId`");
    await queryRunner.query("ALTER TABLE `course_tags` DROP FOREIGN KEY `FK_course_tags_courseId`");
    await queryRunner.query("ALTER TABLE `user_roles` DROP FOREIGN KEY `FK_user_roles_userId`");
    await queryRunner.query("ALTER TABLE `user_audiences` DROP FOREIGN KEY `FK_user_audiences_userId`");
    await queryRunner.query("ALTER TABLE `course_assignments` ADD `audiences` text NOT NULL");
    await queryRunner.query("ALTER TABLE `users` ADD `audiences` text NOT NULL");
    await queryRunner.query("ALTER TABLE `users` ADD `roles` text NOT NULL");
    await queryRunner.query("ALTER TABLE `courses` ADD `targetUnitIds` text NOT NULL");
    await queryRunner.query("ALTER TABLE `courses` ADD `targetAudiences` text NOT NULL");
    await queryRunner.query("ALTER TABLE `courses` ADD `tags` text NOT NULL");
    // Hand-written: the join tables' values back into the re-added columns, before the tables go.
    await restoreListsFromRows(queryRunner);
    await queryRunner.query("DROP TABLE `assignment_audiences`");
    await queryRunner.query("DROP INDEX `IDX_course_target_units_orgUnitId_courseId` ON `course_target_units`");
    await queryRunner.query("DROP TABLE `course_target_units`");
    await queryRunner.query("DROP INDEX `IDX_course_target_audiences_audience_courseId` ON `course_target_audiences`");
    await queryRunner.query("DROP TABLE `course_target_audiences`");
    await queryRunner.query("DROP INDEX `IDX_course_tags_tag_courseId` ON `course_tags`");
    await queryRunner.query("DROP TABLE `course_tags`");
    await queryRunner.query("DROP INDEX `IDX_user_roles_role_userId` ON `user_roles`");
    await queryRunner.query("DROP TABLE `user_roles`");
    await queryRunner.query("DROP INDEX `IDX_user_audiences_audience_userId` ON `user_audiences`");
    await queryRunner.query("DROP TABLE `user_audiences`");
  }
}
