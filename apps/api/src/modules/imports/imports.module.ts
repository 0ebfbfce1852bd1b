import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { UserStoreModule } from '../users/user-store.module';
import { ImportRunnerService } from './import-runner.service';
import { ImportsController } from './imports.controller';
import { ImportsProcessor } from './imports.processor';
import { ImportsService } from './imports.service';

/**
 * Bulk import of officials from CSV/XLSX as a queue job, with progress and a rejected-rows report.
 * Loaded by the API and the worker: the worker is an application context, so the controller is
 * never served there; the processor registers the job handler in both.
 */
@Module({
  imports: [AuditModule, UserStoreModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportRunnerService, ImportsProcessor],
  exports: [ImportRunnerService],
})
export class ImportsModule {}
