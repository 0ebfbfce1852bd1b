import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/tokens';
import { QueueService } from '../../queue/queue.service';

/**
 * Placeholder consumer of `learning.course_completed`: logs the completion. Certificates and
 * statistics will replace or extend it; it exists so every job in the job map has a handler.
 */
@Injectable()
export class CourseCompletedLogProcessor implements OnModuleInit {
  constructor(
    private readonly queue: QueueService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit() {
    this.queue.register('learning.course_completed', async (payload, ctx) => {
      this.logger.info({ ...payload, jobId: ctx.jobId }, 'course completed');
    });
  }
}
