import { Injectable, OnModuleInit } from '@nestjs/common';
import { LessonTypeRegistry, LessonTypePlugin } from './lesson-types';
import { isEmptyLessonHtml, sanitizeLessonHtml } from './sanitize-lesson-html';

/** Text lessons: sanitized rich text; the learner completes one by reading to its end. */
@Injectable()
export class TextLessonType implements OnModuleInit {
  constructor(private readonly registry: LessonTypeRegistry) {}

  onModuleInit() {
    const plugin: LessonTypePlugin = {
      type: 'text',
      completion: 'mark',
      publishProblems: async (_em, items) =>
        items.filter(({ lesson }) => isEmptyLessonHtml(lesson.textHtml)).map(({ lesson, at }) => ({ field: `${at}.textHtml`, message: `Bài học "${lesson.title}" chưa có nội dung.` })),
      // Sanitized on write too; again on read so rows written outside the service, and rows stored
      // under an older, looser policy, reach a browser only as the current policy allows.
      learnerView: async (_em, lesson) => ({ textHtml: sanitizeLessonHtml(lesson.textHtml ?? ''), media: null }),
    };
    this.registry.register(plugin);
  }
}
