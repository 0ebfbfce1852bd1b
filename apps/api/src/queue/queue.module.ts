import { Global, Module } from '@nestjs/common';
import { OutboxService } from './outbox.service';
import { QueueService } from './queue.service';
import { SchedulerService } from './scheduler.service';

/** Jobs (QueueService), schedules (SchedulerService) and outbox events (OutboxService), on either driver. */
@Global()
@Module({ providers: [QueueService, SchedulerService, OutboxService], exports: [QueueService, SchedulerService, OutboxService] })
export class QueueModule {}
