import { Injectable, OnModuleInit } from '@nestjs/common';
import { LessonTypeRegistry } from './lesson-types';

/**
 * Quiz lessons until the quizzes domain exists: no content, nothing to check at publishing, and
 * completed only by their own domain (so a learner cannot mark one done). The quizzes module
 * registers the real plug-in and this one is removed.
 */
@Injectable()
export class QuizPlaceholderLessonType implements OnModuleInit {
  constructor(private readonly registry: LessonTypeRegistry) {}

  onModuleInit() {
    this.registry.register({ type: 'quiz', completion: 'graded', publishProblems: async () => [], learnerView: async () => ({ textHtml: null, media: null }) });
  }
}
