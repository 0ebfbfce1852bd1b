import { Module } from '@nestjs/common';
import { UserStore } from './user-store.service';

/**
 * The users domain's store of accounts with their roles and audiences, for the domains above it
 * (auth, imports, courses, enrolments) without the users API's controllers and services.
 */
@Module({ providers: [UserStore], exports: [UserStore] })
export class UserStoreModule {}
