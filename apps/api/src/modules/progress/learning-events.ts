import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/tokens';

export interface CourseCompletedEvent {
  enrolmentId: string;
  userId: string;
  courseId: string;
  completedAt: Date;
}

/**
 * In-process learning events (typed). Published after the change has committed, once per
 * completion. Out-of-process consumers use the `learning.course_completed` job instead.
 */
@Injectable()
export class LearningEvents {
  private readonly emitter = new EventEmitter();

  constructor(@Inject(LOGGER) private readonly logger: Logger) {
    this.emitter.setMaxListeners(50);
  }

  /** Returns a function that removes the listener. A failing listener is logged, never thrown at the producer. */
  onCourseCompleted(listener: (event: CourseCompletedEvent) => void | Promise<void>): () => void {
    const wrapped = (event: CourseCompletedEvent) => {
      Promise.resolve()
        .then(() => listener(event))
        .catch((err) => this.logger.error({ err, event }, 'course-completed listener failed'));
    };
    this.emitter.on('course.completed', wrapped);
    return () => this.emitter.off('course.completed', wrapped);
  }

  emitCourseCompleted(event: CourseCompletedEvent): void {
    this.emitter.emit('course.completed', event);
  }
}
