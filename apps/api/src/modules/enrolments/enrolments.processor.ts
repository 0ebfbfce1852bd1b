import { Injectable, OnModuleInit } from '@nestjs/common';
import { QueueService } from '../../queue/queue.service';
import { EnrolmentsService } from './enrolments.service';

/** Registers the `enrolments.assign` handler (API with the inline queue, and the worker). */
@Injectable()
export class EnrolmentsProcessor implements OnModuleInit {
  constructor(
    private readonly queue: QueueService,
    private readonly enrolments: EnrolmentsService,
  ) {}

  onModuleInit() {
    this.queue.register('enrolments.assign', ({ assignmentId }) => this.enrolments.runAssignment(assignmentId), {
      // Assignments still queued or running after a restart of the in-process queue run again (idempotent).
      recover: async () => (await this.enrolments.unfinishedAssignmentIds()).map((assignmentId) => ({ payload: { assignmentId }, jobId: assignmentId })),
    });
  }
}
