import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Users: listing, detail, create, edit, disable, forced reset — scoped to the caller's unit subtree. */
@Module({ imports: [], controllers: [UsersController], providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
