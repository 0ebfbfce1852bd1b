import { Module } from '@nestjs/common';

/** Users: listing, detail, create, edit, disable, forced reset — scoped to the caller's unit subtree. */
@Module({ imports: [], controllers: [], providers: [], exports: [] })
export class UsersModule {}
