import { MigrationInterface, QueryRunner } from 'typeorm';

export class Courses1795701396622 implements MigrationInterface {
  name = 'Courses1795701396622';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"courses\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"slug\" varchar(100) NOT NULL, \"title\" varchar(255) NOT NULL, \"summary\" varchar(2000) NOT NULL DEFAULT (''), \"coverImageKey\" varchar(255), \"category\" varchar(100) NOT NULL DEFAULT (''), \"tags\" text NOT NULL, \"targetAudiences\" text NOT NULL, \"targetUnitIds\" text NOT NULL, \"estimatedMinutes\" integer, \"status\" varchar(16) NOT NULL DEFAULT ('draft'), \"strictOrder\" boolean NOT NULL DEFAULT (0), \"ownerId\" varchar(36) NOT NULL, \"searchText\" varchar(3000) NOT NULL DEFAULT (''), \"createdAt\" datetime NOT NULL DEFAULT (datetime('now')), \"updatedAt\" datetime NOT NULL DEFAULT (datetime('now')), \"publishedAt\" datetime)");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_courses_slug\" ON \"courses\" (\"slug\") ");
    await queryRunner.query("CREATE INDEX \"IDX_courses_category\" ON \"courses\" (\"category\") ");
    await queryRunner.query("CREATE INDEX \"IDX_courses_status\" ON \"courses\" (\"status\") ");
    await queryRunner.query("CREATE TABLE \"course_modules\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"courseId\" varchar(36) NOT NULL, \"title\" varchar(255) NOT NULL, \"position\" integer NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_course_modules_courseId\" ON \"course_modules\" (\"courseId\") ");
    await queryRunner.query("CREATE TABLE \"course_owners\" (\"courseId\" varchar(36) NOT NULL, \"userId\" varchar(36) NOT NULL, \"role\" varchar(16) NOT NULL, PRIMARY KEY (\"courseId\", \"userId\"))");
    await queryRunner.query("CREATE INDEX \"IDX_course_owners_userId\" ON \"course_owners\" (\"userId\") ");
    await queryRunner.query("CREATE TABLE \"lessons\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"moduleId\" varchar(36) NOT NULL, \"courseId\" varchar(36) NOT NULL, \"title\" varchar(255) NOT NULL, \"type\" varchar(16) NOT NULL, \"position\" integer NOT NULL, \"required\" boolean NOT NULL DEFAULT (1), \"textHtml\" text, \"mediaId\" varchar(36), \"attachmentKey\" varchar(255), \"durationSeconds\" integer)");
    await queryRunner.query("CREATE INDEX \"IDX_lessons_moduleId\" ON \"lessons\" (\"moduleId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_lessons_courseId\" ON \"lessons\" (\"courseId\") ");
    await queryRunner.query("DROP INDEX \"IDX_course_modules_courseId\"");
    await queryRunner.query("CREATE TABLE \"temporary_course_modules\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"courseId\" varchar(36) NOT NULL, \"title\" varchar(255) NOT NULL, \"position\" integer NOT NULL, CONSTRAINT \"FK_0a332e19d988804687be4637bfc\" FOREIGN KEY (\"courseId\") REFERENCES \"courses\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_course_modules\"(\"id\", \"courseId\", \"title\", \"position\") SELECT \"id\", \"courseId\", \"title\", \"position\" FROM \"course_modules\"");
    await queryRunner.query("DROP TABLE \"course_modules\"");
    await queryRunner.query("ALTER TABLE \"temporary_course_modules\" RENAME TO \"course_modules\"");
    await queryRunner.query("CREATE INDEX \"IDX_course_modules_courseId\" ON \"course_modules\" (\"courseId\") ");
    await queryRunner.query("DROP INDEX \"IDX_course_owners_userId\"");
    await queryRunner.query("CREATE TABLE \"temporary_course_owners\" (\"courseId\" varchar(36) NOT NULL, \"userId\" varchar(36) NOT NULL, \"role\" varchar(16) NOT NULL, CONSTRAINT \"FK_ae328906f28fa3ada529dc3a4df\" FOREIGN KEY (\"courseId\") REFERENCES \"courses\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_65c3221021bc825c6567d8d333e\" FOREIGN KEY (\"userId\") REFERENCES \"users\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY (\"courseId\", \"userId\"))");
    await queryRunner.query("INSERT INTO \"temporary_course_owners\"(\"courseId\", \"userId\", \"role\") SELECT \"courseId\", \"userId\", \"role\" FROM \"course_owners\"");
    await queryRunner.query("DROP TABLE \"course_owners\"");
    await queryRunner.query("ALTER TABLE \"temporary_course_owners\" RENAME TO \"course_owners\"");
    await queryRunner.query("CREATE INDEX \"IDX_course_owners_userId\" ON \"course_owners\" (\"userId\") ");
    await queryRunner.query("DROP INDEX \"IDX_lessons_moduleId\"");
    await queryRunner.query("DROP INDEX \"IDX_lessons_courseId\"");
    await queryRunner.query("CREATE TABLE \"temporary_lessons\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"moduleId\" varchar(36) NOT NULL, \"courseId\" varchar(36) NOT NULL, \"title\" varchar(255) NOT NULL, \"type\" varchar(16) NOT NULL, \"position\" integer NOT NULL, \"required\" boolean NOT NULL DEFAULT (1), \"textHtml\" text, \"mediaId\" varchar(36), \"attachmentKey\" varchar(255), \"durationSeconds\" integer, CONSTRAINT \"FK_16e7969589c0b789d9868782259\" FOREIGN KEY (\"moduleId\") REFERENCES \"course_modules\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_lessons\"(\"id\", \"moduleId\", \"courseId\", \"title\", \"type\", \"position\", \"required\", \"textHtml\", \"mediaId\", \"attachmentKey\", \"durationSeconds\") SELECT \"id\", \"moduleId\", \"courseId\", \"title\", \"type\", \"position\", \"required\", \"textHtml\", \"mediaId\", \"attachmentKey\", \"durationSeconds\" FROM \"lessons\"");
    await queryRunner.query("DROP TABLE \"lessons\"");
    await queryRunner.query("ALTER TABLE \"temporary_lessons\" RENAME TO \"lessons\"");
    await queryRunner.query("CREATE INDEX \"IDX_lessons_moduleId\" ON \"lessons\" (\"moduleId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_lessons_courseId\" ON \"lessons\" (\"courseId\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_lessons_courseId\"");
    await queryRunner.query("DROP INDEX \"IDX_lessons_moduleId\"");
    await queryRunner.query("ALTER TABLE \"lessons\" RENAME TO \"temporary_lessons\"");
    await queryRunner.query("CREATE TABLE \"lessons\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"moduleId\" varchar(36) NOT NULL, \"courseId\" varchar(36) NOT NULL, \"title\" varchar(255) NOT NULL, \"type\" varchar(16) NOT NULL, \"position\" integer NOT NULL, \"required\" boolean NOT NULL DEFAULT (1), \"textHtml\" text, \"mediaId\" varchar(36), \"attachmentKey\" varchar(255), \"durationSeconds\" integer)");
    await queryRunner.query("INSERT INTO \"lessons\"(\"id\", \"moduleId\", \"courseId\", \"title\", \"type\", \"position\", \"required\", \"textHtml\", \"mediaId\", \"attachmentKey\", \"durationSeconds\") SELECT \"id\", \"moduleId\", \"courseId\", \"title\", \"type\", \"position\", \"required\", \"textHtml\", \"mediaId\", \"attachmentKey\", \"durationSeconds\" FROM \"temporary_lessons\"");
    await queryRunner.query("DROP TABLE \"temporary_lessons\"");
    await queryRunner.query("CREATE INDEX \"IDX_lessons_courseId\" ON \"lessons\" (\"courseId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_lessons_moduleId\" ON \"lessons\" (\"moduleId\") ");
    await queryRunner.query("DROP INDEX \"IDX_course_owners_userId\"");
    await queryRunner.query("ALTER TABLE \"course_owners\" RENAME TO \"temporary_course_owners\"");
    await queryRunner.query("CREATE TABLE \"course_owners\" (\"courseId\" varchar(36) NOT NULL, \"userId\" varchar(36) NOT NULL, \"role\" varchar(16) NOT NULL, PRIMARY KEY (\"courseId\", \"userId\"))");
    await queryRunner.query("INSERT INTO \"course_owners\"(\"courseId\", \"userId\", \"role\") SELECT \"courseId\", \"userId\", \"role\" FROM \"temporary_course_owners\"");
    await queryRunner.query("DROP TABLE \"temporary_course_owners\"");
    await queryRunner.query("CREATE INDEX \"IDX_course_owners_userId\" ON \"course_owners\" (\"userId\") ");
    await queryRunner.query("DROP INDEX \"IDX_course_modules_courseId\"");
    await queryRunner.query("ALTER TABLE \"course_modules\" RENAME TO \"temporary_course_modules\"");
    await queryRunner.query("CREATE TABLE \"course_modules\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"courseId\" varchar(36) NOT NULL, \"title\" varchar(255) NOT NULL, \"position\" integer NOT NULL)");
    await queryRunner.query("INSERT INTO \"course_modules\"(\"id\", \"courseId\", \"title\", \"position\") SELECT \"id\", \"courseId\", \"title\", \"position\" FROM \"temporary_course_modules\"");
    await queryRunner.query("DROP TABLE \"temporary_course_modules\"");
    await queryRunner.query("CREATE INDEX \"IDX_course_modules_courseId\" ON \"course_modules\" (\"courseId\") ");
    await queryRunner.query("DROP INDEX \"IDX_lessons_courseId\"");
    await queryRunner.query("DROP INDEX \"IDX_lessons_moduleId\"");
    await queryRunner.query("DROP TABLE \"lessons\"");
    await queryRunner.query("DROP INDEX \"IDX_course_owners_userId\"");
    await queryRunner.query("DROP TABLE \"course_owners\"");
    await queryRunner.query("DROP INDEX \"IDX_course_modules_courseId\"");
    await queryRunner.query("DROP TABLE \"course_modules\"");
    await queryRunner.query("DROP INDEX \"IDX_courses_status\"");
    await queryRunner.query("DROP INDEX \"IDX_courses_category\"");
    await queryRunner.query("DROP INDEX \"UQ_courses_slug\"");
    await queryRunner.query("DROP TABLE \"courses\"");
  }
}
