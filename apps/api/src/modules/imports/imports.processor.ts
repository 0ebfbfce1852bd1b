import { Injectable, OnModuleInit } from '@nestjs/common';
import { QueueService } from '../../queue/queue.service';
import { ImportRunnerService } from './import-runner.service';

@Injectable()
export class ImportsProcessor implements OnModuleInit {
  constructor(
    private readonly queue: QueueService,
    private readonly runner: ImportRunnerService,
  ) {}

  onModuleInit() {
    this.queue.register('imports.run', (payload, ctx) => this.runner.run(payload, ctx), {
      // Imports still queued or running after a restart of the in-process queue resume after their
      // last committed batch.
      recover: async () => (await this.runner.unfinishedImportIds()).map((importId) => ({ payload: { importId }, jobId: importId })),
    });
  }
}
