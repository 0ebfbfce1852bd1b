import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, PROCESS_ROLE } from '../../common/tokens';
import type { ProcessRole } from '../../queue/job-map';
import { QueueService } from '../../queue/queue.service';
import { ImportRunnerService } from './import-runner.service';

@Injectable()
export class ImportsProcessor implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly queue: QueueService,
    private readonly runner: ImportRunnerService,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit() {
    this.queue.register('imports.run', (payload, ctx) => this.runner.run(payload, ctx));
  }

  /**
   * The inline queue keeps jobs in memory: after a restart, imports still queued or running would
   * wait forever. They are enqueued again and resume after their last committed batch. (BullMQ
   * keeps its jobs in Redis and needs none of this.)
   */
  async onApplicationBootstrap() {
    if (this.role !== 'api' || this.queue.driver.name !== 'inline') return;
    try {
      for (const importId of await this.runner.unfinishedImportIds()) {
        await this.queue.enqueue('imports.run', { importId }, { jobId: importId });
      }
    } catch (err) {
      this.logger.error({ err }, 'could not resume unfinished imports');
    }
  }
}
