import type { LearnerLesson } from '@bdhv/contracts';
import { AttachmentLesson } from './attachment-lesson';
import { QuizLesson } from './quiz-lesson';
import { TextLesson } from './text-lesson';
import { VideoLesson } from './video-lesson';

export interface LessonContentProps {
  lesson: LearnerLesson;
  /** The trainer's preview: the same views, nothing recorded. */
  preview: boolean;
  completed: boolean;
  lastPosition: number;
}

/** The lesson's body by type. Keyed by lesson so moving to the next lesson starts afresh. */
export function LessonContent({ lesson, preview, completed, lastPosition }: LessonContentProps) {
  switch (lesson.type) {
    case 'video':
      return <VideoLesson key={lesson.id} lesson={lesson} preview={preview} completed={completed} lastPosition={lastPosition} />;
    case 'text':
      return <TextLesson key={lesson.id} lesson={lesson} preview={preview} completed={completed} />;
    case 'attachment':
      return <AttachmentLesson key={lesson.id} lesson={lesson} preview={preview} completed={completed} />;
    case 'quiz':
      return <QuizLesson key={lesson.id} />;
  }
}
