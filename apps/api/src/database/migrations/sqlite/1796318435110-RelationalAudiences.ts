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
    await queryRunner.query("CREATE TABLE \"user_audiences\" (\"userId\" varchar(36) NOT NULL, \"audience\" varchar(32) NOT NULL, PRIMARY KEY (\"userId\", \"audience\"))");
    await queryRunner.query("CREATE INDEX \"IDX_user_audiences_audience_userId\" ON \"user_audiences\" (\"audience\", \"userId\") ");
    await queryRunner.query("CREATE TABLE \"user_roles\" (\"userId\" varchar(36) NOT NULL, \"role\" varchar(32) NOT NULL, PRIMARY KEY (\"userId\", \"role\"))");
    await queryRunner.query("CREATE INDEX \"IDX_user_roles_role_userId\" ON \"user_roles\" (\"role\", \"userId\") ");
    await queryRunner.query("CREATE TABLE \"course_tags\" (\"courseId\" varchar(36) NOT NULL, \"tag\" varchar(50) NOT NULL, \"position\" integer NOT NULL, PRIMARY KEY (\"courseId\", \"tag\"))");
    await queryRunner.query("CREATE INDEX \"IDX_course_tags_tag_courseId\" ON \"course_tags\" (\"tag\", \"courseId\") ");
    await queryRunner.query("CREATE TABLE \"course_target_audiences\" (\"courseId\" varchar(36) NOT NULL, \"audience\" varchar(32) NOT NULL, PRIMARY KEY (\"courseId\", \"audience\"))");
    await queryRunner.query("CREATE INDEX \"IDX_course_target_audiences_audience_courseId\" ON \"course_target_audiences\" (\"audience\", \"courseId\") ");
    await queryRunner.query("CREATE TABLE \"course_target_units\" (\"courseId\" varchar(36) NOT NULL, \"orgUnitId\" varchar(36) NOT NULL, PRIMARY KEY (\"courseId\", \"orgUnitId\"))");
    await queryRunner.query("CREATE INDEX \"IDX_course_target_units_orgUnitId_courseId\" ON \"course_target_units\" (\"orgUnitId\", \"courseId\") ");
    await queryRunner.query("CREATE TABLE \"assignment_audiences\" (\"assignmentId\" varchar(36) NOT NULL, \"audience\" varchar(32) NOT NULL, PRIMARY KEY (\"assignmentId\", \"audience\"))");
    // Hand-written: every list value into its join table, before the tables holding the old columns are rebuilt without them.
    await moveListsToRows(queryRunner);
    await queryRunner.query("DROP INDEX \"IDX_courses_status\"");
    await queryRunner.query("DROP INDEX \"IDX_courses_category\"");
    await queryRunner.query("DROP INDEX \"UQ_courses_slug\"");
    await queryRunner.query("CREATE TABLE \"temporary_courses\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"slug\" varchar(100) NOT NULL, \"title\" varchar(255) NOT NULL, \"summary\" varchar(2000) NOT NULL DEFAULT (''), \"coverImageKey\" varchar(255), \"category\" varchar(100) NOT NULL DEFAULT (''), \"estimatedMinutes\" integer, \"status\" varchar(16) NOT NULL DEFAULT ('draft'), \"strictOrder\" boolean NOT NULL DEFAULT (0), \"ownerId\" varchar(36) NOT NULL, \"searchText\" varchar(3000) NOT NULL DEFAULT (''), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')), \"publishedAt\" datetime)");
    await queryRunner.query("INSERT INTO \"temporary_courses\"(\"id\", \"slug\", \"title\", \"summary\", \"coverImageKey\", \"category\", \"estimatedMinutes\", \"status\", \"strictOrder\", \"ownerId\", \"searchText\", \"createdAt\", \"updatedAt\", \"publishedAt\") SELECT \"id\", \"slug\", \"title\", \"summary\", \"coverImageKey\", \"category\", \"estimatedMinutes\", \"status\", \"strictOrder\", \"ownerId\", \"searchText\", \"createdAt\", \"updatedAt\", \"publishedAt\" FROM \"courses\"");
    await queryRunner.query("DROP TABLE \"courses\"");
    await queryRunner.query("ALTER TABLE \"temporary_courses\" RENAME TO \"courses\"");
    await queryRunner.query("CREATE INDEX \"IDX_courses_status\" ON \"courses\" (\"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_courses_category\" ON \"courses\" (\"category\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_courses_slug\" ON \"courses\" (\"slug\") ");
    await queryRunner.query("DROP INDEX \"UQ_users_citizenIdHash\"");
    await queryRunner.query("DROP INDEX \"UQ_users_phone\"");
    await queryRunner.query("DROP INDEX \"UQ_users_email\"");
    await queryRunner.query("DROP INDEX \"IDX_users_orgUnitId\"");
    await queryRunner.query("CREATE TABLE \"temporary_users\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"fullName\" varchar(255) NOT NULL, \"phone\" varchar(20), \"email\" varchar(255), \"passwordHash\" varchar(255), \"orgUnitId\" varchar(36) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('active'), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')), \"searchText\" varchar(600) NOT NULL DEFAULT (''), \"position\" varchar(255), \"citizenIdCipher\" varchar(255), \"citizenIdHash\" varchar(64), \"citizenIdLast4\" varchar(4), \"mustChangePassword\" boolean NOT NULL DEFAULT (0), \"lastLoginAt\" datetime, CONSTRAINT \"FK_497156903169d074a77f31c8480\" FOREIGN KEY (\"orgUnitId\") REFERENCES \"org_units\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_users\"(\"id\", \"fullName\", \"phone\", \"email\", \"passwordHash\", \"orgUnitId\", \"status\", \"createdAt\", \"updatedAt\", \"searchText\", \"position\", \"citizenIdCipher\", \"citizenIdHash\", \"citizenIdLast4\", \"mustChangePassword\", \"lastLoginAt\") SELECT \"id\", \"fullName\", \"phone\", \"email\", \"passwordHash\", \"orgUnitId\", \"status\", \"createdAt\", \"updatedAt\", \"searchText\", \"position\", \"citizenIdCipher\", \"citizenIdHash\", \"citizenIdLast4\", \"mustChangePassword\", \"lastLoginAt\" FROM \"users\"");
    await queryRunner.query("DROP TABLE \"users\"");
    await queryRunner.query("ALTER TABLE \"temporary_users\" RENAME TO \"users\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_users_citizenIdHash\" ON \"users\" (\"citizenIdHash\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_users_phone\" ON \"users\" (\"phone\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_users_email\" ON \"users\" (\"email\") ");
    await queryRunner.query("CREATE INDEX \"IDX_users_orgUnitId\" ON \"users\" (\"orgUnitId\") ");
    await queryRunner.query("DROP INDEX \"IDX_course_assignments_courseId\"");
    await queryRunner.query("CREATE TABLE \"temporary_course_assignments\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"courseId\" varchar(36) NOT NULL, \"orgUnitId\" varchar(36) NOT NULL, \"dueAt\" datetime, \"createdById\" varchar(36) NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('queued'), \"enrolled\" integer NOT NULL DEFAULT (0), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"temporary_course_assignments\"(\"id\", \"courseId\", \"orgUnitId\", \"dueAt\", \"createdById\", \"status\", \"enrolled\", \"createdAt\") SELECT \"id\", \"courseId\", \"orgUnitId\", \"dueAt\", \"createdById\", \"status\", \"enrolled\", \"createdAt\" FROM \"course_assignments\"");
    await queryRunner.query("DROP TABLE \"course_assignments\"");
    await queryRunner.query("ALTER TABLE \"temporary_course_assignments\" RENAME TO \"course_assignments\"");
    await queryRunner.query("CREATE INDEX \"IDX_course_assignments_courseId\" ON \"course_assignments\" (\"courseId\") ");
    await queryRunner.query("DROP INDEX \"IDX_user_audiences_audience_userId\"");
    await queryRunner.query("CREATE TABLE \"temporary_user_audiences\" (\"userId\" varchar(36) NOT NULL, \"audience\" varchar(32) NOT NULL, CONSTRAINT \"FK_user_audiences_userId\" FOREIGN KEY (\"userId\") REFERENCES \"users\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY (\"userId\", \"audience\"))");
    await queryRunner.query("INSERT INTO \"temporary_user_audiences\"(\"userId\", \"audience\") SELECT \"userId\", \"audience\" FROM \"user_audiences\"");
    await queryRunner.query("DROP TABLE \"user_audiences\"");
    await queryRunner.query("ALTER TABLE \"temporary_user_audiences\" RENAME TO \"user_audiences\"");
    await queryRunner.query("CREATE INDEX \"IDX_user_audiences_audience_userId\" ON \"user_audiences\" (\"audience\", \"userId\") ");
    await queryRunner.query("DROP INDEX \"IDX_user_roles_role_userId\"");
    await queryRunner.query("CREATE TABLE \"temporary_user_roles\" (\"userId\" varchar(36) NOT NULL, \"role\" varchar(32) NOT NULL, CONSTRAINT \"FK_user_roles_userId\" FOREIGN KEY (\"userId\") REFERENCES \"users\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY (\"userId\", \"role\"))");
    await queryRunner.query("INSERT INTO \"temporary_user_roles\"(\"userId\", \"role\") SELECT \"userId\", \"role\" FROM \"user_roles\"");
    await queryRunner.query("DROP TABLE \"user_roles\"");
    await queryRunner.query("ALTER TABLE \"temporary_user_roles\" RENAME TO \"user_roles\"");
    await queryRunner.query("CREATE INDEX \"IDX_user_roles_role_userId\" ON \"user_roles\" (\"role\", \"userId\") ");
    await queryRunner.query("DROP INDEX \"IDX_course_tags_tag_courseId\"");
    await queryRunner.query("CREATE TABLE \"temporary_course_tags\" (\"courseId\" varchar(36) NOT NULL, \"tag\" varchar(50) NOT NULL, \"position\" integer NOT NULL, CONSTRAINT \"FK_course_tags_courseId\" FOREIGN KEY (\"courseId\") REFERENCES \"courses\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY (\"courseId\", \"tag\"))");
    await queryRunner.query("INSERT INTO \"temporary_course_tags\"(\"courseId\", \"tag\", \"position\") SELECT \"courseId\", \"tag\", \"position\" FROM \"course_tags\"");
    await queryRunner.query("DROP TABLE \"course_tags\"");
    await queryRunner.query("ALTER TABLE \"temporary_course_tags\" RENAME TO \"course_tags\"");
    await queryRunner.query("CREATE INDEX \"IDX_course_tags_tag_courseId\" ON \"course_tags\" (\"tag\", \"courseId\") ");
    await queryRunner.query("DROP INDEX \"IDX_course_target_audiences_audience_courseId\"");
    await queryRunner.query("CREATE TABLE \"temporary_course_target_audiences\" (\"courseId\" varchar(36) NOT NULL, \"audience\" varchar(32) NOT NULL, CONSTRAINT \"FK_course_target_audiences_courseId\" FOREIGN KEY (\"courseId\") REFERENCES \"courses\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY (\"courseId\", \"audience\"))");
    await queryRunner.query("INSERT INTO \"temporary_course_target_audiences\"(\"courseId\", \"audience\") SELECT \"courseId\", \"audience\" FROM \"course_target_audiences\"");
    await queryRunner.query("DROP TABLE \"course_target_audiences\"");
    await queryRunner.query("ALTER TABLE \"temporary_course_target_audiences\" RENAME TO \"course_target_audiences\"");
    await queryRunner.query("CREATE INDEX \"IDX_course_target_audiences_audience_courseId\" ON \"course_target_audiences\" (\"audience\", \"courseId\") ");
    await queryRunner.query("DROP INDEX \"IDX_course_target_units_orgUnitId_courseId\"");
    await queryRunner.query("CREATE TABLE \"temporary_course_target_units\" (\"courseId\" varchar(36) NOT NULL, \"orgUnitId\" varchar(36) NOT NULL, CONSTRAINT \"FK_course_target_units_courseId\" FOREIGN KEY (\"courseId\") REFERENCES \"courses\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_course_target_units_orgUnitId\" FOREIGN KEY (\"orgUnitId\") REFERENCES \"org_units\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, PRIMARY KEY (\"courseId\", \"orgUnitId\"))");
    await queryRunner.query("INSERT INTO \"temporary_course_target_units\"(\"courseId\", \"orgUnitId\") SELECT \"courseId\", \"orgUnitId\" FROM \"course_target_units\"");
    await queryRunner.query("DROP TABLE \"course_target_units\"");
    await queryRunner.query("ALTER TABLE \"temporary_course_target_units\" RENAME TO \"course_target_units\"");
    await queryRunner.query("CREATE INDEX \"IDX_course_target_units_orgUnitId_courseId\" ON \"course_target_units\" (\"orgUnitId\", \"courseId\") ");
    await queryRunner.query("CREATE TABLE \"temporary_assignment_audiences\" (\"assignmentId\" varchar(36) NOT NULL, \"audience\" varchar(32) NOT NULL, CONSTRAINT \"FK_assignment_audiences_assignmentId\" FOREIGN KEY (\"assignmentId\") REFERENCES \"course_assignments\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY (\"assignmentId\", \"audience\"))");
    await queryRunner.query("INSERT INTO \"temporary_assignment_audiences\"(\"assignmentId\", \"audience\") SELECT \"assignmentId\", \"audience\" FROM \"assignment_audiences\"");
    await queryRunner.query("DROP TABLE \"assignment_audiences\"");
    await queryRunner.query("ALTER TABLE \"temporary_assignment_audiences\" RENAME TO \"assignment_audiences\"");
  }

  /**
   * Hand-written, not the generated down: that one rebuilt users, courses and course_assignments by
   * renaming them away and dropping the copies. TypeORM's undo runs down() inside a transaction,
   * where SQLite ignores `PRAGMA foreign_keys = OFF`; with foreign keys on, those renames rewrite
   * the other tables' references (refresh_tokens, enrolments, …) to the copies, and dropping the
   * copies cascades. Adding the columns back needs no rebuild. SQLite only adds a NOT NULL column to
   * existing rows with a default, so the columns return with DEFAULT '' (the one difference from
   * the schema before; the old code always wrote them).
   */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"users\" ADD COLUMN \"roles\" text NOT NULL DEFAULT ('')");
    await queryRunner.query("ALTER TABLE \"users\" ADD COLUMN \"audiences\" text NOT NULL DEFAULT ('')");
    await queryRunner.query("ALTER TABLE \"courses\" ADD COLUMN \"tags\" text NOT NULL DEFAULT ('')");
    await queryRunner.query("ALTER TABLE \"courses\" ADD COLUMN \"targetAudiences\" text NOT NULL DEFAULT ('')");
    await queryRunner.query("ALTER TABLE \"courses\" ADD COLUMN \"targetUnitIds\" text NOT NULL DEFAULT ('')");
    await queryRunner.query("ALTER TABLE \"course_assignments\" ADD COLUMN \"audiences\" text NOT NULL DEFAULT ('')");
    // The join tables' values back into the columns, before the tables go (their indexes go with them).
    await restoreListsFromRows(queryRunner);
    await queryRunner.query("DROP TABLE \"assignment_audiences\"");
    await queryRunner.query("DROP TABLE \"course_target_units\"");
    await queryRunner.query("DROP TABLE \"course_target_audiences\"");
    await queryRunner.query("DROP TABLE \"course_tags\"");
    await queryRunner.query("DROP TABLE \"user_roles\"");
    await queryRunner.query("DROP TABLE \"user_audiences\"");
  }
}
