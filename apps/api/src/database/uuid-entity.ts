import { randomUUID } from 'node:crypto';
import { BeforeInsert, PrimaryColumn } from 'typeorm';

/**
 * A UUID primary key stored as varchar(36) on every database. (TypeORM's generated 'uuid' becomes
 * MariaDB's native uuid type, which would make the MariaDB schema differ from MySQL and SQLite.)
 * Bulk inserts that bypass entity listeners must set `id` themselves.
 */
export abstract class UuidEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= randomUUID();
  }
}
