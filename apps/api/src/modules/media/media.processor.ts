import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, PROCESS_ROLE } from '../../common/tokens';
import type { ProcessRole } from '../../queue/job-map';
import { QueueService } from '../../queue/queue.service';
import { MediaService } from './media.service';

/** How often the sweep of abandoned uploads is scheduled. */
export const UPLOAD_SWEEP_INTERVAL_MS = 3600_000;

@Injectable()
export class MediaProcessor implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly queue: QueueService,
    private readonly media: MediaService,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit() {
    this.queue.register('media.process', (payload, ctx) => this.media.process(payload.assetId, ctx));
    this.queue.register('media.sweep_uploads', async () => {
      await this.media.sweepAbandonedUploads();
    });
  }

  async onApplicationBootstrap() {
    // Every process that runs jobs schedules the sweep; the job id is the hour, so however many
    // processes do, BullMQ (and the inline driver) keep one job per hour.
    if (this.queue.runsWorkers) {
      void this.scheduleSweep();
      this.sweepTimer = setInterval(() => void this.scheduleSweep(), UPLOAD_SWEEP_INTERVAL_MS);
      this.sweepTimer.unref();
    }
    // The inline queue forgets its jobs on restart: videos still processing are enqueued again.
    if (this.role !== 'api' || this.queue.driver.name !== 'inline') return;
    try {
      for (const assetId of await this.media.unfinishedIds()) await this.queue.enqueue('media.process', { assetId }, { jobId: assetId });
    } catch (err) {
      this.logger.error({ err }, 'could not resume media processing');
    }
  }

  onApplicationShutdown() {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
  }

  /** Enqueues this hour's sweep (a no-op when it is already queued or done). */
  async scheduleSweep(now = Date.now()): Promise<void> {
    const slot = new Date(Math.floor(now / UPLOAD_SWEEP_INTERVAL_MS) * UPLOAD_SWEEP_INTERVAL_MS).toISOString();
    try {
      await this.queue.enqueue('media.sweep_uploads', { slot }, { jobId: `media-sweep-${slot.replace(/[^0-9]/g, '')}` });
    } catch (err) {
      this.logger.warn({ err }, 'could not schedule the sweep of abandoned uploads');
    }
  }
}
