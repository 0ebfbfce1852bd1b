import { Injectable } from '@nestjs/common';
import type { FieldError, LearnerLesson, LessonDetail, LessonType } from '@bdhv/contracts';
import type { EntityManager } from 'typeorm';
import type { Lesson } from './lesson.entity';

/**
 * How a learner completes a lesson of a type:
 * - `watch`: video heartbeats until enough is watched (progress module);
 * - `mark`: the learner marks it done (text read to the end, attachment opened);
 * - `graded`: the type's own domain completes it (a quiz passed).
 */
export type CompletionRule = 'watch' | 'mark' | 'graded';

/** One lesson handed to a type's publish check, with the field path its problems are reported under. */
export interface PublishItem {
  lesson: LessonDetail;
  /** e.g. `modules.0.lessons.2` */
  at: string;
}

/**
 * A lesson type's plug-in: everything the platform needs to know about lessons of that type, in
 * one place. The courses domain owns lessons and calls these; the domain that owns the type's
 * content (text here, video and attachments in media, quizzes in quizzes) registers it at start.
 */
export interface LessonTypePlugin {
  readonly type: LessonType;
  readonly completion: CompletionRule;
  /** Why the course cannot be published yet, for every lesson of this type in it (one query per type, not per lesson). */
  publishProblems(em: EntityManager, items: PublishItem[]): Promise<FieldError[]>;
  /** The type's part of a learner's view of one lesson. */
  learnerView(em: EntityManager, lesson: Lesson): Promise<Pick<LearnerLesson, 'textHtml' | 'media'>>;
}

/** The registered lesson types. A lesson whose type has no plug-in is a start-up wiring error, never a user error. */
@Injectable()
export class LessonTypeRegistry {
  private readonly plugins = new Map<LessonType, LessonTypePlugin>();

  register(plugin: LessonTypePlugin): void {
    if (this.plugins.has(plugin.type)) throw new Error(`Lesson type "${plugin.type}" is registered twice`);
    this.plugins.set(plugin.type, plugin);
  }

  get(type: LessonType): LessonTypePlugin {
    const plugin = this.plugins.get(type);
    if (!plugin) throw new Error(`No plug-in registered for lesson type "${type}"`);
    return plugin;
  }

  types(): LessonType[] {
    return [...this.plugins.keys()];
  }
}
