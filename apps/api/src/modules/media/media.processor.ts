import { Injectable, OnModuleInit } from '@nestjs/common';
import { QueueService } from '../../queue/queue.service';
import { SchedulerService } from '../../queue/scheduler.service';
import { MediaService } from './media.service';

/** How often abandoned uploads are swept. */
export const UPLOAD_SWEEP_INTERVAL_MS = 3600_000;
export const UPLOAD_SWEEP_SCHEDULE = 'media.sweep-uploads';

@Injectable()
export class MediaProcessor implements OnModuleInit {
  constructor(
    private readonly queue: QueueService,
    private readonly scheduler: SchedulerService,
    private readonly media: MediaService,
  ) {}

  onModuleInit() {
    this.queue.register('media.process', (payload, ctx) => this.media.process(payload.assetId, ctx), {
      // Videos still `processing` after a restart of the in-process queue are transcoded again.
      recover: async () => (await this.media.unfinishedIds()).map((assetId) => ({ payload: { assetId }, jobId: assetId })),
    });
    // A short job: it lists `uploading` rows and deletes the abandoned ones (one winner per row).
    this.scheduler.recurring(UPLOAD_SWEEP_SCHEDULE, { every: UPLOAD_SWEEP_INTERVAL_MS }, async () => {
      await this.media.sweepAbandonedUploads();
    });
  }
}
