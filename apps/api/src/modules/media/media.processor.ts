import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, PROCESS_ROLE } from '../../common/tokens';
import type { ProcessRole } from '../../queue/job-map';
import { QueueService } from '../../queue/queue.service';
import { MediaService } from './media.service';

@Injectable()
export class MediaProcessor implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly queue: QueueService,
    private readonly media: MediaService,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit() {
    this.queue.register('media.process', (payload, ctx) => this.media.process(payload.assetId, ctx));
  }

  /** The inline queue forgets its jobs on restart: videos still processing are enqueued again. */
  async onApplicationBootstrap() {
    if (this.role !== 'api' || this.queue.driver.name !== 'inline') return;
    try {
      for (const assetId of await this.media.unfinishedIds()) await this.queue.enqueue('media.process', { assetId }, { jobId: assetId });
    } catch (err) {
      this.logger.error({ err }, 'could not resume media processing');
    }
  }
}
