import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { UserStoreModule } from './user-store.module';

/** Users: listing, detail, create, edit, disable, forced reset — scoped to the caller's unit subtree. */
@Module({ imports: [AuditModule, UserStoreModule], controllers: [UsersController], providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
