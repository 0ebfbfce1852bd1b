import { Module } from '@nestjs/common';

/** Bulk import of officials from CSV/XLSX as a queue job, with progress and a rejected-rows report. */
@Module({ imports: [], controllers: [], providers: [], exports: [] })
export class ImportsModule {}
