import { Module } from '@nestjs/common';

/** The province's organisation tree: listing, create, rename, move, merge. */
@Module({ imports: [], controllers: [], providers: [], exports: [] })
export class OrgUnitsModule {}
